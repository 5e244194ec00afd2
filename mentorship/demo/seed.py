"""Generates the mentor–mentee school from the tables in `programme`.

The 52 mentors approved for two years by order No. 18 of 24 February 2020 and their first mentees; the
district hearing of 3 March 2020 at school No. 2 and the rest of that year's plan (partly carried out: the
spring of 2020 closed the schools); today's cohort, reappointed for the two academic years around today,
with about 70 pairs (young specialists first) and the mentors' logs of meetings and lesson visits; last
year's plan, carried out, and this year's, done up to today. The demo teacher is the mentee of a mentor who
has the demo login "mentor".

Draws come from one fixed random seed and people are picked by their natural order, so every machine gets
the same programme.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.academic import academic_year_of
from core.scoping import Role
from mentorship.demo.programme import (
    ACHIEVEMENTS,
    ACTIVITY_OUTCOME,
    CURRENT_YEAR_ACTIVITIES,
    CURRENT_YEAR_UNDONE,
    DESCRIPTIONS,
    FIRST_ORDER,
    FIRST_YEAR,
    FIRST_YEAR_ACTIVITIES,
    FIRST_YEAR_NOTE,
    FIRST_YEAR_UNDONE,
    HEARING_DAY,
    HEARING_RESPONSIBLE,
    HEARING_SCHOOL,
    HEARING_TOPIC,
    LOG_OUTCOMES,
    LOG_TOPICS,
    MENTOR_LOGIN,
    OFFICE_RESPONSIBLE,
    PREVIOUS_YEAR_ACTIVITIES,
    STOP_REASONS,
    TRACK_RESPONSIBLE,
    TRACKS,
    YEAR_NOTE,
)
from mentorship.models import (
    Activity,
    ActivityKind,
    MentorAppointment,
    MentorshipSettings,
    Pair,
    PairState,
    PlanItem,
    PlanItemState,
    Track,
    WorkPlan,
    two_years_later,
)
from schools.demo.accounts import demo_user
from schools.models import Position, School, StaffMember


@dataclass
class Planned:
    """An item of a year's plan and, unless it was not carried out (no kind), the activity that holds it."""

    item: PlanItem
    kind: str | None = None
    starts_at: datetime | None = None
    host: int | None = None  # the host school's number
    track: Track | None = None


def _sort_key(person):
    return (person.school.number or 999, person.school.name, person.surname, person.given_name, person.hire_date)


class MentorshipSchool:
    """The office's programme, built in memory step by step (tracks, mentors, pairs, plans, logs) and
    written with a bulk insert per table."""

    def __init__(self, office, methodist):
        self.office = office
        self.methodist = methodist
        self.zone = ZoneInfo(office.time_zone)
        self.rng = random.Random(2020)
        self.today = timezone.localdate()
        self.year = academic_year_of(self.today)
        self.schools = {school.number: school for school in School.objects.filter(office=office)}
        staff = (
            StaffMember.objects.filter(school__office=office, is_active=True)
            .select_related("school", "user")
            .prefetch_related("subjects")
        )
        self.staff = sorted(staff, key=_sort_key)
        self.subjects = {person.pk: {subject.code for subject in person.subjects.all()} for person in self.staff}
        self.teacher = next(
            (person for person in self.staff if person.user and person.user.username == "teacher"), None
        )
        self.activities, self.participants = [], []

    def at(self, day, hour, minute=0):
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone)

    def fits(self, person, plan):
        return person.position in plan.positions and bool(self.subjects[person.pk] & plan.subjects)

    # Tracks ----------------------------------------------------------------------------------------

    def seed_tracks(self):
        tracks = {}
        for order, plan in enumerate(TRACKS, start=1):
            tracks[plan.code], _ = Track.objects.get_or_create(
                office=self.office,
                code=plan.code,
                defaults={
                    "name_ky": plan.name_ky,
                    "name_kk": plan.name_kk,
                    "name_ru": plan.name_ru,
                    "order": order,
                    "responsible": self.methodist,
                },
            )
        return tracks

    # Mentors ---------------------------------------------------------------------------------------

    def choose_mentors(self):
        """52 experienced people, each under one track; school No. 2's first mathematician is the demo mentor."""
        taken = {self.teacher.pk} if self.teacher else set()
        chosen = {}
        demo_mentor = next(
            person
            for person in self.staff
            if person.school.number == 2
            and person.pk not in taken
            and person.hire_date.year <= 2012
            and self.fits(person, TRACKS[0])
        )
        for plan in TRACKS:
            pool = [
                person
                for person in self.staff
                if person.pk not in taken and person.hire_date.year <= 2013 and self.fits(person, plan)
            ]
            picked = [demo_mentor] if plan is TRACKS[0] else []
            pool = [person for person in pool if person not in picked]
            picked += self.rng.sample(pool, plan.mentors - len(picked))
            taken.update(person.pk for person in picked)
            chosen[plan.code] = sorted(picked, key=_sort_key)
        return chosen, demo_mentor

    def appointment(self, person, track, order, starts_on, ends_on):
        first_subject = next(iter(sorted(person.subjects.all(), key=lambda subject: subject.code)), None)
        years = person.years_since_hire(starts_on)
        what = first_subject.name_ky.lower() if first_subject else person.get_position_display().lower()
        return MentorAppointment(
            staff_member=person,
            track=track,
            order_number=order[0],
            order_date=order[1],
            starts_on=starts_on,
            ends_on=ends_on,
            biography=f"Педагогикалык стажы {years} жыл. {person.school.name}, {what}.",
            achievements="\n".join(self.rng.sample(ACHIEVEMENTS, 2)),
            created_by=self.methodist,
        )

    def seed_appointments(self, tracks, chosen, demo_mentor):
        first, current = [], []
        cohort_start = date(self.year - 1, 9, 1)
        current_order = ("№112", date(self.year - 1, 8, 28))
        # A few terms of the current cohort began a little earlier and end within the next weeks.
        ending_soon_end = self.today + timedelta(days=35)
        ending_soon_start = ending_soon_end.replace(year=ending_soon_end.year - 2) + timedelta(days=1)
        early_order = ("№204", ending_soon_start - timedelta(days=3))
        taken = {person.pk for people in chosen.values() for person in people} | {getattr(self.teacher, "pk", None)}
        for plan in TRACKS:
            track = tracks[plan.code]
            people = chosen[plan.code]
            for person in people:
                first.append(
                    self.appointment(person, track, FIRST_ORDER, FIRST_ORDER[1], two_years_later(FIRST_ORDER[1]))
                )
            # Most are reappointed; two of each track leave the programme and two new mentors take their place.
            leaving = [person for person in people if person != demo_mentor][-2:]
            newcomers = [
                person
                for person in self.staff
                if person.pk not in taken and person.hire_date.year <= 2015 and self.fits(person, plan)
            ][:2]
            taken.update(person.pk for person in newcomers)
            staying = [person for person in people if person not in leaving] + newcomers
            for index, person in enumerate(staying):
                if index % 12 == 5 and person != demo_mentor:
                    current.append(self.appointment(person, track, early_order, ending_soon_start, ending_soon_end))
                else:
                    current.append(
                        self.appointment(person, track, current_order, cohort_start, two_years_later(cohort_start))
                    )
        MentorAppointment.objects.bulk_create(first + current)
        return first, current

    # Pairs -----------------------------------------------------------------------------------------

    def mentee_pool(self, plan, hired_before, hired_after, exclude):
        return [
            person
            for person in self.staff
            if person.pk not in exclude
            and hired_after <= person.hire_date <= hired_before
            and (
                self.subjects[person.pk] & plan.subjects
                or (plan.code == "technology-primary" and person.position == Position.PRIMARY_TEACHER)
            )
        ]

    def seed_pairs(self, tracks, first, current, demo_mentor):
        mentors = {appointment.staff_member_id for appointment in first + current}
        pairs = []
        # The 2020 cohort: about thirty pairs with the young specialists of the time, finished in 2022.
        used = set(mentors)
        for appointment in first[::2]:
            plan = next(plan for plan in TRACKS if plan.code == appointment.track.code)
            pool = self.mentee_pool(plan, date(2019, 9, 1), date(2016, 9, 1), used)
            if not pool:
                continue
            mentee = self.rng.choice(pool)
            used.add(mentee.pk)
            stopped = len(pairs) % 11 == 4
            pairs.append(
                Pair(
                    appointment=appointment,
                    mentee=mentee,
                    track=appointment.track,
                    starts_on=date(2020, 3, 10),
                    ends_on=appointment.ends_on,
                    goals=self.rng.choice(plan.goals),
                    state=PairState.STOPPED if stopped else PairState.FINISHED,
                    closed_on=date(2021, 1, 15) if stopped else appointment.ends_on,
                    stop_reason=STOP_REASONS[len(pairs) % len(STOP_REASONS)] if stopped else "",
                    created_by=self.methodist,
                )
            )
        # Today's cohort: young specialists first, then teachers hired within the last ten years.
        used = set(mentors)
        current_pairs = []
        for index, appointment in enumerate(current):
            plan = next(plan for plan in TRACKS if plan.code == appointment.track.code)
            wanted = 1 + (index % 3 == 0) + (index % 10 == 0)
            mentees = []
            if appointment.staff_member_id == demo_mentor.pk and self.teacher:
                mentees.append(self.teacher)
                used.add(self.teacher.pk)
            for hired_after in (self.today.replace(year=self.today.year - 3), date(self.today.year - 10, 9, 1)):
                pool = self.mentee_pool(plan, self.today, hired_after, used)
                while len(mentees) < wanted and pool:
                    mentee = pool.pop(self.rng.randrange(len(pool)))
                    mentees.append(mentee)
                    used.add(mentee.pk)
            for mentee in mentees:
                starts_on = max(appointment.starts_on + timedelta(days=14), mentee.hire_date + timedelta(days=14))
                if starts_on > self.today:
                    continue
                current_pairs.append(
                    Pair(
                        appointment=appointment,
                        mentee=mentee,
                        track=appointment.track,
                        starts_on=starts_on,
                        ends_on=appointment.ends_on,
                        goals=self.rng.choice(plan.goals),
                        created_by=self.methodist,
                    )
                )
        Pair.objects.bulk_create(pairs + current_pairs)
        return pairs, current_pairs

    # Activities and plans ----------------------------------------------------------------------------

    def add_activity(self, kind, topic, starts_at, host_school, track, people, **fields):
        activity = Activity(
            office=self.office,
            kind=kind,
            topic=topic,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=1 if fields.get("pair") else 3),
            host_school=host_school,
            track=track,
            is_announced=kind == ActivityKind.OPEN_DOOR_DAY,
            recorded_by=self.methodist,
            **fields,
        )
        self.activities.append(activity)
        self.participants.append([person.pk for person in people])
        return activity

    def year_day(self, year, month, day):
        return date(year if month >= 9 else year + 1, month, day)

    def planned_activity(self, plan, year, tracks, month, day, hour, kind, topic, school_number, track_code):
        held_on = self.year_day(year, month, day)
        track = tracks.get(track_code)
        item = PlanItem(
            plan=plan,
            what=topic,
            planned_month=held_on.replace(day=1),
            planned_on=held_on if kind == ActivityKind.OPEN_DOOR_DAY else None,
            responsible=OFFICE_RESPONSIBLE if track is None else TRACK_RESPONSIBLE.format(track=track.name_ky),
            track=track,
            state=PlanItemState.DONE if held_on < self.today else PlanItemState.PLANNED,
        )
        return Planned(item, kind, self.at(held_on, hour), school_number, track)

    def undone_item(self, plan, year, month, what, state, reason):
        planned_month = self.year_day(year, month, 1)
        item = PlanItem(
            plan=plan,
            what=what,
            planned_month=planned_month,
            responsible=OFFICE_RESPONSIBLE,
            state=state,
            state_reason=reason,
        )
        return Planned(item)

    def seed_year(self, year, activities, undone, tracks, mentors_by_track, hearing=None, note=""):
        """The year's work plan, and an activity for each item held by today (and each announced open day)."""
        plan, _ = WorkPlan.objects.get_or_create(office=self.office, academic_year=year, defaults={"note": note})
        entries = [self.planned_activity(plan, year, tracks, *row) for row in activities]
        entries += [self.undone_item(plan, year, *row) for row in undone]
        if hearing:
            entries.append(hearing(plan))
        PlanItem.objects.bulk_create([entry.item for entry in entries])
        for entry in entries:
            if entry.kind is None:
                continue
            held = entry.starts_at.date() < self.today
            if held or entry.kind == ActivityKind.OPEN_DOOR_DAY:
                track = entry.track
                people = mentors_by_track.get(track.code if track else None, [])
                if entry.kind != ActivityKind.HEARING:
                    people = self.rng.sample(people, min(len(people), 8))
                self.add_activity(
                    entry.kind,
                    entry.item.what,
                    entry.starts_at,
                    self.schools.get(entry.host) if entry.host else None,
                    track,
                    people,
                    plan_item=entry.item if held else None,
                    description=DESCRIPTIONS.get(entry.kind, ""),
                    outcome=ACTIVITY_OUTCOME if held else "",
                )
        return plan

    def seed_activities(self, tracks, first, current, current_pairs):
        def mentors_by_track(appointments):
            grouped = {None: [appointment.staff_member for appointment in appointments]}
            for appointment in appointments:
                grouped.setdefault(appointment.track.code, []).append(appointment.staff_member)
            return grouped

        def hearing(plan):
            """Seed 000's district hearing of the mentors, held before the first year's plan was written."""
            item = PlanItem(
                plan=plan,
                what=HEARING_TOPIC,
                planned_month=HEARING_DAY.replace(day=1),
                planned_on=HEARING_DAY,
                responsible=HEARING_RESPONSIBLE,
                state=PlanItemState.DONE,
            )
            return Planned(item, ActivityKind.HEARING, self.at(HEARING_DAY, 10), HEARING_SCHOOL)

        self.seed_year(
            FIRST_YEAR,
            FIRST_YEAR_ACTIVITIES,
            FIRST_YEAR_UNDONE,
            tracks,
            mentors_by_track(first),
            hearing,
            FIRST_YEAR_NOTE,
        )
        previous_note, current_note = YEAR_NOTE.format(year=self.year - 1), YEAR_NOTE.format(year=self.year)
        current_mentors = mentors_by_track(current)
        self.seed_year(self.year - 1, PREVIOUS_YEAR_ACTIVITIES, [], tracks, current_mentors, note=previous_note)
        self.seed_year(
            self.year, CURRENT_YEAR_ACTIVITIES, CURRENT_YEAR_UNDONE, tracks, current_mentors, note=current_note
        )
        self.seed_logs(current_pairs)
        self.write_activities()

    def seed_logs(self, current_pairs):
        """The mentors' own logs: a meeting or a lesson visit with each mentee about once a month."""
        for pair in current_pairs:
            day = pair.starts_on + timedelta(days=self.rng.randint(3, 12))
            while day < self.today - timedelta(days=1):
                kind = self.rng.choice(
                    [ActivityKind.CONSULTATION, ActivityKind.CONSULTATION, ActivityKind.LESSON_VISIT]
                    + [ActivityKind.OPEN_LESSON] * (day.month in (3, 4))
                )
                if day.month not in (6, 7, 8) and day.weekday() < 5:
                    self.add_activity(
                        kind,
                        self.rng.choice(LOG_TOPICS[kind]),
                        self.at(day, self.rng.choice([9, 11, 14])),
                        pair.mentee.school,
                        pair.track,
                        [pair.appointment.staff_member, pair.mentee],
                        pair=pair,
                        outcome=self.rng.choice(LOG_OUTCOMES),
                    )
                day += timedelta(days=self.rng.randint(30, 60))

    def write_activities(self):
        Activity.objects.bulk_create(self.activities)
        Through = Activity.participants.through
        Through.objects.bulk_create(
            Through(activity_id=activity.pk, staffmember_id=person_id)
            for activity, people in zip(self.activities, self.participants, strict=True)
            for person_id in dict.fromkeys(people)
        )

    def seed(self):
        MentorshipSettings.objects.get_or_create(office=self.office)  # the calendar feed has its address
        tracks = self.seed_tracks()
        if MentorAppointment.objects.filter(track__office=self.office).exists():
            return
        chosen, demo_mentor = self.choose_mentors()
        first, current = self.seed_appointments(tracks, chosen, demo_mentor)
        _pairs, current_pairs = self.seed_pairs(tracks, first, current, demo_mentor)
        self.seed_activities(tracks, first, current, current_pairs)
        # The demo login of the demo teacher's mentor; created once, its password left alone afterwards.
        demo_user(MENTOR_LOGIN, demo_mentor, role=Role.TEACHER, language="ky")
