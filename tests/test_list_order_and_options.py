"""Lists keep their order from page to page, and the school filters offer the reader's schools as they are now.

A count's GROUP BY drops a model's default ordering, and a list paged without one pages at random on
PostgreSQL (pyproject turns Django's warning about it into an error for the whole suite). The school filters
read their options from the shared cache, under the office's version that every write to a school renews.
"""

import re

from django.urls import reverse

from core import submissions
from tests import factories
from tests.walking import writing_form


def _send(client, url, **typed):
    """The school form as the page shows it, with `typed` changed, sent back."""
    action, shown = writing_form(client, url, "name")
    response = client.post(action, {**shown, **typed, submissions.FIELD: submissions.new_token()})
    assert response.status_code == 302, response.context["form"].errors


def _school_options(response, name="school"):
    select = re.search(rf'<select name="{name}".*?</select>', response.content.decode(), re.S)
    return re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', select.group(0))


def test_the_school_list_goes_by_number_however_the_schools_were_added(methodist_client, office):
    for number in (9, 3, 5):
        factories.make_school(office, number=number, name=f"№{number} мектеби")
    response = methodist_client.get(reverse("schools:school_list"))
    assert re.findall(r"№(\d) мектеби", response.content.decode()) == ["3", "5", "9"]


def test_the_providers_list_goes_by_name_however_they_were_added(methodist_client, office):
    for name in ("Борбор", "Академия", "Өнүгүү"):
        factories.make_provider(office, name=name)
    response = methodist_client.get(reverse("qualification:providers"))
    names = re.findall(r">(Борбор|Академия|Өнүгүү)<", response.content.decode())
    assert names == ["Академия", "Борбор", "Өнүгүү"]


def test_the_school_filter_offers_the_offices_schools_and_no_others(
    methodist_client, school_a, school_b, other_office_school
):
    response = methodist_client.get(reverse("schools:staff_list"))
    assert _school_options(response) == [school_a.name, school_b.name]


def test_a_school_added_is_offered_by_the_filters_at_once(methodist_client, office, school_a):
    staff_list = reverse("schools:staff_list")
    assert _school_options(methodist_client.get(staff_list)) == [school_a.name]
    _send(methodist_client, reverse("schools:school_create"), number="1", name="№1 гимназия", instruction_language="ky")
    assert _school_options(methodist_client.get(staff_list)) == ["№1 гимназия", school_a.name]
    board = methodist_client.get(reverse("methodcouncil:decisions"))
    assert _school_options(board) == ["№1 гимназия", school_a.name]


def test_a_school_renamed_is_offered_under_its_new_name_at_once(methodist_client, school_a):
    board = reverse("mentorship:board")
    assert _school_options(methodist_client.get(board)) == [school_a.name]
    _send(methodist_client, reverse("schools:school_edit", args=[school_a.pk]), name="№2 гимназия")
    assert _school_options(methodist_client.get(board)) == ["№2 гимназия"]


def test_a_chosen_school_stays_chosen_and_an_unknown_one_is_refused(methodist_client, school_a, other_office_school):
    response = methodist_client.get(reverse("mentorship:pairs"), {"school": school_a.pk})
    assert f'<option value="{school_a.pk}" selected>' in response.content.decode()
    refused = methodist_client.get(reverse("mentorship:pairs"), {"school": other_office_school.pk})
    assert "school" in refused.context["filter"].form.errors
