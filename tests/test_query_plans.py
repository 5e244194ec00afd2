"""The queries that grow with a country's data find their rows through indexes (EXPLAIN, on either database).

Test data is small, so PostgreSQL would rightly read whole tables; with sequential scans priced out of
reach (`SET LOCAL enable_seqscan = off`) the plan shows which index *can* answer the query, and a
missing or mismatched index shows up as a sequential scan that the planner had no way to avoid.
"""

from datetime import date

import pytest
from django.db import connection

from qualification.models import CourseRecord, RecordState
from qualification.renewal import with_renewal
from schools.models import StaffMember
from tests import factories


@pytest.fixture
def plan():
    def explain(queryset):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()

    return explain


@pytest.fixture
def people(school_a, school_b):
    course = factories.make_course(school_a.office)
    for school in (school_a, school_b):
        for number in range(3):
            person = factories.make_staff(school, surname=f"Өмүрова{number}")
            factories.make_record(person, course, completed_on=date(2024, 5, 1))


def test_school_status_page_reads_staff_and_standing_by_index(plan, people, school_a):
    text = plan(with_renewal(StaffMember.objects.filter(school=school_a, is_active=True)))
    if connection.vendor == "postgresql":
        assert "schools_staffmember_school_id" in text or "staff_school_name_idx" in text
        assert "qualification_renewalstatus_pkey" in text
    else:
        assert "SEARCH schools_staffmember USING INDEX" in text
        assert "SEARCH qualification_renewalstatus USING" in text
    assert "Seq Scan on schools_staffmember" not in text
    assert "SCAN schools_staffmember" not in text


def test_renewal_refresh_reads_only_the_peoples_records_by_index(plan, people, school_a):
    ids = list(StaffMember.objects.filter(school=school_a).values_list("pk", flat=True))
    records = CourseRecord.objects.filter(
        staff_member_id__in=ids, state=RecordState.CONFIRMED, completed_on__lte=date.today()
    ).values_list("pk", "staff_member_id", "completed_on", "hours", "course__kind")
    text = plan(records)
    if connection.vendor == "postgresql":
        assert "Index" in text and "qualification_courserecord" in text
        assert "Seq Scan on qualification_courserecord" not in text
    else:
        assert "SEARCH qualification_courserecord USING INDEX" in text


def test_an_office_name_search_reads_the_offices_staff_by_school_not_the_country(plan, people, methodist):
    """The search reads the stored lowered name of the office's people, found through their schools: its cost
    follows the office, not how many people of the country share the name (a trigram index did, and was
    dropped)."""
    text = plan(StaffMember.objects.for_user(methodist).search("өмүр"))
    if connection.vendor == "postgresql":
        assert "schools_staffmember_school_id" in text or "staff_school_name_idx" in text
        assert "staff_search_name_trgm" not in text
    else:
        assert "SEARCH schools_staffmember USING INDEX" in text
    assert "Seq Scan on schools_staffmember" not in text
