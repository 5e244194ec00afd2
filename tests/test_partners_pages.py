"""League and partner pages by role: who sees and edits what, refused input, exports, files, query counts."""

import io
import os
import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from partners.models import (
    OUTSIDE_OFFICE_MESSAGE,
    Adoption,
    AdoptionStageChange,
    Contribution,
    Direction,
    LeagueEvent,
    LeagueMembership,
    Project,
    ProjectFile,
    ProviderLink,
)
from partners.selectors import adoption_grid
from tests import factories
from tests import factories_partners as league_factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(size=(2400, 1200), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "green").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def league(office, methodist):
    return league_factories.make_league(office, coordinator=methodist)


@pytest.fixture
def direction(league):
    return league_factories.make_direction(league, name_kk="Экология", name_ky="Экология", name_ru="Экология")


@pytest.fixture
def project_a(league, school_a, direction):
    return league_factories.make_project(league, school_a, direction=direction, title="Жылыжай кешені")


@pytest.fixture
def member_b(league, school_b):
    return league_factories.make_member(league, school_b)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def error_codes(response, field):
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


def project_data(direction, **changes):
    data = {
        "title": "IT Digital студиясы",
        "direction": direction.pk,
        "aim": "Балалар телевидениесі арқылы жаңалық тарату.",
        "description": "SMM, мобилография курсы, 3D принтер.",
        "started_on": "2024-09-02",
        "state": "shared",
        "results": "",
        "target_adoptions": 5,
    }
    return {**data, **changes}


# Every page opens for the roles it is meant for -----------------------------------------------------------


@pytest.fixture
def full_league(league, project_a, school_b, member_b, office):
    adoption = league_factories.make_adoption(project_a, school_b, evidence=SimpleUploadedFile("order.pdf", PDF))
    event = league_factories.make_event(league, school_b, projects=[project_a])
    organisation = league_factories.make_organisation(office)
    contribution = league_factories.make_contribution(organisation, schools=[school_b])
    project_file = ProjectFile.objects.create(
        project=project_a, kind="document", file=SimpleUploadedFile("plan.pdf", PDF), caption="Жоспар"
    )
    return {
        "league": league,
        "project": project_a,
        "adoption": adoption,
        "event": event,
        "organisation": organisation,
        "contribution": contribution,
        "file": project_file,
        "school": school_b,
    }


METHODIST_PAGES = [
    ("partners:leagues", None),
    ("partners:league_create", None),
    ("partners:dashboard", "league"),
    ("partners:league_edit", "league"),
    ("partners:members", "league"),
    ("partners:directions", "league"),
    ("partners:report", "league"),
    ("partners:project_create", "league"),
    ("partners:event_create", "league"),
    ("partners:projects", None),
    ("partners:project_detail", "project"),
    ("partners:project_edit", "project"),
    ("partners:project_file_create", "project"),
    ("partners:adoption_record", "project"),
    ("partners:project_file", "file"),
    ("partners:adoption_detail", "adoption"),
    ("partners:adoption_edit", "adoption"),
    ("partners:adoption_evidence", "adoption"),
    ("partners:events", None),
    ("partners:event_edit", "event"),
    ("partners:organisations", None),
    ("partners:organisation_create", None),
    ("partners:organisation_detail", "organisation"),
    ("partners:organisation_edit", "organisation"),
    ("partners:contribution_create", "organisation"),
    ("partners:contributions", None),
    ("partners:contribution_edit", "contribution"),
    ("partners:school_contributions", "school"),
]


@pytest.mark.parametrize(("name", "argument"), METHODIST_PAGES)
def test_methodist_opens_every_page(methodist_client, full_league, name, argument):
    url = reverse(name, args=[full_league[argument].pk] if argument else [])
    response = methodist_client.get(url)
    assert response.status_code == 200, (name, response.status_code)
    if response["Content-Type"].startswith("text/html"):
        assert not re.search(r"\sstyle=", response.content.decode()), "the CSP forbids inline styles"
        assert "<script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "argument", "status"),
    [
        ("partners:my_school", None, 200),
        ("partners:projects", None, 200),
        ("partners:project_detail", "project", 200),
        ("partners:adoption_detail", "adoption", 200),
        ("partners:adoption_edit", "adoption", 200),  # school B adopted the project
        ("partners:members", "league", 200),
        ("partners:directions", "league", 200),
        ("partners:events", None, 200),
        ("partners:organisations", None, 200),
        ("partners:organisation_detail", "organisation", 200),
        ("partners:school_contributions", "school", 200),
        ("partners:project_edit", "project", 404),  # school A's project
        ("partners:project_file_create", "project", 404),
        ("partners:dashboard", "league", 403),
        ("partners:report", "league", 403),
        ("partners:event_create", "league", 403),
        ("partners:organisation_create", None, 403),
        ("partners:contribution_edit", "contribution", 403),
    ],
)
def test_director_of_school_b_pages(director_b_client, full_league, name, argument, status):
    url = reverse(name, args=[full_league[argument].pk] if argument else [])
    assert director_b_client.get(url).status_code == status


def test_home_sends_each_role_to_its_page(methodist_client, director_a_client, teacher_client, league):
    assert methodist_client.get(reverse("partners:home"))["Location"] == reverse("partners:dashboard", args=[league.pk])
    assert director_a_client.get(reverse("partners:home"))["Location"] == reverse("partners:my_school")
    assert teacher_client.get(reverse("partners:home"))["Location"] == reverse("partners:projects")


def test_home_lists_leagues_when_there_are_none_or_several(methodist_client, office):
    assert methodist_client.get(reverse("partners:home"))["Location"] == reverse("partners:leagues")
    league_factories.make_league(office)
    league_factories.make_league(office)
    assert methodist_client.get(reverse("partners:home"))["Location"] == reverse("partners:leagues")
    assert len(methodist_client.get(reverse("partners:leagues")).context["rows"]) == 2


# Objects of another office are absent ---------------------------------------------------------------------


def test_another_offices_league_and_projects_are_404(methodist_client, director_a_client, other_office):
    other_league = league_factories.make_league(other_office)
    other_school = factories.make_school(other_office)
    other_project = league_factories.make_project(other_league, other_school)
    organisation = league_factories.make_organisation(other_office)
    assert methodist_client.get(reverse("partners:dashboard", args=[other_league.pk])).status_code == 404
    assert methodist_client.get(reverse("partners:project_detail", args=[other_project.pk])).status_code == 404
    assert director_a_client.get(reverse("partners:project_detail", args=[other_project.pk])).status_code == 404
    assert methodist_client.get(reverse("partners:organisation_detail", args=[organisation.pk])).status_code == 404
    assert methodist_client.get(reverse("partners:school_contributions", args=[other_school.pk])).status_code == 404


# Projects -------------------------------------------------------------------------------------------------


def test_director_registers_a_project_of_own_school(director_a, director_a_client, league, school_a, direction):
    league_factories.make_member(league, school_a)
    response = director_a_client.post(reverse("partners:project_create", args=[league.pk]), project_data(direction))
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert (project.owner_school, project.league, project.created_by) == (school_a, league, director_a)
    assert project.target_adoptions == 5


def test_a_director_cannot_slip_in_another_owner_school(director_a_client, league, school_a, school_b, direction):
    league_factories.make_member(league, school_a)
    league_factories.make_member(league, school_b)
    director_a_client.post(
        reverse("partners:project_create", args=[league.pk]), project_data(direction, owner_school=school_b.pk)
    )
    assert Project.objects.get().owner_school == school_a


def test_a_director_of_a_school_outside_the_league_cannot_register_a_project(director_b_client, league, direction):
    response = director_b_client.post(
        reverse("partners:project_create", args=[league.pk]), project_data(direction, title="Оқу кейстері")
    )
    assert response.status_code == 200
    assert error_codes(response, "__all__") == ["not_member"]
    assert response.context["form"]["title"].value() == "Оқу кейстері"
    assert not Project.objects.exists()


def test_director_edits_own_project(director_a_client, project_a, direction):
    response = director_a_client.post(
        reverse("partners:project_edit", args=[project_a.pk]),
        project_data(direction, title="Жылыжай кешені және биоотын"),
    )
    assert response.status_code == 302
    project_a.refresh_from_db()
    assert project_a.title == "Жылыжай кешені және биоотын"


def test_director_cannot_edit_another_schools_project(director_b_client, member_b, project_a, direction):
    url = reverse("partners:project_edit", args=[project_a.pk])
    assert director_b_client.get(url).status_code == 404
    response = director_b_client.post(url, project_data(direction, title="Басып алынған"))
    assert response.status_code == 404
    project_a.refresh_from_db()
    assert project_a.title == "Жылыжай кешені"
    file_url = reverse("partners:project_file_create", args=[project_a.pk])
    response = director_b_client.post(file_url, {"kind": "document", "file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 404
    assert not ProjectFile.objects.exists()


def test_teacher_reads_projects_but_changes_nothing(teacher_client, project_a, direction):
    assert teacher_client.get(reverse("partners:project_detail", args=[project_a.pk])).status_code == 200
    assert teacher_client.get(reverse("partners:project_edit", args=[project_a.pk])).status_code == 403
    assert teacher_client.post(reverse("partners:adoption_record", args=[project_a.pk])).status_code == 403


def test_another_schools_draft_is_hidden_from_directors(director_b_client, methodist_client, league, school_a):
    draft = league_factories.make_project(league, school_a, state="draft", title="Әзірге жоба")
    assert director_b_client.get(reverse("partners:project_detail", args=[draft.pk])).status_code == 404
    assert methodist_client.get(reverse("partners:project_detail", args=[draft.pk])).status_code == 200
    listed = [p.title for p in director_b_client.get(reverse("partners:projects")).context["page"].object_list]
    assert "Әзірге жоба" not in listed


def test_project_dates_out_of_order_are_refused_and_the_form_keeps_its_values(
    director_a_client, league, school_a, direction
):
    league_factories.make_member(league, school_a)
    later = (date.today() + timedelta(days=20)).isoformat()
    response = director_a_client.post(
        reverse("partners:project_create", args=[league.pk]), project_data(direction, started_on=later)
    )
    assert error_codes(response, "started_on") == ["future"]
    assert response.context["form"]["aim"].value() == "Балалар телевидениесі арқылы жаңалық тарату."
    assert not Project.objects.exists()


def test_projects_list_filters_by_direction(methodist_client, league, school_a, direction):
    other = league_factories.make_direction(league, name_ru="Чтение", name_kk="Кітап оқу", name_ky="Китеп окуу")
    league_factories.make_project(league, school_a, direction=direction, title="Жылыжай")
    league_factories.make_project(league, school_a, direction=other, title="Оқу кейстері")
    response = methodist_client.get(reverse("partners:projects"), {"direction": other.pk})
    assert [p.title for p in response.context["page"].object_list] == ["Оқу кейстері"]
    response = methodist_client.get(reverse("partners:projects"), {"q": "ЖЫЛЫЖАЙ"})
    assert [p.title for p in response.context["page"].object_list] == ["Жылыжай"]


# Files ----------------------------------------------------------------------------------------------------


def test_a_project_photo_is_reencoded_smaller_and_served_only_in_scope(
    director_a_client, project_a, other_office, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    response = director_a_client.post(
        reverse("partners:project_file_create", args=[project_a.pk]),
        {"kind": "photo", "file": SimpleUploadedFile("greenhouse.png", png_bytes(mode="RGBA")), "caption": "Жылыжай"},
    )
    assert response.status_code == 302
    photo = ProjectFile.objects.get()
    assert photo.file.name.endswith(".jpg")
    assert "greenhouse" not in photo.file.name
    with Image.open(photo.file.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 1600

    download = director_a_client.get(reverse("partners:project_file", args=[photo.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/jpeg"
    outsider = factories.make_methodist(other_office)
    client = client_for(outsider)
    assert client.get(reverse("partners:project_file", args=[photo.pk])).status_code == 404


def test_a_removed_project_file_leaves_storage_once_the_row_is_gone(
    director_a_client, project_a, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    director_a_client.post(
        reverse("partners:project_file_create", args=[project_a.pk]),
        {"kind": "photo", "file": SimpleUploadedFile("greenhouse.png", png_bytes()), "caption": "Жылыжай"},
    )
    photo = ProjectFile.objects.get()
    stored = photo.file.path
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = director_a_client.post(reverse("partners:project_file_delete", args=[photo.pk]))
    assert response.status_code == 302
    assert not ProjectFile.objects.exists()
    assert os.path.exists(stored)  # not before the commit
    for callback in callbacks:
        callback()
    assert not os.path.exists(stored)


@pytest.mark.parametrize(
    ("kind", "name", "content"),
    [
        ("photo", "photo.jpg", b"<html><body>not a photo</body></html>"),
        ("photo", "plan.pdf", PDF),
        ("document", "plan.pdf", b"<html>not a pdf</html>"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(director_a_client, project_a, kind, name, content):
    response = director_a_client.post(
        reverse("partners:project_file_create", args=[project_a.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content), "caption": "Жоспар"},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert response.context["form"]["caption"].value() == "Жоспар"
    assert not ProjectFile.objects.exists()


def test_a_photo_that_cannot_be_re_encoded_is_refused_with_a_message(director_a_client, project_a, monkeypatch):
    from partners import forms

    def undecodable(upload, max_pixels):
        raise ValueError("not an image")

    monkeypatch.setattr(forms, "reencoded_photo", undecodable)
    response = director_a_client.post(
        reverse("partners:project_file_create", args=[project_a.pk]),
        {"kind": "photo", "file": SimpleUploadedFile("photo.png", png_bytes()), "caption": "Жылыжай"},
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert response.context["form"]["caption"].value() == "Жылыжай"
    assert not ProjectFile.objects.exists()


# Adoptions ------------------------------------------------------------------------------------------------


def test_director_proposes_to_adopt_another_schools_project(
    director_b, director_b_client, project_a, school_b, teacher_b
):
    detail = director_b_client.get(reverse("partners:project_detail", args=[project_a.pk]))
    assert detail.context["can_propose"]
    response = director_b_client.post(
        reverse("partners:adoption_record", args=[project_a.pk]),
        {"adopted_on": date.today().isoformat(), "contact_person": teacher_b.pk, "notes": "Жылыжай саламыз"},
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert (adoption.school, adoption.stage, adoption.contact_person) == (school_b, "agreed", teacher_b)
    assert list(adoption.stage_changes.values_list("from_stage", "to_stage", "changed_by")) == [
        ("", "agreed", director_b.pk)
    ]
    assert not director_b_client.get(reverse("partners:project_detail", args=[project_a.pk])).context["can_propose"]


def test_a_directors_proposal_cannot_skip_to_a_later_stage(director_b_client, project_a):
    director_b_client.post(
        reverse("partners:adoption_record", args=[project_a.pk]),
        {"adopted_on": date.today().isoformat(), "stage": "sustained"},
    )
    assert Adoption.objects.get().stage == "agreed"


def test_a_director_cannot_adopt_own_project(director_a_client, project_a):
    response = director_a_client.post(
        reverse("partners:adoption_record", args=[project_a.pk]),
        {"adopted_on": date.today().isoformat(), "notes": "өзіміздікі"},
    )
    assert response.status_code == 200
    assert error_codes(response, "__all__") == ["own_project"]
    assert response.context["form"]["notes"].value() == "өзіміздікі"
    assert not Adoption.objects.exists()


def test_a_duplicate_adoption_is_refused(director_b_client, project_a, school_b):
    league_factories.make_adoption(project_a, school_b)
    response = director_b_client.post(
        reverse("partners:adoption_record", args=[project_a.pk]),
        {"adopted_on": date.today().isoformat(), "notes": "тағы да"},
    )
    assert response.status_code == 200
    assert error_codes(response, "__all__") == ["duplicate"]
    assert response.context["form"]["notes"].value() == "тағы да"
    assert Adoption.objects.count() == 1


def test_methodist_records_an_adoption_in_two_steps(methodist_client, project_a, office):
    school_c = factories.make_school(office, name="№9 орто мектеби")
    contact = factories.make_staff(school_c, surname="Сатыбалдиева")
    url = reverse("partners:adoption_record", args=[project_a.pk])
    first = methodist_client.get(url)
    assert "chooser" in first.context
    second = methodist_client.get(url, {"school": school_c.pk})
    assert list(second.context["form"].fields["contact_person"].queryset) == [contact]
    response = methodist_client.post(
        f"{url}?school={school_c.pk}",
        {"adopted_on": date.today().isoformat(), "stage": "introduced", "contact_person": contact.pk},
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert (adoption.school, adoption.stage) == (school_c, "introduced")


def test_a_school_outside_the_leagues_office_is_refused(methodist_client, project_a, other_office_school):
    url = reverse("partners:adoption_record", args=[project_a.pk])
    response = methodist_client.post(f"{url}?school={other_office_school.pk}", {"adopted_on": "2025-10-01"})
    assert response.status_code == 200
    assert [e.code for e in response.context["chooser"].errors.as_data()["school"]] == ["invalid_choice"]
    assert response.context["chooser"].fields["school"].error_messages["invalid_choice"] == OUTSIDE_OFFICE_MESSAGE
    assert not Adoption.objects.exists()


def test_a_contact_person_of_another_school_is_refused(methodist_client, project_a, school_b, teacher_a):
    url = reverse("partners:adoption_record", args=[project_a.pk])
    response = methodist_client.post(
        f"{url}?school={school_b.pk}",
        {"adopted_on": date.today().isoformat(), "stage": "agreed", "contact_person": teacher_a.pk},
    )
    assert "contact_person" in response.context["form"].errors
    assert not Adoption.objects.exists()


def test_an_adoption_dated_before_the_project_started_is_refused(director_b_client, project_a):
    response = director_b_client.post(
        reverse("partners:adoption_record", args=[project_a.pk]), {"adopted_on": "2024-01-10"}
    )
    assert error_codes(response, "adopted_on") == ["before_start"]
    assert response.context["form"]["adopted_on"].value() == "2024-01-10"


def test_the_adopting_director_moves_the_stage_and_going_back_needs_a_reason(director_b_client, project_a, school_b):
    adoption = league_factories.make_adoption(project_a, school_b, stage="introduced")
    url = reverse("partners:adoption_edit", args=[adoption.pk])
    data = {"stage": "sustained", "adopted_on": adoption.adopted_on.isoformat(), "notes": ""}
    assert director_b_client.post(url, data).status_code == 302
    adoption.refresh_from_db()
    assert adoption.stage == "sustained"

    response = director_b_client.post(url, {**data, "stage": "agreed", "notes": "мұғалім кетті"})
    assert response.status_code == 200
    assert error_codes(response, "reason") == ["reason_needed"]
    assert response.context["form"]["notes"].value() == "мұғалім кетті"
    adoption.refresh_from_db()
    assert adoption.stage == "sustained"

    response = director_b_client.post(url, {**data, "stage": "agreed", "reason": "Жауапты мұғалім ауысты"})
    assert response.status_code == 302
    last = AdoptionStageChange.objects.filter(adoption=adoption).last()
    assert (last.from_stage, last.to_stage, last.reason) == ("sustained", "agreed", "Жауапты мұғалім ауысты")
    history = director_b_client.get(reverse("partners:adoption_detail", args=[adoption.pk]))
    assert "Жауапты мұғалім ауысты" in history.content.decode()


def test_a_director_of_an_unrelated_school_cannot_touch_an_adoption(office, project_a, school_b):
    adoption = league_factories.make_adoption(project_a, school_b)
    outsider = factories.make_director(factories.make_school(office))
    client = client_for(outsider)
    url = reverse("partners:adoption_edit", args=[adoption.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"stage": "sustained", "adopted_on": adoption.adopted_on.isoformat()}).status_code == 404
    adoption.refresh_from_db()
    assert adoption.stage == "agreed"


def test_the_owner_director_sees_adoptions_of_the_project_and_what_the_school_adopted(
    director_a_client, league, project_a, school_a, school_b
):
    league_factories.make_adoption(project_a, school_b)
    other_project = league_factories.make_project(league, school_b, title="Метеорология алаңы")
    league_factories.make_adoption(other_project, school_a, stage="introduced")
    response = director_a_client.get(reverse("partners:my_school"))
    assert [a.school for a in response.context["adoptions_of_ours"]] == [school_b]
    assert [a.project.title for a in response.context["adopted_by_us"]] == ["Метеорология алаңы"]
    assert [p.title for p in response.context["own_projects"]] == ["Жылыжай кешені"]


# The dashboard, the grid and the report -------------------------------------------------------------------


def test_dashboard_shows_progress_as_distinct_schools(methodist_client, league, project_a, school_b, office):
    school_c = factories.make_school(office)
    second = league_factories.make_project(league, project_a.owner_school, title="Екінші жоба")
    league_factories.make_adoption(project_a, school_b)
    league_factories.make_adoption(second, school_b)
    league_factories.make_adoption(second, school_c)
    response = methodist_client.get(reverse("partners:dashboard", args=[league.pk]))
    progress = response.context["progress"]
    assert (progress.schools_reached, progress.adoptions) == (2, 3)
    content = response.content.decode()
    assert re.search(r'<progress class="league-progress" id="schools-progress" max="100" value="2"', content)


def _fill_league(league, office, projects, schools):
    """`schools` extra member schools and `projects` projects, each adopted by every other member."""
    members = [factories.make_school(office) for _ in range(schools)]
    for school in members:
        league_factories.make_member(league, school)
    direction = league_factories.make_direction(league)
    for number in range(projects):
        owner = members[number % len(members)]
        project = league_factories.make_project(league, owner, direction=direction, title=f"Жоба {number:03d}")
        for school in members:
            if school != owner:
                league_factories.make_adoption(project, school, stage=("agreed", "introduced", "sustained")[number % 3])
    league_factories.make_event(league, members[0])


@pytest.mark.parametrize(("url_name", "queries"), [("partners:dashboard", 13), ("partners:report", 14)])
def test_dashboard_and_report_query_counts_do_not_grow_with_the_league(
    methodist_client, league, office, django_assert_num_queries, url_name, queries
):
    url = reverse(url_name, args=[league.pk])
    _fill_league(league, office, projects=1, schools=2)
    methodist_client.get(url)  # the session's first request renews it
    with django_assert_num_queries(queries):
        methodist_client.get(url)
    _fill_league(league, office, projects=20, schools=25)
    with django_assert_num_queries(queries):
        response = methodist_client.get(url)
    assert len(response.context["grid"].rows) == 21


def test_the_grid_takes_three_queries_whatever_its_size(league, office, django_assert_num_queries):
    _fill_league(league, office, projects=1, schools=2)
    with django_assert_num_queries(3):
        small = adoption_grid(league)
    _fill_league(league, office, projects=15, schools=30)
    with django_assert_num_queries(3):
        large = adoption_grid(league)
    assert (len(small.rows), len(small.schools)) == (1, 2)
    assert (len(large.rows), len(large.schools)) == (16, 32)


def test_grid_cells_show_own_projects_and_stages(league, project_a, school_a, school_b, member_b, office):
    outsider = factories.make_school(office)
    league_factories.make_adoption(project_a, school_b, stage="introduced")
    league_factories.make_adoption(project_a, outsider)
    grid = adoption_grid(league)
    assert [school.pk for school in grid.schools] == [school_a.pk, school_b.pk]
    assert grid.rows[0].cells == ["own", "introduced"]
    assert grid.rows[0].outside_members == 1


def test_schools_not_yet_involved(methodist_client, league, project_a, school_b, member_b, office):
    idle_member = factories.make_school(office, name="№45 орта мектеп")
    league_factories.make_member(league, idle_member)
    idle_outsider = factories.make_school(office, name="№52 орта мектеп")
    league_factories.make_adoption(project_a, school_b)
    response = methodist_client.get(reverse("partners:dashboard", args=[league.pk]))
    rows = [(school.name, school.is_member) for school in response.context["not_involved"]]
    assert rows == [(idle_member.name, True), (idle_outsider.name, False)]


def test_the_league_report_exports_xlsx(methodist_client, league, project_a, school_b):
    league_factories.make_adoption(project_a, school_b, stage="sustained")
    response = methodist_client.get(reverse("partners:report", args=[league.pk]), {"export": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][1] == "Жылыжай кешені"
    assert rows[1][6:10] == (1, 0, 0, 1)
    assert rows[1][10] == school_b.name


def test_the_printable_report_has_a_print_button_and_no_inline_script(methodist_client, league, project_a):
    content = methodist_client.get(reverse("partners:report", args=[league.pk])).content.decode()
    assert "data-print" in content
    assert "partners/print.js" in content
    assert "<progress" in content
    assert "onclick" not in content


def test_unknown_export_format_is_404(methodist_client, league):
    assert methodist_client.get(reverse("partners:report", args=[league.pk]), {"export": "pdf"}).status_code == 404


def test_projects_list_query_count_is_constant(director_a_client, league, office, django_assert_num_queries):
    _fill_league(league, office, projects=1, schools=2)
    url = reverse("partners:projects")
    director_a_client.get(url)
    with django_assert_num_queries(8):
        director_a_client.get(url)
    _fill_league(league, office, projects=30, schools=5)
    with django_assert_num_queries(8):
        director_a_client.get(url)


# Members, directions, goal, events ------------------------------------------------------------------------


def test_methodist_adds_a_member_school(methodist_client, league, school_b):
    response = methodist_client.post(
        reverse("partners:members", args=[league.pk]), {"school": school_b.pk, "joined_on": "2025-09-15"}
    )
    assert response.status_code == 302
    assert LeagueMembership.objects.get(league=league).school == school_b


def test_a_school_of_another_office_cannot_join(methodist_client, league, other_office_school):
    response = methodist_client.post(
        reverse("partners:members", args=[league.pk]), {"school": other_office_school.pk, "joined_on": "2025-09-15"}
    )
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not LeagueMembership.objects.exists()


def test_a_member_with_projects_is_not_removed(methodist_client, project_a):
    membership = LeagueMembership.objects.get(school=project_a.owner_school)
    methodist_client.post(reverse("partners:member_remove", args=[membership.pk]))
    assert LeagueMembership.objects.filter(pk=membership.pk).exists()


def test_members_page_names_each_schools_director(methodist_client, league, school_a):
    league_factories.make_member(league, school_a)
    factories.make_staff(school_a, surname="Азатбаева", given_name="Эльмира", position="director")
    content = methodist_client.get(reverse("partners:members", args=[league.pk])).content.decode()
    assert "Азатбаева Эльмира" in content


def _directions_data(rows):
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return data


def test_the_coordinator_edits_directions(methodist_client, league, direction):
    response = methodist_client.post(
        reverse("partners:directions", args=[league.pk]),
        _directions_data(
            [
                {
                    "id": direction.pk,
                    "name_kk": "Экология және жылыжай",
                    "name_ky": "Экология",
                    "name_ru": "Экология",
                    "order": 1,
                },
                {"name_kk": "Кітап оқу", "name_ky": "Китеп окуу", "name_ru": "Чтение", "order": 2},
            ]
        ),
    )
    assert response.status_code == 302
    assert list(Direction.objects.filter(league=league).values_list("name_kk", flat=True)) == [
        "Экология және жылыжай",
        "Кітап оқу",
    ]


def test_directions_are_saved_all_or_none(methodist_client, league, direction, monkeypatch):
    save = Direction.save

    def fail_on_the_new_one(self, *args, **kwargs):
        if self.pk is None:
            raise RuntimeError("the database went away")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Direction, "save", fail_on_the_new_one)
    rows = [
        {"id": direction.pk, "name_kk": "Өзгертілген", "name_ky": "Өзгөртүлгөн", "name_ru": "Изменено", "order": 1},
        {"name_kk": "Кітап оқу", "name_ky": "Китеп окуу", "name_ru": "Чтение", "order": 2},
    ]
    with pytest.raises(RuntimeError):
        methodist_client.post(reverse("partners:directions", args=[league.pk]), _directions_data(rows))
    direction.refresh_from_db()
    assert direction.name_kk != "Өзгертілген"
    assert Direction.objects.filter(league=league).count() == 1


def test_a_direction_with_projects_is_not_removed(methodist_client, league, direction, project_a):
    response = methodist_client.post(
        reverse("partners:directions", args=[league.pk]),
        _directions_data(
            [{"id": direction.pk, "name_kk": "Э", "name_ky": "Э", "name_ru": "Э", "order": 1, "DELETE": "on"}]
        ),
    )
    assert response.status_code == 200
    assert Direction.objects.filter(pk=direction.pk).exists()


def test_only_the_coordinator_edits_directions_and_the_goal(office, league, direction):
    other_methodist = factories.make_methodist(office)
    client = client_for(other_methodist)
    data = _directions_data([{"id": direction.pk, "name_kk": "Х", "name_ky": "Х", "name_ru": "Х", "order": 1}])
    assert client.post(reverse("partners:directions", args=[league.pk]), data).status_code == 403
    assert client.get(reverse("partners:league_edit", args=[league.pk])).status_code == 403
    assert client.get(reverse("partners:dashboard", args=[league.pk])).status_code == 200
    direction.refresh_from_db()
    assert direction.name_kk == "Экология"


def test_the_coordinator_changes_the_goal(methodist_client, league, methodist):
    response = methodist_client.post(
        reverse("partners:league_edit", args=[league.pk]),
        {
            "name": league.name,
            "coordinator": methodist.pk,
            "academic_year": 2026,
            "target_projects": 25,
            "target_schools": 120,
        },
    )
    assert response.status_code == 302
    league.refresh_from_db()
    assert (league.academic_year, league.target_projects, league.target_schools) == (2026, 25, 120)


def test_methodist_creates_a_league_in_own_office(methodist_client, methodist, office):
    response = methodist_client.post(
        reverse("partners:league_create"),
        {
            "name": "Серіктес директорлар лигасы",
            "coordinator": methodist.pk,
            "academic_year": 2025,
            "target_projects": 20,
            "target_schools": 100,
        },
    )
    assert response.status_code == 302
    assert methodist.coordinated_leagues.get().office == office


def test_an_event_cannot_present_a_project_that_had_not_started(methodist_client, league, project_a, school_b):
    response = methodist_client.post(
        reverse("partners:event_create", args=[league.pk]),
        {
            "held_on": "2024-05-20",
            "kind": "exchange",
            "topic": "Тәжірибе алмасу",
            "host_school": school_b.pk,
            "projects": [project_a.pk],
            "notes": "Жылыжай",
        },
    )
    assert response.status_code == 200
    assert error_codes(response, "projects") == ["not_started"]
    assert response.context["form"]["topic"].value() == "Тәжірибе алмасу"
    assert not LeagueEvent.objects.exists()


def test_methodist_records_an_event(methodist_client, league, project_a, school_b):
    response = methodist_client.post(
        reverse("partners:event_create", args=[league.pk]),
        {
            "held_on": "2025-11-14",
            "kind": "exchange",
            "topic": "Тәжірибе алмасу",
            "host_school": school_b.pk,
            "projects": [project_a.pk],
        },
    )
    assert response.status_code == 302
    event = LeagueEvent.objects.get()
    assert list(event.projects.all()) == [project_a]


def test_an_event_hosted_outside_the_office_is_refused(methodist_client, league, other_office_school):
    response = methodist_client.post(
        reverse("partners:event_create", args=[league.pk]),
        {"held_on": "2025-11-14", "kind": "meeting", "topic": "Отырыс", "host_school": other_office_school.pk},
    )
    assert "host_school" in response.context["form"].errors
    assert not LeagueEvent.objects.exists()


# Partner organisations and contributions ------------------------------------------------------------------


def test_organisation_page_shows_contributions_and_linked_providers(methodist_client, office, school_a):
    organisation = league_factories.make_organisation(office, name="Азия өнүктүрүү банкы")
    course = factories.make_course(office, title="Куррикулум")
    league_factories.make_contribution(organisation, schools=[school_a], courses=[course])
    provider = factories.make_provider(office, name="«Өсүү академиясы»")
    response = methodist_client.post(
        reverse("partners:provider_link_create", args=[organisation.pk]), {"provider": provider.pk}
    )
    assert response.status_code == 302
    content = methodist_client.get(organisation.get_absolute_url()).content.decode()
    assert "«Өсүү академиясы»" in content
    assert "Куррикулум" in content
    assert school_a.name in content


def test_a_provider_is_linked_to_one_organisation_only(methodist_client, office):
    provider = factories.make_provider(office)
    first = league_factories.make_organisation(office)
    second = league_factories.make_organisation(office)
    ProviderLink.objects.create(provider=provider, organisation=first)
    response = methodist_client.post(
        reverse("partners:provider_link_create", args=[second.pk]), {"provider": provider.pk}
    )
    assert response.status_code == 400
    assert [e.code for e in response.context["link_form"].errors.as_data()["provider"]] == ["linked"]


def test_a_provider_of_another_office_cannot_be_linked(methodist_client, office, other_office):
    organisation = league_factories.make_organisation(office)
    provider = factories.make_provider(other_office)
    response = methodist_client.post(
        reverse("partners:provider_link_create", args=[organisation.pk]), {"provider": provider.pk}
    )
    assert response.status_code == 400
    assert not ProviderLink.objects.exists()


def test_methodist_records_a_contribution_and_bad_values_are_refused(methodist_client, office, school_a):
    organisation = league_factories.make_organisation(office)
    url = reverse("partners:contribution_create", args=[organisation.pk])
    data = {
        "kind": "equipment",
        "description": "Лабораториялык жабдуулар",
        "given_on": "2024-03-01",
        "schools": [school_a.pk],
        "value": "1500",
        "currency": "",
    }
    response = methodist_client.post(url, data)
    assert "currency" in response.context["form"].errors
    assert response.context["form"]["description"].value() == "Лабораториялык жабдуулар"
    assert methodist_client.post(url, {**data, "currency": "USD"}).status_code == 302
    contribution = Contribution.objects.get()
    assert list(contribution.schools.all()) == [school_a]


def test_a_contribution_to_a_school_of_another_office_is_refused(methodist_client, office, other_office_school):
    organisation = league_factories.make_organisation(office)
    response = methodist_client.post(
        reverse("partners:contribution_create", args=[organisation.pk]),
        {
            "kind": "equipment",
            "description": "Смарт-тақта",
            "given_on": "2024-03-01",
            "schools": [other_office_school.pk],
        },
    )
    assert "schools" in response.context["form"].errors
    assert not Contribution.objects.exists()


def test_director_sees_contributions_of_own_school_only(director_a_client, office, school_a, school_b):
    organisation = league_factories.make_organisation(office)
    league_factories.make_contribution(organisation, schools=[school_a], description="12 компьютер")
    league_factories.make_contribution(organisation, schools=[school_b], description="Смарт-тақта")
    assert director_a_client.get(reverse("partners:contributions"))["Location"] == reverse(
        "partners:school_contributions", args=[school_a.pk]
    )
    response = director_a_client.get(reverse("partners:school_contributions", args=[school_a.pk]))
    assert [c.description for c in response.context["contributions"]] == ["12 компьютер"]
    assert director_a_client.get(reverse("partners:school_contributions", args=[school_b.pk])).status_code == 404


def test_methodist_sees_contributions_counted_by_school(methodist_client, office, school_a, school_b):
    organisation = league_factories.make_organisation(office)
    league_factories.make_contribution(organisation, schools=[school_a, school_b])
    league_factories.make_contribution(organisation, schools=[school_a])
    response = methodist_client.get(reverse("partners:contributions"))
    assert [(school.pk, school.contribution_count) for school in response.context["schools"]] == [
        (school_a.pk, 2),
        (school_b.pk, 1),
    ]


def test_last_years_goal_says_so_and_one_action_starts_the_next_with_its_schools_and_directions(
    methodist_client, methodist, office, school_a, school_b
):
    from core.academic import academic_year_of
    from core.clock import today
    from partners.models import League

    last_year = academic_year_of(today()) - 1
    league = league_factories.make_league(office, coordinator=methodist, academic_year=last_year, target_schools=40)
    league_factories.make_member(league, school_a)
    league_factories.make_member(league, school_b)
    league_factories.make_direction(league, name_ru="Экология")
    page = methodist_client.get(reverse("partners:dashboard", args=[league.pk]))
    assert page.context["is_past"] and page.context["following"] is None
    action = reverse("partners:league_next_year", args=[league.pk])
    assert action in page.content.decode()
    first = methodist_client.post(action)
    following = League.objects.get(academic_year=last_year + 1)
    assert first["Location"] == following.get_absolute_url()
    assert (following.name, following.coordinator, following.target_schools) == (league.name, methodist, 40)
    assert sorted(following.memberships.values_list("school_id", flat=True)) == sorted([school_a.pk, school_b.pk])
    assert list(following.directions.values_list("name_ru", flat=True)) == ["Экология"]
    methodist_client.post(action)  # asked again: the same league
    assert League.objects.filter(name=league.name).count() == 2
    old = methodist_client.get(reverse("partners:dashboard", args=[league.pk]))
    assert old.context["following"] == following
    assert methodist_client.get(reverse("home")).context["league"]["league"] == following


def test_only_the_coordinator_starts_the_next_years_goal(methodist_client, office):
    from core.academic import academic_year_of
    from core.clock import today

    other = factories.make_methodist(office, username="coordinator")
    league = league_factories.make_league(office, coordinator=other, academic_year=academic_year_of(today()) - 1)
    response = methodist_client.post(reverse("partners:league_next_year", args=[league.pk]))
    assert response.status_code in (403, 404)


def test_an_archived_organisation_leaves_the_list_and_keeps_its_contributions(methodist_client, office):
    organisation = league_factories.make_organisation(office, name="Азия өнүктүрүү банкы")
    league_factories.make_contribution(organisation)
    url = reverse("partners:organisation_edit", args=[organisation.pk])
    form = methodist_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in ("name", "kind", "country", "contacts")}
    assert methodist_client.post(url, {**data, "is_archived": "on"}).status_code == 302
    listed = methodist_client.get(reverse("partners:organisations")).context["page"].object_list
    archived = methodist_client.get(reverse("partners:organisations") + "?archived=1").context["page"].object_list
    assert organisation not in listed and organisation in archived
    assert organisation.contributions.count() == 1
