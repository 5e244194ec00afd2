"""Revoking asks and explains first; a replacement is offered wherever the record behind a certificate still
qualifies, for every kind of certificate that has one, and nowhere else."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import CertificateError, reissue, revoke
from mentorship.certificates import issue_for_appointment
from qualification.certificates import issue_for_records
from tests import factories
from tests import factories_mentorship as mf
from tests.walking import Page


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def course_certificate(office, teacher_a, methodist):
    factories.make_certificate_settings(office)
    record = factories.make_record(teacher_a, completed_on=date(2025, 5, 14))
    return issue_for_records(record_ids=[record.pk], layout="ky+ru", by=methodist)[1][0]


@pytest.fixture
def mentorship_certificate(office, teacher_b, methodist):
    factories.make_certificate_settings(office)
    return issue_for_appointment(appointment=mf.make_appointment(teacher_b), by=methodist, layout="ky+ru")


def buttons(client, certificate):
    page = Page(certificate.get_absolute_url(), client.get(certificate.get_absolute_url()).content.decode())
    return {form.action for form in page.forms if form.method == "post"} | {link.href for link in page.links}


def test_the_revoke_link_opens_a_page_that_says_what_happens(methodist_client, course_certificate):
    revoke_url = reverse("certificates:revoke", args=[course_certificate.pk])
    assert revoke_url in buttons(methodist_client, course_certificate)
    page = methodist_client.get(revoke_url).content.decode()
    assert course_certificate.code in page
    assert Certificate.objects.get(pk=course_certificate.pk).status == "valid"  # opening the page changes nothing


def test_revoking_without_a_reason_keeps_the_certificate_and_says_why(methodist_client, course_certificate):
    url = reverse("certificates:revoke", args=[course_certificate.pk])
    response = methodist_client.post(url, {"reason": "  "})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert Certificate.objects.get(pk=course_certificate.pk).status == "valid"
    assert methodist_client.post(url, {"reason": "Ката"}).status_code == 302
    assert Certificate.objects.get(pk=course_certificate.pk).revocation_reason == "Ката"


def test_a_revoked_certificate_is_not_offered_for_revoking_again(methodist_client, methodist, course_certificate):
    revoke(certificate=course_certificate, by=methodist, reason="Ката")
    assert reverse("certificates:revoke", args=[course_certificate.pk]) not in buttons(
        methodist_client, course_certificate
    )
    response = methodist_client.post(reverse("certificates:revoke", args=[course_certificate.pk]), {"reason": "x"})
    assert response.status_code == 302
    assert Certificate.objects.get(pk=course_certificate.pk).revocation_reason == "Ката"


@pytest.mark.parametrize("kind", ["course_certificate", "mentorship_certificate"])
def test_a_revoked_certificate_offers_its_replacement_and_its_public_page_links_to_it(
    request, kind, methodist_client, methodist, anonymous_client
):
    old = request.getfixturevalue(kind)
    revoke(certificate=old, by=methodist, reason="Ката")
    reissue_url = reverse("certificates:reissue", args=[old.pk])
    assert reissue_url in buttons(methodist_client, old)
    response = methodist_client.post(reissue_url)
    new = Certificate.objects.get(supersedes=old)
    assert response["Location"] == new.get_absolute_url()
    assert (new.kind, new.status, new.holder_id) == (old.kind, "valid", old.holder_id)
    old.refresh_from_db()
    assert old.status == "revoked"
    public = anonymous_client.get(reverse("verify_code", args=[old.code])).content.decode()
    assert reverse("verify_code", args=[new.code]) in public
    assert reissue_url not in buttons(methodist_client, old)  # replaced once


def test_a_mentorship_certificate_is_reissued_like_a_course_certificate(methodist, mentorship_certificate):
    new = reissue(certificate=mentorship_certificate, by=methodist)
    mentorship_certificate.refresh_from_db()
    assert mentorship_certificate.status == "superseded"
    assert new.mentor_appointment_id == mentorship_certificate.mentor_appointment_id
    assert new.title_ru == mentorship_certificate.title_ru


def test_no_replacement_where_the_record_no_longer_qualifies(methodist_client, methodist, course_certificate):
    revoke(certificate=course_certificate, by=methodist, reason="Курс өтүлгөн эмес")
    course_certificate.course_record.state = "rejected"
    course_certificate.course_record.save()
    assert reverse("certificates:reissue", args=[course_certificate.pk]) not in buttons(
        methodist_client, course_certificate
    )
    with pytest.raises(CertificateError):
        reissue(certificate=course_certificate, by=methodist)
    assert not Certificate.objects.filter(supersedes=course_certificate).exists()
