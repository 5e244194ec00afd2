"""The status page from the shared cache: every write that changes it gives the office a new version, and a
page read from the cache right after each kind of write already shows the change."""

import pickle
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core import submissions, versions
from methodcouncil import services as council_services
from methodcouncil.models import CouncilRole, RecommendationKind
from qualification import cohort_import, renewal, services
from qualification.forms import PolicyForm
from qualification.models import AttestationCategory, CourseRecord, CourseRequest, RecordState, RenewalPolicy
from qualification.renewal import add_years
from schools import staff_import
from tests import factories
from tests import factories_methodcouncil as mc
from tests.factories_imports import staff_file, staff_row, upload, xlsx_bytes
from tests.walking import writing_form

STATUS = reverse("qualification:status")
TODAY = date.today()


@pytest.fixture
def course(office):
    return factories.make_course(office, title="Санарип сабаттуулук")


def counts_on(response):
    """The state counts as the page shows them."""
    html = response.content.decode()
    return {state: int(count) for state, count in re.findall(r'data-state="(\w+)">(\d+)<', html)}


def table_of(response):
    """The table's rows (the names in it), without the messages above it."""
    html = response.content.decode()
    return html[html.index("<tbody>") : html.index("</tbody>")] if "<tbody>" in html else ""


def drawn(response, template_name="qualification/status.html"):
    """Whether the page drew its table (a miss) rather than reading it from the cache."""
    return any(
        template.name == "body" and template.origin.name.endswith(template_name) for template in response.templates
    )


def cached_status(client, params=None):
    """The page read twice: the second comes from the cache, and is what the next reader sees."""
    client.get(STATUS, params or {})
    response = client.get(STATUS, params or {})
    assert response.status_code == 200
    assert not drawn(response)
    return response


def submit(client, url, marker, **typed):
    """Sends an edit form back as the browser would, with the fields it showed and `typed` changed."""
    action, shown = writing_form(client, url, marker)
    data = {name: value for name, value in {**shown, **typed}.items() if not hasattr(value, "read")}
    data[submissions.FIELD] = submissions.new_token()
    response = client.post(action, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_second_read_is_served_from_the_cache_with_three_queries(
    director_a_client, school_a, teacher_a, django_assert_num_queries
):
    first = director_a_client.get(STATUS)
    assert drawn(first)
    with django_assert_num_queries(3):  # the session, the user with their school and office, the cache
        second = director_a_client.get(STATUS)
    assert not drawn(second)
    main = re.compile(r"<main.*</main>", re.DOTALL)  # the frame's logout form carries a fresh CSRF mask
    assert main.search(second.content.decode()).group() == main.search(first.content.decode()).group()


def test_drawing_the_page_costs_the_same_queries_for_one_person_or_many(
    director_a_client, school_a, course, django_assert_num_queries
):
    """After a write the page is drawn again; how many queries that takes does not grow with the people."""
    director_a_client.get(STATUS)  # the session's first request renews it
    for count in (1, 120):
        for number in range(count):
            person = factories.make_staff(school_a, surname=f"Асанов{count}-{number:03d}", hire_date=date(2000, 1, 1))
            factories.make_record(person, course, completed_on=add_years(TODAY, -4 - number % 3), refresh=False)
        renewal.refresh_renewal(school_a.staff.values_list("pk", flat=True))
        # session, user, the cache's version and entry; the count, the states, the people, their subjects, the
        # subjects of the filter (a director has no school to choose); storing the entry (the database cache: five,
        # with its savepoint)
        with django_assert_num_queries(13):
            response = director_a_client.get(STATUS)
        assert drawn(response)


def test_the_cache_tells_filters_languages_and_readers_apart(
    director_a_client, methodist_client, director_a, teacher_a, teacher_b
):
    factories.make_record(teacher_a, completed_on=add_years(TODAY, -1))
    assert counts_on(cached_status(director_a_client))["valid"] == 1
    no_record = cached_status(director_a_client, {"state": "no_record"})
    assert "Өмүрова" not in no_record.content.decode()
    everyone = cached_status(methodist_client).content.decode()
    assert "Өмүрова" in everyone and "Асанов" in everyone  # the methodist's own entry: both schools, school column


def test_a_director_never_gets_another_schools_page(director_a_client, director_b_client, teacher_a, teacher_b):
    assert "Өмүрова" in table_of(cached_status(director_a_client))
    rows = table_of(cached_status(director_b_client))
    assert "Асанов" in rows and "Өмүрова" not in rows


def test_an_administrators_page_is_kept_until_any_office_changes(
    client, director_a_client, teacher_a, other_office_school
):
    """Every office's people: the page is kept under the version of every office together."""
    client.force_login(factories.make_user(username="site-admin", is_superuser=True, is_staff=True))
    assert "Өмүрова" in table_of(cached_status(client))
    assert "Өмүрова" in table_of(cached_status(director_a_client))
    elsewhere = factories.make_staff(other_office_school, surname="Жаксыбекова")
    renewal.refresh_renewal([elsewhere.pk])  # a change in another office only
    assert "Жаксыбекова" in table_of(client.get(STATUS))
    assert not drawn(director_a_client.get(STATUS))  # the first office's pages are kept


def test_switching_language_shows_the_page_in_the_new_language(director_a_client, teacher_a):
    russian = cached_status(director_a_client).content.decode()
    response = director_a_client.post(reverse("set_language"), {"language": "ky", "next": STATUS})
    assert response.status_code == 302
    kyrgyz = cached_status(director_a_client).content.decode()
    with translation.override("ky"):
        found = gettext("Found: %(count)s") % {"count": 1}
    with translation.override("ru"):
        assert gettext("Found: %(count)s") % {"count": 1} in russian
    assert found in kyrgyz and found not in russian


def test_confirming_a_course_shows_at_once(director_a_client, teacher_a, course):
    record = factories.make_record(teacher_a, course, state=RecordState.COMPLETED, completed_on=add_years(TODAY, -1))
    assert counts_on(cached_status(director_a_client))["no_record"] == 1
    director_a_client.post(reverse("qualification:record_confirm", args=[record.pk]))
    assert counts_on(director_a_client.get(STATUS)) == {"valid": 1, "due_soon": 0, "overdue": 0, "no_record": 0}


def test_changing_a_persons_record_shows_at_once(director_a_client, teacher_a):
    assert "Өмүрова" in table_of(cached_status(director_a_client))
    submit(director_a_client, reverse("schools:staff_edit", args=[teacher_a.pk]), "surname", surname="Асанбекова")
    rows = table_of(director_a_client.get(STATUS))
    assert "Асанбекова" in rows and "Өмүрова" not in rows
    submit(director_a_client, reverse("schools:staff_edit", args=[teacher_a.pk]), "surname", is_active="")
    assert "Асанбекова" not in table_of(director_a_client.get(STATUS))


def test_importing_people_and_courses_shows_at_once(methodist_client, methodist, director_a_client, school_a, course):
    assert counts_on(cached_status(director_a_client)) == {"valid": 0, "due_soon": 0, "overdue": 0, "no_record": 0}
    staff_import.staff_import_apply(data=staff_file(staff_row(surname="Жаңыбаева")), school=school_a, by=methodist)
    assert "Жаңыбаева" in cached_status(director_a_client).content.decode()
    header = ["Фамилия", "Имя", "Отчество", "Дата приёма", "ИИН", "Дата завершения", "Номер документа"]
    cohort = xlsx_bytes([header, ["Жаңыбаева", "Гүлнара", "Маратовна", "01.09.2015", "", TODAY, "№ 7"]])
    methodist_client.post(reverse("cohort_import:upload"), {"course": course.pk, "file": upload(cohort)})
    assert methodist_client.post(reverse("cohort_import:confirm")).status_code == 302
    assert counts_on(director_a_client.get(STATUS))["valid"] == 1


def test_applying_a_rule_shows_as_soon_as_its_recomputation_ran(
    methodist_client, director_a_client, teacher_a, django_capture_on_commit_callbacks
):
    """The rule is saved in the request and everyone is judged again by a task once it is committed (here the
    task runs at once): the cached page shows the new standing as soon as that has run."""
    factories.make_record(teacher_a, completed_on=add_years(TODAY, -3))
    assert counts_on(cached_status(director_a_client))["valid"] == 1
    rule = {
        "min_hours": 72,
        "period_years": 2,
        "counting": "single",
        "counted_kinds": ["upgrade", "retraining"],
        "due_soon_months": 12,
        "applies_from": TODAY.isoformat(),
        "note": "Буйрук №12",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert methodist_client.post(reverse("qualification:policy"), rule).status_code == 302
    assert counts_on(director_a_client.get(STATUS))["overdue"] == 1


def test_approving_a_planned_course_takes_the_person_off_the_unplanned_list(
    director_a_client, teacher_a, course, school_a
):
    factories.make_record(teacher_a, completed_on=add_years(TODAY, -6))
    unplanned = {"attention": "unplanned"}
    assert "Өмүрова" in cached_status(director_a_client, unplanned).content.decode()
    course_request = CourseRequest.objects.create(staff_member=teacher_a, topic="STEM")
    director_a_client.post(
        reverse("qualification:request_decide", args=[course_request.pk]), {"decision": "approve", "course": course.pk}
    )
    assert "Өмүрова" not in director_a_client.get(STATUS, unplanned).content.decode()


def test_the_plan_from_the_cache_shows_an_approved_course_at_once_and_keeps_each_year_apart(
    director_a_client, teacher_a, course
):
    plan = reverse("qualification:plan")
    factories.make_record(teacher_a, completed_on=add_years(TODAY, -6))
    director_a_client.get(plan)
    before = director_a_client.get(plan)
    assert not drawn(before, "qualification/plan.html")
    assert "Өмүрова" in before.content.decode() and course.title not in before.content.decode()
    course_request = CourseRequest.objects.create(staff_member=teacher_a, topic="STEM")
    director_a_client.post(
        reverse("qualification:request_decide", args=[course_request.pk]), {"decision": "approve", "course": course.pk}
    )
    assert course.title in director_a_client.get(plan).content.decode()
    year = before.context["year"]
    later = director_a_client.get(plan, {"year": year + 1})
    assert drawn(later, "qualification/plan.html") and later.context["year"] == year + 1


def test_renaming_the_last_counted_course_shows_at_once(methodist_client, director_a_client, teacher_a, course):
    factories.make_record(teacher_a, course, completed_on=add_years(TODAY, -1))
    assert "Санарип сабаттуулук" in cached_status(director_a_client).content.decode()
    submit(methodist_client, reverse("qualification:course_edit", args=[course.pk]), "title", title="Жасалма интеллект")
    assert "Жасалма интеллект" in director_a_client.get(STATUS).content.decode()


# Each write path, on its own: the office's version before and after. ---------------------------------------


def _confirm(request):
    record = factories.make_record(request.getfixturevalue("teacher_a"), state=RecordState.COMPLETED)
    services.record_confirm(record=record, by=request.getfixturevalue("director_a"))


def _reject(request):
    record = factories.make_record(request.getfixturevalue("teacher_a"), state=RecordState.COMPLETED)
    services.record_reject(record=record, by=request.getfixturevalue("director_a"), reason="Скан окулбайт")


def _cohort(request):
    services.cohort_record(
        course=request.getfixturevalue("course"),
        staff_member_ids=[request.getfixturevalue("teacher_a").pk],
        hours=72,
        document_kind="certificate",
        by=request.getfixturevalue("methodist"),
        starts_on=date(2025, 3, 1),
        ends_on=date(2025, 3, 20),
    )


def _cohort_import(request):
    teacher = request.getfixturevalue("teacher_a")
    header = ["Фамилия", "Имя", "Отчество", "Дата приёма", "ИИН", "Дата завершения", "Номер документа"]
    row = [teacher.surname, teacher.given_name, teacher.patronymic, teacher.hire_date, "", date(2025, 3, 20), ""]
    cohort_import.cohort_import_apply(
        data=xlsx_bytes([header, row]),
        course=request.getfixturevalue("course"),
        by=request.getfixturevalue("methodist"),
    )


def _staff_import(request):
    staff_import.staff_import_apply(
        data=staff_file(staff_row(surname="Жаңыбаева")),
        school=request.getfixturevalue("school_a"),
        by=request.getfixturevalue("methodist"),
    )


def _rule(request):
    form = PolicyForm(
        {
            "min_hours": 100,
            "period_years": 5,
            "counting": "single",
            "counted_kinds": ["upgrade"],
            "due_soon_months": 12,
            "applies_from": TODAY.isoformat(),
        }
    )
    assert form.is_valid(), form.errors
    services.policy_create(
        form=form, office_id=request.getfixturevalue("office").pk, by=request.getfixturevalue("methodist")
    )


def _new_rule_applies_today(request):
    teacher = request.getfixturevalue("teacher_a")
    factories.make_record(teacher)  # standing stored under the seeds' rule
    RenewalPolicy.objects.create(office=teacher.school.office, **{**renewal.SEED_RULE, "applies_from": TODAY})
    assert renewal.refresh_offices_with_a_new_rule() == [teacher.school.office_id]


def _planned_course(request):
    course_request = CourseRequest.objects.create(staff_member=request.getfixturevalue("teacher_a"), topic="STEM")
    services.request_decide(
        course_request=course_request,
        approve=True,
        course=request.getfixturevalue("course"),
        note="",
        by=request.getfixturevalue("director_a"),
    )
    assert CourseRecord.objects.filter(state=RecordState.PLANNED).exists()


def _staff_edit(request):
    teacher = request.getfixturevalue("teacher_a")
    submit(request.getfixturevalue("director_a_client"), reverse("schools:staff_edit", args=[teacher.pk]), "surname")


def _school_edit(request):
    school = request.getfixturevalue("school_a")
    submit(request.getfixturevalue("methodist_client"), reverse("schools:school_edit", args=[school.pk]), "number")


def _course_edit(request):
    course = request.getfixturevalue("course")
    submit(request.getfixturevalue("methodist_client"), reverse("qualification:course_edit", args=[course.pk]), "title")


def _attestation_record(request):
    teacher = request.getfixturevalue("teacher_a")
    category = AttestationCategory.objects.get(office=teacher.school.office, code="first")
    response = request.getfixturevalue("director_a_client").post(
        reverse("qualification:attestation_record", args=[teacher.pk]),
        {"category": category.pk, "awarded_on": "2025-04-10", "order_number": "№ 12"},
    )
    assert response.status_code == 302


def _protocol_signed(request):
    """A signed protocol's recommendation shows on the attestation list."""
    teacher, director = request.getfixturevalue("teacher_a"), request.getfixturevalue("director_a")
    council = mc.make_council(teacher.school)
    mc.make_member(council, teacher, CouncilRole.SECRETARY)
    meeting = council_services.meeting_create(council=council, date=mc.a_day_this_year(days_ago=1), place="Китепкана")
    decision = mc.make_decision(mc.make_item(meeting))
    council_services.recommendation_add(decision=decision, kind="category", staff_member=teacher)
    council_services.attendance_record(meeting=meeting, rows=[(teacher.pk, True, "")], guests="")
    council_services.meeting_sign(meeting=meeting, by=director)


WRITES = [
    _confirm,
    _reject,
    _cohort,
    _cohort_import,
    _staff_import,
    _rule,
    _new_rule_applies_today,
    _planned_course,
    _staff_edit,
    _school_edit,
    _course_edit,
    _attestation_record,
    _protocol_signed,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__.strip("_") for write in WRITES])
def test_each_write_path_gives_the_office_a_new_version_and_again_after_commit(
    request, write, office, other_office, django_capture_on_commit_callbacks
):
    request.getfixturevalue("teacher_a")
    before = versions.current_version(office.pk)
    elsewhere = versions.current_version(other_office.pk)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        write(request)
    during = versions.current_version(office.pk)
    assert during != before
    assert after_commit
    for callback in after_commit:
        callback()
    assert versions.current_version(office.pk) not in (before, during)
    assert versions.current_version(other_office.pk) == elsewhere


def test_a_lost_version_is_never_an_old_one(office):
    """A cache that forgot the office's version (culled, restarted) starts a new one: old pages stay unread."""
    from django.core.cache import cache

    seen = versions.current_version(office.pk)
    cache.clear()
    assert versions.current_version(office.pk) != seen


def test_markup_is_kept_compressed_and_read_back_as_drawn(office):
    from django.core.cache import cache
    from django.utils.safestring import SafeString, mark_safe

    markup = mark_safe("<tr><td>Өмүрова Айгүл</td></tr>" * 200)
    drawn = []

    def draw(value):
        drawn.append(value)
        return value

    assert versions.cached("page-part", office.pk, lambda: draw(markup)) == markup
    kept = cache.get("page-part")
    assert len(pickle.dumps(kept)) < len(markup.encode()) / 10
    again = versions.cached("page-part", office.pk, lambda: draw("not drawn"))
    assert again == markup and isinstance(again, SafeString)
    # What is not markup is kept as it is, and read back equal.
    counts = [{"school": "№ 5", "overdue": 3}]
    assert versions.cached("counts", office.pk, lambda: draw(counts)) == counts
    assert versions.cached("counts", office.pk, lambda: draw("not drawn")) == counts
    assert drawn == [markup, counts]


def test_an_entry_kept_in_an_earlier_shape_is_drawn_again(office):
    from django.core.cache import cache

    cache.set("page-part", (versions.current_version(office.pk), "<p>kept before</p>"))
    assert versions.cached("page-part", office.pk, lambda: "<p>drawn now</p>") == "<p>drawn now</p>"


def test_the_navigation_kept_per_process_follows_the_role_and_the_language(
    director_a_client, teacher_client, director_a
):
    """The site's sections and the course tabs are drawn once per role and language, never for another."""
    certificates = reverse("certificates:list")

    def sections(client, url="/"):
        html = client.get(url).content.decode()
        return html[html.index("section-nav") : html.index("navbar-account")]

    director = sections(director_a_client)
    teacher = sections(teacher_client)
    assert reverse("qualification:status") in director and reverse("qualification:status") not in teacher
    assert reverse("qualification:my_courses") in teacher and reverse("qualification:my_courses") not in director
    with translation.override("ru"):
        assert f'href="{certificates}">{gettext("My certificates")}<' in teacher
        assert f'href="{certificates}">{gettext("Certificates")}<' in director
    director_a_client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    with translation.override("kk"):
        assert f'href="{certificates}">{gettext("Certificates")}<' in sections(director_a_client)
        tabs = director_a_client.get(STATUS).content.decode()
        assert gettext("Plan for next year") in tabs and gettext("Renewal rule") not in tabs


OVERVIEW = reverse("qualification:overview")


def test_the_district_overview_is_counted_once_per_change(
    methodist_client, director_a_client, teacher_a, teacher_b, course, django_assert_num_queries
):
    methodist_client.get(OVERVIEW)
    with django_assert_num_queries(3):  # the session, the user with the office, the cache
        methodist_client.get(OVERVIEW)
    record = factories.make_record(teacher_a, course, state=RecordState.COMPLETED, completed_on=add_years(TODAY, -1))
    director_a_client.post(reverse("qualification:record_confirm", args=[record.pk]))
    response = methodist_client.get(OVERVIEW)
    rows = {school["number"]: (school["valid"], school["no_record"]) for school in response.context["schools"]}
    assert rows == {2: (1, 0), 7: (0, 1)}
    for number in range(30):  # counting costs the same queries for a few people or many
        factories.make_staff(teacher_b.school, surname=f"Асанов{number:02d}")
    renewal.standing_changed(school_ids=[teacher_b.school_id])
    with django_assert_num_queries(9):  # session, user, cache; the counts; storing them (five, with a savepoint)
        response = methodist_client.get(OVERVIEW)
    assert response.context["totals"] == {"valid": 1, "due_soon": 0, "overdue": 0, "no_record": 31}


ATTESTATION = reverse("home:attestation")


def test_the_attestation_list_from_the_cache_shows_a_new_category_and_a_signed_recommendation_at_once(
    request, director_a_client, teacher_a
):
    def cached_list():
        director_a_client.get(ATTESTATION)
        response = director_a_client.get(ATTESTATION)
        assert not drawn(response, "qualification/attestation.html")
        return table_of(response)

    category = AttestationCategory.objects.get(office=teacher_a.school.office, code="first")
    with translation.override("ru"):  # the director reads Russian
        recommended = gettext(str(RecommendationKind.CATEGORY.label))
    before = cached_list()
    assert category.name_ru not in before and recommended not in before
    _attestation_record(request)
    assert category.name_ru in cached_list()
    _protocol_signed(request)
    assert recommended in cached_list()


def test_the_schools_counts_are_kept_per_day_and_drawn_for_that_day(methodist, teacher_a, teacher_b):
    """A standing that runs out tonight is overdue tomorrow with no write in between: the counts kept for today
    are not tomorrow's, and tomorrow's are counted for tomorrow, not for the server's today."""
    factories.make_record(teacher_a, completed_on=add_years(TODAY, -5))  # valid until today
    tomorrow = TODAY + timedelta(days=1)
    by_day = {
        day: {school["number"]: school["overdue"] for school in renewal.school_state_counts(methodist, day)}
        for day in (TODAY, tomorrow)
    }
    assert by_day == {TODAY: {2: 0, 7: 0}, tomorrow: {2: 1, 7: 0}}


def test_the_schools_are_counted_in_number_order_then_by_name(methodist, office, school_a, school_b):
    for number, name in ((10, "№10 орто мектеби"), (None, "Б мектеби"), (None, "А мектеби")):
        factories.make_school(office, number=number, name=name)
    schools = [school["name"] for school in renewal.school_state_counts(methodist, TODAY)]
    numbered = [name for name in schools if name.startswith("№")]
    assert numbered == [school_a.name, school_b.name, "№10 орто мектеби"]
    assert schools.index("А мектеби") + 1 == schools.index("Б мектеби")


def test_a_changed_standing_renews_the_version_of_the_persons_own_office(school_a, other_office_school, office):
    """The offices are found through the people's schools (a person's id is no school's)."""
    for number in range(5):
        factories.make_staff(school_a, surname=f"Толтуруучу{number}")
    person = factories.make_staff(other_office_school, surname="Жұмабаева")
    here, there = versions.current_version(office.pk), versions.current_version(other_office_school.office_id)
    renewal.standing_changed(staff_member_ids=[person.pk])
    assert versions.current_version(other_office_school.office_id) != there
    assert versions.current_version(office.pk) == here
