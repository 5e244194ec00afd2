"""Generates every missing council from the wording in `minutes` and the calendar in `years`: members,
associations, the annual plan, numbered meetings with their minutes in the school's language, decisions in
every state, a few recommendations and considered documents.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection

from core.academic import academic_year_label
from methodcouncil.demo.minutes import PACKS
from methodcouncil.demo.years import CURRENT_YEAR, DEMO_SECRETARY_DECISION, PREVIOUS_YEAR, SEEDED_ON, SIGNED, YEARS
from methodcouncil.models import (
    AgendaItem,
    Attendance,
    ConsideredDocument,
    Council,
    CouncilMember,
    CouncilPlanItem,
    CouncilRole,
    Decision,
    DecisionState,
    Meeting,
    MethodicalAssociation,
    Recommendation,
    RecommendationKind,
    Speech,
)
from qualification.models import RenewalState
from qualification.renewal import with_renewal
from schools.demo.names import full_name
from schools.models import Position, SchoolKind, StaffMember

A, C, W = RecommendationKind.ATTESTATION, RecommendationKind.CATEGORY, RecommendationKind.AWARD
TEACHING = {Position.SUBJECT_TEACHER, Position.PRIMARY_TEACHER, Position.PRESCHOOL_EDUCATOR, Position.LIBRARIAN}


def _language(school):
    """The minutes' language: the school's language of instruction, or Russian where it has no wording."""
    return school.instruction_language if school.instruction_language in PACKS else "ru"


def _pack(school):
    return PACKS[_language(school)]


def _signed_at(day, office):
    return datetime.combine(day + timedelta(days=1), time(16, 0), tzinfo=ZoneInfo(office.time_zone))


class Councils:
    """Builds every missing council in memory, then writes each table with one bulk insert."""

    def __init__(self, rng):
        self.rng = rng
        self.councils = []
        self.members, self.associations, self.plan_items = [], [], []
        self.meetings, self.items, self.speeches = [], [], []
        self.decisions, self.attendance, self.documents = [], [], []
        self.wanted_recommendations = []  # (decision, staff member, kind, details, meeting day)

    def plan_council(self, school, year, staff, director_users, demo_teacher):
        rng = self.rng
        pack = _pack(school)
        director = next((p for p in staff if p.position == Position.DIRECTOR), None)
        deputies = [p for p in staff if p.position == Position.DEPUTY_DIRECTOR]
        teachers = [p for p in staff if p.position in TEACHING and p != director]
        if demo_teacher is not None and year == CURRENT_YEAR and demo_teacher.school_id == school.pk:
            secretary = demo_teacher
        else:
            secretary = rng.choice(teachers)
        others = [p for p in teachers if p != secretary]
        members = deputies[:2] + rng.sample(others, min(len(others), rng.randint(4, 6) - len(deputies[:2])))
        council = Council(office_id=school.office_id, school=school, academic_year=year, name=pack.council_name)
        self.councils.append(council)
        roster = [(director, CouncilRole.CHAIR), (secretary, CouncilRole.SECRETARY)] + [
            (person, CouncilRole.MEMBER) for person in members
        ]
        roster = [(person, role) for person, role in roster if person is not None]
        self.members += [CouncilMember(council=council, staff_member=person, role=role) for person, role in roster]
        people = [person for person, _role in roster]

        names = pack.kindergarten_associations if school.kind == SchoolKind.PRESCHOOL else pack.associations
        self.associations += [
            MethodicalAssociation(council=council, name=name, head=rng.choice(people[1:] or people)) for name in names
        ]
        plans = YEARS[year]
        plan_items = [
            CouncilPlanItem(council=council, month=month, topic=pack.meetings[index].plan_topic)
            for index, month in enumerate(plans["plan_months"])
        ]
        self.plan_items += plan_items

        shift = timedelta(days=school.pk % 4)
        meetings = []
        for number, plan in enumerate(plans["meetings"], start=1):
            day = plan.day + shift
            meeting = Meeting(
                council=council,
                number=number,
                date=day,
                place=pack.place,
                plan_item=plan_items[plan.template],
                state=plan.state,
            )
            if plan.state == SIGNED:
                meeting.signed_at = _signed_at(day, school.office)
                meeting.signed_by = director_users.get(school.pk)
                meeting.school_name = school.name
                meeting.council_name = pack.council_name
                meeting.chair_name = full_name(director) if director else ""
                meeting.secretary_name = full_name(secretary)
                meeting.language = _language(school)
            meetings.append(meeting)
            items = self.plan_meeting(meeting, plan, pack, people, school)
            if secretary is demo_teacher and number == 2:
                # The demo teacher answers for a decision of October's meeting, due before the winter break.
                self.decisions.append(
                    Decision(
                        agenda_item=items[-1],
                        text=DEMO_SECRETARY_DECISION[0],
                        responsible=demo_teacher,
                        deadline=DEMO_SECRETARY_DECISION[1],
                        responsible_name=full_name(demo_teacher),
                    )
                )
        self.meetings += meetings

        considered = [meetings[0], meetings[0]] if year == PREVIOUS_YEAR else [meetings[0], meetings[1]]
        documents = pack.documents[:2] if year == PREVIOUS_YEAR else pack.documents[2:]
        for (title, kind), meeting in zip(documents, considered, strict=True):
            self.documents.append(
                ConsideredDocument(
                    council=council,
                    title=title.format(year=academic_year_label(year)),
                    kind=kind,
                    considered_at=meeting,
                    approved_on=meeting.date + timedelta(days=3),
                    approved_by=full_name(director) if director else "",
                )
            )

    def plan_meeting(self, meeting, plan, pack, people, school):
        rng = self.rng
        signed = plan.state == SIGNED
        held = bool(plan.deadlines)
        texts = pack.meetings[plan.template].items
        items = []
        for order, text in enumerate(texts, start=1):
            item = AgendaItem(meeting=meeting, order=order, topic=text.topic)
            items.append(item)
            if not held:
                continue
            speaker = rng.choice(people)
            item.heard_speaker = speaker
            item.heard_topic = pack.heard.format(topic=text.topic)
            item.heard_speaker_name = full_name(speaker) if signed else ""
            for who in rng.sample(people, rng.randint(1, 2)):
                self.speeches.append(Speech(agenda_item=item, who=full_name(who), summary=rng.choice(pack.speeches)))
            slot = (order - 1) % len(plan.deadlines)
            responsible = rng.choice(people)
            deadline = plan.deadlines[slot]
            done = plan.done[slot]
            decision = Decision(
                agenda_item=item,
                text=text.decision,
                responsible=responsible,
                deadline=deadline,
                state=DecisionState.DONE if done else DecisionState.OPEN,
                done_at=_signed_at(deadline or meeting.date, school.office) if done else None,
                responsible_name=full_name(responsible) if signed else "",
            )
            self.decisions.append(decision)
            if rng.random() < 0.4:
                self.decisions.append(self.follow_up(item, pack, people, plan, school, signed))
            if text.recommendation:
                details = {C: pack.category, W: pack.award}.get(text.recommendation, "")
                count = rng.randint(1, 3) if text.recommendation == A else rng.randint(1, 2)
                for person in rng.sample(people[1:], min(count, len(people) - 1)):
                    self.wanted_recommendations.append((decision, person, text.recommendation, details, meeting))
        self.items += items
        if held:
            absent = rng.choice(people[2:]) if len(people) > 2 and rng.random() < 0.6 else None
            for person in people:
                is_absent = person == absent
                self.attendance.append(
                    Attendance(
                        meeting=meeting,
                        staff_member=person,
                        present=not is_absent,
                        absence_reason=rng.choice(pack.absence_reasons) if is_absent else "",
                        staff_name=full_name(person) if signed else "",
                    )
                )
        return items

    def follow_up(self, item, pack, people, plan, school, signed):
        """A second, varied decision: done or not by chance once its deadline has passed."""
        rng = self.rng
        responsible = rng.choice(people)
        deadline = rng.choice([day for day in plan.deadlines if day] or [item.meeting.date])
        done = deadline < SEEDED_ON and rng.random() < 0.6
        return Decision(
            agenda_item=item,
            text=pack.follow_up,
            responsible=responsible,
            deadline=deadline,
            state=DecisionState.DONE if done else DecisionState.OPEN,
            done_at=_signed_at(deadline, school.office) if done else None,
            responsible_name=full_name(responsible) if signed else "",
        )

    def recommendations(self):
        """Each recommendation carries the person's renewal standing on its meeting's day, as the service does."""
        by_day = {}
        for _decision, person, _kind, _details, meeting in self.wanted_recommendations:
            by_day.setdefault(meeting.date, set()).add(person.pk)
        standing = {}
        for day, ids in by_day.items():
            rows = with_renewal(StaffMember.objects.filter(pk__in=ids), today=day).values_list(
                "pk", "renewal_state", "renewal__valid_until"
            )
            for pk, state, valid_until in rows:
                standing[day, pk] = (state, valid_until if state != RenewalState.NO_RECORD else None)
        recommendations = []
        for decision, person, kind, details, meeting in self.wanted_recommendations:
            state, valid_until = standing[meeting.date, person.pk]
            recommendations.append(
                Recommendation(
                    decision=decision,
                    kind=kind,
                    staff_member=person,
                    details=details,
                    renewal_state=state,
                    renewal_valid_until=valid_until,
                    staff_name=full_name(person) if meeting.state == SIGNED else "",
                )
            )
        return recommendations

    def write(self):
        # In this order each row's parents have their keys before the row is written.
        tables = [
            (Council, self.councils),
            (CouncilMember, self.members),
            (MethodicalAssociation, self.associations),
            (CouncilPlanItem, self.plan_items),
            (Meeting, self.meetings),
            (AgendaItem, self.items),
            (Speech, self.speeches),
            (Decision, self.decisions),
            (Attendance, self.attendance),
        ]
        for model, rows in tables:
            model.objects.bulk_create(rows, batch_size=1000)
        Recommendation.objects.bulk_create(self.recommendations(), batch_size=1000)
        ConsideredDocument.objects.bulk_create(self.documents, batch_size=1000)
        _analyze([model for model, _rows in tables] + [Recommendation, ConsideredDocument])


def _analyze(models):
    """Planner statistics for the tables just filled. Autovacuum cannot see rows of the seeding transaction, so
    PostgreSQL planned the counts that follow for empty tables: a nested loop over four joined tables that
    once ran for eleven minutes in the suite. ANALYZE counts the transaction's own new rows."""
    if connection.vendor == "postgresql":
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")
