"""Several years of course records for an office's staff, generated from the catalogue.

Every school gets people in every renewal state (valid, due soon, overdue, no record), a few records waiting
for the director's confirmation, a rejected one and some planned courses, so that every page has something
to show. Draws come from one fixed random seed; the dates are counted back from today, so that the states
hold on the day the demo is seeded.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from qualification.demo.catalogue import (
    COHORT,
    DEMO_TEACHER,
    DEMO_TEACHER_REPORTED,
    DEMO_TEACHER_REQUEST,
    FALLBACK,
    FUTURE,
    RETRAINING,
    ROLLING,
    SEMINAR,
)
from qualification.models import (
    Audience,
    Course,
    CourseKind,
    CourseRecord,
    CourseRequest,
    CourseRun,
    DocumentKind,
    Provider,
    RecordState,
    RenewalState,
    RequestState,
)
from qualification.renewal import add_months, add_years, policy_for_office, refresh_renewal
from schools.demo.draws import random_day
from schools.models import Position, StaffMember, Subject, User

VALID, DUE_SOON, OVERDUE, NO_RECORD = (
    RenewalState.VALID,
    RenewalState.DUE_SOON,
    RenewalState.OVERDUE,
    RenewalState.NO_RECORD,
)
# Shares of the states drawn for the staff who are not one of a school's four guaranteed examples.
SCENARIO_WEIGHTS = {VALID: 55, DUE_SOON: 15, OVERDUE: 15, NO_RECORD: 10}
# The first four active staff of each school (directors and the demo teacher aside) show one state each.
GUARANTEED = [OVERDUE, DUE_SOON, VALID, NO_RECORD]
COURSE_DAYS = 12  # a rolling programme's cohort needs about two weeks before anyone completes it

# ---------------------------------------------------------------------------------------------------------
# Who may take which course
# ---------------------------------------------------------------------------------------------------------

AUDIENCE_POSITIONS = {
    Audience.PRIMARY_TEACHERS: {Position.PRIMARY_TEACHER},
    Audience.PRESCHOOL_EDUCATORS: {Position.PRESCHOOL_EDUCATOR},
    Audience.LIBRARIANS: {Position.LIBRARIAN},
    Audience.LEADERS: {Position.DIRECTOR, Position.DEPUTY_DIRECTOR},
    Audience.SUBJECT_TEACHERS: {Position.SUBJECT_TEACHER, Position.DIRECTOR, Position.DEPUTY_DIRECTOR},
}


@dataclass
class Person:
    pk: int
    school_id: int
    position: str
    hire_date: date
    subjects: set[str]
    scenario: str = NO_RECORD


def _fits(plan, person):
    if plan.audience == Audience.EVERYONE:
        return True
    if person.position not in AUDIENCE_POSITIONS[plan.audience]:
        return False
    return plan.audience != Audience.SUBJECT_TEACHERS or bool(person.subjects & set(plan.subjects))


def _document_number(rng):
    return f"№ {rng.randint(1, 9999):04d}"


# ---------------------------------------------------------------------------------------------------------
# One office
# ---------------------------------------------------------------------------------------------------------


class OfficeHistory:
    """One office's catalogue written once, then every active person's course history drawn from it."""

    def __init__(self, plan, office):
        self.plan = plan
        self.office = office
        self.rng = random.Random(2004)
        self.today = date.today()
        self.now = timezone.now()
        self.zone = ZoneInfo(office.time_zone)
        self.methodist = User.objects.filter(username=plan.methodist).first()
        self.records = []

    # Catalogue -------------------------------------------------------------------------------------------

    def seed_catalogue(self):
        providers = {}
        for provider in self.plan.providers:
            providers[provider.key], _ = Provider.objects.get_or_create(
                office=self.office, name=provider.name, defaults={"kind": provider.kind, "region": provider.region}
            )
        subject_ids = dict(Subject.objects.values_list("code", "pk"))
        self.courses = {}  # CoursePlan -> Course
        for plan in self.plan.courses:
            self.courses[plan], _ = Course.objects.get_or_create(
                office=self.office,
                title=plan.title,
                defaults={
                    "provider": providers[plan.provider],
                    "kind": plan.kind,
                    "hours": plan.hours,
                    "audience": plan.audience,
                    "subject_id": subject_ids[plan.subjects[0]] if plan.subjects else None,
                    "mode": plan.mode,
                    "funding": plan.funding,
                    "starts_on": plan.starts_on,
                    "ends_on": plan.ends_on,
                    "language": self.plan.language,
                    "title_ru": plan.title_ru,
                },
            )
        self.by_role = defaultdict(list)
        for plan in self.plan.courses:
            self.by_role[plan.role].append(plan)

    # Records ---------------------------------------------------------------------------------------------

    def _moment(self, day, days_later=(2, 21)):
        """A working-hours moment a few days after `day`, never later than now."""
        day = day + timedelta(days=self.rng.randint(*days_later))
        moment = datetime.combine(day, time(self.rng.randint(9, 17), self.rng.randint(0, 59)), tzinfo=self.zone)
        return min(moment, self.now)

    def _run(self, plan):
        """The one run of a course that a whole cohort attended together (the computer course, a retraining)."""
        run, _ = CourseRun.objects.get_or_create(
            course=self.courses[plan],
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            place="",
            defaults={"mode": plan.mode},
        )
        return run

    def _started(self, plan, completed_on):
        """A person's own first day: a seminar is one day; a rolling programme takes them about two weeks."""
        if completed_on is None:
            return None
        if plan.role == SEMINAR:
            return completed_on
        return max(completed_on - timedelta(days=COURSE_DAYS - 1), plan.starts_on or completed_on)

    def _add(self, person, plan, state, completed_on=None, reason="", run=None):
        course = self.courses[plan]
        decided = state in (RecordState.CONFIRMED, RecordState.REJECTED)
        self.records.append(
            CourseRecord(
                staff_member_id=person.pk,
                course=course,
                run=run,
                hours=course.hours,
                started_on=run.starts_on if run else self._started(plan, completed_on),
                completed_on=completed_on,
                document_kind=(
                    ""
                    if state == RecordState.PLANNED
                    else DocumentKind.DIPLOMA
                    if plan.kind == CourseKind.RETRAINING
                    else DocumentKind.CERTIFICATE
                ),
                document_number="" if state == RecordState.PLANNED else _document_number(self.rng),
                state=state,
                rejection_reason=reason,
                confirmed_by=self.methodist if decided else None,
                confirmed_at=self._moment(completed_on) if decided else None,
                created_by=self.methodist if state == RecordState.CONFIRMED else None,
            )
        )

    def _upgrade_course(self, person, day, own_share=0.75):
        """A rolling 72-hour programme the person could have finished on `day`: their own subject's, mostly."""
        running = [
            plan
            for plan in self.by_role[ROLLING] + self.by_role[FALLBACK]
            if plan.starts_on + timedelta(days=COURSE_DAYS) <= day
        ]
        own = [plan for plan in running if plan.audience != Audience.EVERYONE and _fits(plan, person)]
        general = [plan for plan in running if plan.audience == Audience.EVERYONE]
        if own and (not general or self.rng.random() < own_share):
            return self.rng.choice(own)
        return self.rng.choice(general)

    def _earliest(self, person):
        """The first day a person's course can be dated: a month after hiring, once the programmes run."""
        first_course = min(plan.starts_on for plan in self.by_role[FALLBACK])
        return max(person.hire_date + timedelta(days=30), first_course + timedelta(days=COURSE_DAYS))

    def _window(self, scenario):
        today = self.today
        if scenario == VALID:  # completed 1 to 3.5 years ago
            return add_months(today, -42), add_years(today, -1)
        if scenario == DUE_SOON:  # valid until within the next 12 months
            return add_years(today, -5) + timedelta(days=7), add_years(today, -4) - timedelta(days=7)
        return add_years(today, -9), add_months(today, -63)  # OVERDUE: 5.25 to 9 years ago

    def _main_completion(self, person, scenario):
        """The scenario's last counted course date; a person hired too recently for it falls back."""
        if scenario == NO_RECORD:
            return NO_RECORD, None
        first, last = self._window(scenario)
        first = max(first, self._earliest(person))
        if first <= last:
            return scenario, random_day(self.rng, first, last)
        if scenario == DUE_SOON:
            return self._main_completion(person, VALID)
        if scenario == VALID:  # a recent hire: a course since hiring, or nothing yet
            last = self.today - timedelta(days=14)
            if first <= last:
                return VALID, random_day(self.rng, first, last)
        return NO_RECORD, None

    def _person_history(self, person, scenario, completed_on):
        if completed_on:
            plan = self._upgrade_course(person, completed_on)
            # A few due-soon people finished the year-long retraining programme instead of a short course.
            first, last = self._window(DUE_SOON)
            for retraining in self.by_role[RETRAINING]:
                fits = person.hire_date < retraining.starts_on and first <= retraining.ends_on <= last
                if scenario == DUE_SOON and fits and self.rng.random() < 0.06:
                    plan, completed_on = retraining, retraining.ends_on
            run = self._run(plan) if plan.role == RETRAINING else None
            self._add(person, plan, RecordState.CONFIRMED, completed_on, run=run)
            # An older course, from the previous five-year period.
            older = add_months(completed_on, -self.rng.randint(54, 72))
            if older >= self._earliest(person) and self.rng.random() < 0.4:
                self._add(person, self._upgrade_course(person, older), RecordState.CONFIRMED, older)
        seminar_share = 0.4 if scenario == NO_RECORD else 0.12
        if self.by_role[SEMINAR] and self.rng.random() < seminar_share:
            plan = self.by_role[SEMINAR][0]
            first = max(self._earliest(person), plan.starts_on + timedelta(days=2))
            last = self.today - timedelta(days=7)
            if first <= last:
                self._add(person, plan, RecordState.CONFIRMED, random_day(self.rng, first, last))

    def seed_records(self):
        if CourseRecord.objects.filter(staff_member__school__office=self.office).exists():
            return
        teacher_id = (
            StaffMember.objects.filter(school__office=self.office, user__username=DEMO_TEACHER)
            .values_list("pk", flat=True)
            .first()
        )
        subjects = defaultdict(set)
        through = StaffMember.subjects.through.objects.filter(staffmember__school__office=self.office)
        for staff_id, code in through.values_list("staffmember_id", "subject__code"):
            subjects[staff_id].add(code)
        schools = defaultdict(list)
        staff = StaffMember.objects.filter(school__office=self.office, is_active=True).order_by(
            "school_id", "hire_date", "pk"
        )
        for pk, school_id, position, hire_date in staff.values_list("pk", "school_id", "position", "hire_date"):
            schools[school_id].append(Person(pk, school_id, position, hire_date, subjects[pk]))

        # Each person's scenario and last counted course date.
        scenarios, weights = list(SCENARIO_WEIGHTS), list(SCENARIO_WEIGHTS.values())
        completions, guaranteed, teacher = {}, set(), None
        for people in schools.values():
            examples = [p.pk for p in people if p.position != Position.DIRECTOR and p.pk != teacher_id][:4]
            for person in people:
                drawn = self.rng.choices(scenarios, weights)[0]
                if person.pk == teacher_id:
                    teacher = person
                    continue
                if person.pk in examples:
                    drawn = GUARANTEED[examples.index(person.pk)]
                    guaranteed.add(person.pk)
                person.scenario, completions[person.pk] = self._main_completion(person, drawn)

        # Seed 001: one week of computer literacy, after which 191 teachers were certified.
        cohort_ids = set()
        if self.plan.cohort_size and self.by_role[COHORT]:
            cohort = self.by_role[COHORT][0]
            candidates = [
                person
                for people in schools.values()
                for person in people
                if person.scenario == VALID and person.pk not in guaranteed and person.hire_date < cohort.starts_on
            ]
            chosen = self.rng.sample(candidates, min(self.plan.cohort_size, len(candidates)))
            still_valid = add_years(cohort.ends_on, 4) > self.today
            for person in chosen:
                self._add(person, cohort, RecordState.CONFIRMED, cohort.ends_on, run=self._run(cohort))
                cohort_ids.add(person.pk)
                if still_valid:  # the cohort course is their valid course
                    completions[person.pk] = None

        for people in schools.values():
            for person in people:
                if person is teacher:
                    continue
                self._person_history(person, person.scenario, completions[person.pk])
            self._school_workflow(people, teacher_id, guaranteed)
        if teacher:
            self._demo_teacher(teacher)
        CourseRecord.objects.bulk_create(self.records, batch_size=1000)

    def _school_workflow(self, people, teacher_id, guaranteed):
        """Records waiting for the director, a rejected one, and courses planned for the people who are due."""
        others = [p for p in people if p.pk != teacher_id]
        settled = [p for p in others if self._earliest(p) <= self.today - timedelta(days=400)]
        for person in self.rng.sample(settled, min(len(settled), self.rng.randint(2, 3))):
            completed_on = self.today - timedelta(days=self.rng.randint(5, 90))
            self._add(person, self._upgrade_course(person, completed_on), RecordState.COMPLETED, completed_on)
        for person in self.rng.sample(settled, min(len(settled), self.rng.randint(1, 2))):
            completed_on = self.today - timedelta(days=self.rng.randint(40, 400))
            reason = self.rng.choice(self.plan.rejection_reasons)
            self._add(person, self._upgrade_course(person, completed_on), RecordState.REJECTED, completed_on, reason)
        future = self.by_role[FUTURE]
        for person in others:
            example = person.pk in guaranteed and person.scenario == DUE_SOON
            if future and person.scenario in (DUE_SOON, OVERDUE) and (self.rng.random() < 0.4 or example):
                self._add(person, self.rng.choice(future), RecordState.PLANNED)

    def _demo_teacher(self, teacher):
        completed_on = add_months(self.today, -54)  # valid for about six more months: due soon
        own_subject = self._upgrade_course(teacher, completed_on, own_share=1)
        self._add(teacher, own_subject, RecordState.CONFIRMED, completed_on)
        if self.by_role[SEMINAR]:
            seminar = self.by_role[SEMINAR][0]
            self._add(teacher, seminar, RecordState.CONFIRMED, seminar.starts_on + timedelta(days=4))
        reported = next(plan for plan in self.plan.courses if plan.title == DEMO_TEACHER_REPORTED)
        self._add(teacher, reported, RecordState.COMPLETED, self.today - timedelta(days=18))
        self.records[-1].created_by = User.objects.filter(username=DEMO_TEACHER).first()

    def seed_requests(self):
        teacher = StaffMember.objects.filter(school__office=self.office, user__username=DEMO_TEACHER).first()
        if teacher is None:
            return
        future = self.by_role[FUTURE]
        CourseRequest.objects.get_or_create(
            staff_member=teacher,
            topic=DEMO_TEACHER_REQUEST["topic"],
            defaults={
                "course": self.courses[future[-1]] if future else None,
                "preferred_period": DEMO_TEACHER_REQUEST["preferred_period"],
                "note": DEMO_TEACHER_REQUEST["note"],
                "state": RequestState.REQUESTED,
            },
        )

    def seed(self):
        self.seed_catalogue()
        policy_for_office(self.office.pk)  # the seeds' rule: 72 hours once in every five years
        self.seed_records()
        self.seed_requests()
        refresh_renewal(StaffMember.objects.filter(school__office=self.office).values_list("pk", flat=True))
