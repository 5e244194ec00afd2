"""Home pages per role: scoped figures, charts with their tables, constant query counts."""

from datetime import date, timedelta

from django.urls import reverse

from core import versions
from qualification.renewal import add_years
from tests import factories


def test_methodist_sees_every_school_of_the_district_in_the_renewal_chart(methodist_client, teacher_a, teacher_b):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -1))
    response = methodist_client.get(reverse("home"))
    rows = dict(response.context["renewal"]["rows"])
    assert rows == {teacher_a.school.name: [1, 0, 0, 0], teacher_b.school.name: [0, 0, 0, 1]}
    content = response.content.decode()
    assert "<svg" in content and "pattern-stripes" in content
    assert "completions-chart" in content


def test_director_sees_only_their_school_and_who_becomes_due(director_a_client, teacher_a, teacher_b):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -4))
    response = director_a_client.get(reverse("home"))
    assert [label for label, _values in response.context["renewal"]["rows"]] == [teacher_a.school.name]
    assert [person["pk"] for person in response.context["due_soon_people"]] == [teacher_a.pk]
    assert "completions" not in response.context


def test_teacher_sees_own_standing_and_no_district_charts(teacher_client, teacher_a):
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -1))
    response = teacher_client.get(reverse("home"))
    assert response.context["standing"].renewal_state == "valid"
    assert "renewal" not in response.context
    assert "<svg" not in response.content.decode()


def test_methodist_home_query_count_does_not_grow_with_schools(methodist_client, office, django_assert_num_queries):
    factories.make_staff(factories.make_school(office))
    methodist_client.get(reverse("home"))
    with django_assert_num_queries(13):  # the session, the user, 10 for the charts and what waits, the cache
        methodist_client.get(reverse("home"))
    for _ in range(20):
        factories.make_staff(factories.make_school(office))
    versions.office_changed([office.pk])  # as adding a school through its form does
    # The standing drawn again: the schools' counts (read from the cache, missed, counted and stored: five with
    # a savepoint), the completions, and storing the whole (five)
    with django_assert_num_queries(13 + 13):
        response = methodist_client.get(reverse("home"))
    assert len(response.context["renewal"]["rows"]) == 21
    with django_assert_num_queries(13):
        methodist_client.get(reverse("home"))


def test_completions_are_counted_in_their_month(methodist_client, teacher_a, teacher_b):
    factories.make_record(teacher_a, completed_on=date.today())
    factories.make_record(teacher_b, completed_on=date.today().replace(day=1))
    factories.make_record(teacher_b, completed_on=add_years(date.today(), -3))  # older than two years: left out
    points = methodist_client.get(reverse("home")).context["completions"]["points"]
    assert len(points) == 24
    assert points[-1][1] == 2
    assert sum(value for _label, value in points) == 2


def _renewal_chart(response):
    content = response.content.decode()
    start = content.index('aria-labelledby="renewal-chart-title"')
    return content[start : content.index("</svg>", start)]


def test_a_chart_redrawn_from_the_cache_follows_new_figures(methodist_client, teacher_a, teacher_b):
    before = _renewal_chart(methodist_client.get(reverse("home")))
    assert _renewal_chart(methodist_client.get(reverse("home"))) == before  # same figures, same markup
    factories.make_record(teacher_a, completed_on=add_years(date.today(), -1))
    after = _renewal_chart(methodist_client.get(reverse("home")))
    assert after != before


def test_a_chart_redrawn_from_the_cache_follows_the_language(methodist_client, methodist, teacher_a):
    charts = {}
    for language in ("ky", "ru"):
        methodist.language = language
        methodist.save()
        charts[language] = _renewal_chart(methodist_client.get(reverse("home")))
    assert "Маалымат жок" in charts["ky"] and "Нет данных" not in charts["ky"]
    assert "Нет данных" in charts["ru"] and "Маалымат жок" not in charts["ru"]


def test_the_methodists_home_from_the_cache_shows_each_change_of_standing_at_once(
    methodist_client, director_a_client, teacher_a, teacher_b
):
    """The renewal counts and the completions are kept per office version: a confirmed course, a refreshed
    standing and a new school all show on the next read."""
    factories.make_record(teacher_b, completed_on=add_years(date.today(), -6))

    def home():
        methodist_client.get(reverse("home"))
        return methodist_client.get(reverse("home")).context  # the second read: from the cache

    def overdue_waiting(context):
        return [(item.label, item.count) for item in context["waiting"] if "№7" in str(item.label)]

    before = home()
    assert dict(before["renewal"]["rows"])[teacher_a.school.name] == [0, 0, 0, 1]
    assert before["completions"]["points"][-1][1] == 0
    assert [count for _label, count in overdue_waiting(before)] == [1]

    record = factories.make_record(teacher_a, state="completed", completed_on=date.today(), refresh=False)
    director_a_client.post(reverse("qualification:record_confirm", args=[record.pk]))
    after = home()
    assert dict(after["renewal"]["rows"])[teacher_a.school.name] == [1, 0, 0, 0]
    assert after["completions"]["points"][-1][1] == 1

    factories.make_record(teacher_b, completed_on=date.today())  # refreshed, as every service does
    assert overdue_waiting(home()) == []


def test_the_directors_home_from_the_cache_shows_who_is_due_and_unplanned_at_once(
    director_a_client, director_a, teacher_a
):
    from qualification import services
    from qualification.models import CourseRequest

    factories.make_record(teacher_a, completed_on=add_years(date.today(), -5) + timedelta(days=30))

    def home():
        director_a_client.get(reverse("home"))
        return director_a_client.get(reverse("home")).context  # the second read: from the cache

    def unplanned(context):
        return next(item.count for item in context["waiting"] if "/qualification/status/" in item.url)

    before = home()
    assert [person["pk"] for person in before["due_soon_people"]] == [teacher_a.pk]
    assert unplanned(before) == 1
    course_request = CourseRequest.objects.create(staff_member=teacher_a, topic="STEM")
    course = factories.make_course(teacher_a.school.office)
    services.request_decide(course_request=course_request, approve=True, course=course, note="", by=director_a)
    assert not any("/qualification/status/" in item.url for item in home()["waiting"])  # nobody left: no line
    factories.make_record(teacher_a, completed_on=date.today())
    assert home()["due_soon_people"] == []
