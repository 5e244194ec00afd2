"""Who changed what and when: written by form edits and bulk actions, shown to the methodist, read-only."""

from datetime import date

import pytest
from django.urls import reverse

from certificates.services import revoke
from core import submissions
from core.models import AuditEntry
from qualification.certificates import issue_for_records
from qualification.services import record_confirm
from tests import factories
from tests.create_forms import CREATE_FORMS
from tests.test_schools_access import STAFF_FORM, version_of
from tests.walking import Page, writing_form


def history_url(label, pk):
    return reverse("schools:history", args=[label, pk])


def test_a_form_edit_is_recorded_with_old_and_new_values(methodist, methodist_client, director_a_client, teacher_a):
    url = reverse("schools:staff_edit", args=[teacher_a.pk])
    director_a_client.post(
        url, {**STAFF_FORM, "phone": "+996 555 111 222", "version": version_of(director_a_client, url)}
    )
    entry = AuditEntry.objects.get(object_id=teacher_a.pk, action="changed")
    assert entry.changes["phone"] == ["", "+996 555 111 222"]
    assert entry.changes["surname"] == ["Өмүрова", "Жолдошева"]
    assert entry.actor.username == "director_a"
    page = methodist_client.get(history_url("schools.staffmember", teacher_a.pk))
    assert "+996 555 111 222" in page.content.decode()


def test_the_history_names_fields_in_the_readers_language(methodist, methodist_client, director_a_client, teacher_a):
    url = reverse("schools:staff_edit", args=[teacher_a.pk])
    director_a_client.post(
        url, {**STAFF_FORM, "phone": "+996 555 111 222", "version": version_of(director_a_client, url)}
    )
    methodist.language = "ru"
    methodist.save()
    content = methodist_client.get(history_url("schools.staffmember", teacher_a.pk)).content.decode()
    assert "<strong>Телефон</strong>" in content
    assert "<strong>phone</strong>" not in content


def history_cells(client, label, pk):
    """The text of the history's "Changes" cells, as the reader sees them."""
    page = Page("/", client.get(history_url(label, pk)).content.decode())
    return " | ".join(page.rows)


def test_the_history_shows_choice_names_not_stored_keys(methodist, methodist_client, office, teacher_a):
    """A confirmed record, a revoked certificate and a signed protocol, read in Kyrgyz: names, not keys."""
    methodist.language = "ky"
    methodist.save()
    factories.make_certificate_settings(office)
    record = factories.make_record(teacher_a, state="completed")
    record_confirm(record=record, by=methodist)
    record_row = history_cells(methodist_client, "qualification.courserecord", record.pk)
    assert "Аяктады, ырастоону күтүүдө → Ырасталды" in record_row
    assert "confirmed" not in record_row
    certificate = issue_for_records(record_ids=[record.pk], layout="ky", by=methodist)[1][0]
    revoke(certificate=certificate, by=methodist, reason="Ката")
    certificate_row = history_cells(methodist_client, "certificates.certificate", certificate.pk)
    assert "Абалы : Жарактуу → Жокко чыгарылган" in certificate_row
    assert "valid" not in certificate_row


def test_a_bulk_cohort_writes_one_entry_per_record(methodist_client, office, teacher_a, teacher_b):
    course = factories.make_course(office, starts_on=date(2020, 1, 1))
    methodist_client.post(
        reverse("qualification:cohort", args=[course.pk]),
        {
            "starts_on": "2023-01-09",
            "completed_on": "2023-01-14",
            "hours": 72,
            "document_kind": "certificate",
            "people": [teacher_a.pk, teacher_b.pk],
        },
    )
    entries = AuditEntry.objects.filter(source="bulk", action="created")
    assert entries.count() == 2
    assert AuditEntry.objects.filter(content_type__model="courserun", action="created", parent_id=course.pk).exists()
    assert {entry.actor.username for entry in entries} == {"methodist"}


def test_history_is_for_the_methodist_of_the_district_only(director_a_client, methodist_client, other_office_school):
    outsider = factories.make_staff(other_office_school)
    assert director_a_client.get(history_url("schools.staffmember", outsider.pk)).status_code == 403
    assert methodist_client.get(history_url("schools.staffmember", outsider.pk)).status_code == 404
    assert methodist_client.get(history_url("schools.user", 1)).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_history_cannot_be_changed_through_the_app(methodist_client, teacher_a, method):
    url = history_url("schools.staffmember", teacher_a.pk)
    assert getattr(methodist_client, method)(url).status_code in (403, 405)


HISTORY_EDITS = {
    "activity": ("mentorship.activity", "mentorship:activity_edit", "topic"),
    "course": ("qualification.course", "qualification:course_edit", "title"),
    "project": ("partners.project", "partners:project_edit", "title"),
    "adoption": ("partners.adoption", "partners:adoption_edit", "notes"),
    "school": ("schools.school", "schools:school_edit", "name"),
    "organisation": ("partners.partnerorganisation", "partners:organisation_edit", "name"),
}


@pytest.mark.parametrize("create_form", [form for form in CREATE_FORMS if form.__name__ in HISTORY_EDITS])
def test_creating_and_editing_leave_entries_the_methodist_reads(request, create_form, methodist_client):
    label, edit_name, field = HISTORY_EDITS[create_form.__name__]
    client_fixture, url, model, typed = create_form(request)
    client = request.getfixturevalue(client_fixture)
    action, shown = writing_form(client, url, submissions.FIELD)
    assert client.post(action, {**shown, **typed}).status_code == 302
    saved = model.objects.latest("pk")
    edit_action, edit_shown = writing_form(client, reverse(edit_name, args=[saved.pk]), submissions.FIELD)
    assert client.post(edit_action, {**edit_shown, field: "Өзгөртүлгөн"}).status_code == 302
    entries = AuditEntry.objects.filter(content_type__model=model._meta.model_name, object_id=saved.pk)
    assert sorted(entry.action for entry in entries) == ["changed", "created"]
    assert all(entry.actor is not None for entry in entries)
    assert entries.get(action="changed").changes[field][1] == "Өзгөртүлгөн"
    detail = Page("/", methodist_client.get(saved.get_absolute_url()).content.decode())
    history = reverse("schools:history", args=[label, saved.pk])
    assert history in [link.href for link in detail.links]
    assert "Өзгөртүлгөн" in history_cells(methodist_client, label, saved.pk)
