"""Any input to the forms is either saved as a valid object or refused with errors, never a crash."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import submissions
from qualification.forms import CourseForm, PolicyForm
from schools.forms import SchoolForm, StaffMemberForm
from tests.create_forms import CREATE_FORMS
from tests.edit_forms import EDIT_FORMS
from tests.walking import writing_form

CYRILLIC = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=120)
ANY_DATE = st.one_of(st.dates(min_value=date(1, 1, 1)).map(str), CYRILLIC)
NUMBER = st.one_of(st.integers(min_value=-(10**12), max_value=10**12).map(str), CYRILLIC)
EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


class Rollback(Exception):
    pass


def saved_or_refused(form):
    """Validates and saves inside a savepoint that is always rolled back; returns True if it was valid."""
    try:
        with transaction.atomic():
            if form.is_valid():
                form.save().full_clean()
                raise Rollback(True)
            assert form.errors
            raise Rollback(False)
    except Rollback as outcome:
        return outcome.args[0]


@EXAMPLES
@given(surname=CYRILLIC, given_name=CYRILLIC, hire_date=ANY_DATE, position=CYRILLIC, email=CYRILLIC, phone=CYRILLIC)
def test_staff_form_never_crashes(director_a, surname, given_name, hire_date, position, email, phone):
    data = {
        "surname": surname,
        "given_name": given_name,
        "hire_date": hire_date,
        "position": position,
        "email": email,
        "phone": phone,
    }
    saved_or_refused(StaffMemberForm(data, user=director_a))


@EXAMPLES
@given(number=NUMBER, name=CYRILLIC, kind=CYRILLIC, support=st.booleans(), order_date=ANY_DATE)
def test_school_form_never_crashes(office, number, name, kind, support, order_date):
    form = SchoolForm(
        {
            "number": number,
            "name": name,
            "kind": kind,
            "instruction_language": "ky",
            "is_support_school": support,
            "support_order_number": "47",
            "support_order_date": order_date,
        }
    )
    form.instance.office = office
    saved_or_refused(form)


@EXAMPLES
@given(
    title=CYRILLIC,
    hours=NUMBER,
    kind=st.sampled_from(["upgrade", "retraining", "seminar", "x"]),
    start=ANY_DATE,
    end=ANY_DATE,
)
def test_course_form_never_crashes(methodist, office, title, hours, kind, start, end):
    from tests.factories import make_provider

    provider = make_provider(office)
    form = CourseForm(
        {
            "title": title,
            "provider": provider.pk,
            "kind": kind,
            "hours": hours,
            "audience": "everyone",
            "mode": "in_person",
            "funding": "budget",
            "starts_on": start,
            "ends_on": end,
            "language": "ky",
        },
        user=methodist,
    )
    form.instance.office = office
    saved_or_refused(form)


@EXAMPLES
@given(hours=NUMBER, years=NUMBER, months=NUMBER, applies=ANY_DATE, kinds=st.lists(CYRILLIC, max_size=3))
def test_policy_form_never_crashes(office, hours, years, months, applies, kinds):
    form = PolicyForm(
        {
            "min_hours": hours,
            "period_years": years,
            "counting": "single",
            "counted_kinds": kinds,
            "due_soon_months": months,
            "applies_from": applies,
        }
    )
    form.instance.office = office
    saved_or_refused(form)


pytestmark = pytest.mark.django_db


# Every create form, through its page ---------------------------------------------------------------------

ANY_VALUE = st.one_of(CYRILLIC, ANY_DATE, NUMBER)


class Undo(Exception):
    pass


@pytest.mark.parametrize("create_form", CREATE_FORMS, ids=[form.__name__ for form in CREATE_FORMS])
def test_any_value_in_any_field_of_a_create_form_is_refused_or_saved_within_its_bounds(request, create_form):
    """One field at a time gets arbitrary text, a date from year 1 to 9999 or a huge number: the page answers
    with the form's errors or saves a row that passes every validation of its model (never a 500)."""
    client_fixture, url, model, typed = create_form(request)
    client = request.getfixturevalue(client_fixture)
    action, shown = writing_form(client, url, submissions.FIELD)
    filled = {name: value for name, value in {**shown, **typed}.items() if not hasattr(value, "read")}
    names = sorted(name for name in filled if name not in (submissions.FIELD, "csrfmiddlewaretoken"))

    @EXAMPLES
    @given(name=st.sampled_from(names), value=ANY_VALUE)
    def one_field(name, value):
        before = set(model.objects.values_list("pk", flat=True))
        try:
            with transaction.atomic():
                data = {**filled, name: value, submissions.FIELD: submissions.new_token()}
                response = client.post(action, data)
                assert response.status_code in (200, 302), response.status_code
                for saved in model.objects.exclude(pk__in=before):
                    saved.full_clean()
                raise Undo
        except Undo:
            pass

    one_field()


@pytest.mark.parametrize(("edit_form", "model"), EDIT_FORMS, ids=[form.__name__ for form, _model in EDIT_FORMS])
def test_any_value_in_any_field_of_an_edit_form_is_refused_or_saved_within_its_bounds(request, edit_form, model):
    """The same for every edit form: the page answers with errors or keeps every row of its model valid."""
    client_fixture, url, marker, typed = edit_form(request)
    client = request.getfixturevalue(client_fixture)
    action, shown = writing_form(client, url, marker)
    filled = {name: value for name, value in {**shown, **typed}.items() if not hasattr(value, "read")}
    names = sorted(name for name in filled if name not in (submissions.FIELD, "csrfmiddlewaretoken", "version"))

    @EXAMPLES
    @given(name=st.sampled_from(names), value=ANY_VALUE)
    def one_field(name, value):
        try:
            with transaction.atomic():
                data = {**filled, name: value, submissions.FIELD: submissions.new_token()}
                response = client.post(action, data)
                assert response.status_code in (200, 302), response.status_code
                for row in model.objects.all():
                    row.full_clean()
                raise Undo
        except Undo:
            pass

    one_field()
