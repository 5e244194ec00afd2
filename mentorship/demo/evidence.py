"""A year of plausible mentors' logs for the demo office's pairs: meetings on the office's cadence, lesson visits
with a subject and a class, the three short answers, most entries confirmed by the mentee, and one pair in four
gone quiet a few weeks ago, so that the cadence board shows pairs behind.

`seed_evidence(office, today)` may run again: a pair that has entries with the three answers already is left
as it is.
"""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from mentorship.evidence import cadence_days, working_on
from mentorship.models import Activity, ActivityKind, MentorshipSettings, Pair
from mentorship.periods import one_year_before
from schools.models import Country

CLASSES = ["5 А", "5 Б", "6 А", "7 Б", "8 А", "8 В", "9 Б", "10 А", "11 А"]
DEFAULT_SUBJECTS = {Country.KYRGYZSTAN: "Математика", Country.KAZAKHSTAN: "Математика"}
PHRASES = {
    Country.KYRGYZSTAN: {
        "went_well": [
            "Сабактын максаты окуучуларга так айтылды",
            "Топтук иш жакшы уюштурулду, окуучулар активдүү болушту",
            "Убакыт туура бөлүштүрүлдү",
            "Калыптандыруучу баалоо колдонулду",
            "Окуучулар менен кайтарым байланыш жакшы",
        ],
        "was_hard": [
            "Алсыз окуучулар үчүн тапшырмалар жетишсиз",
            "Класстагы тартипти кармоо кыйын болду",
            "Сабактын аягында жыйынтыкка убакыт калбады",
            "Доскага жазуу көп убакыт алды",
        ],
        "next_steps": [
            "Дифференцияланган тапшырмаларды даярдоо",
            "Кийинки жумада бири-биринин сабагына катышуу",
            "Баалоо критерийлерин бирге түзүү",
            "Рефлексия үчүн 5 мүнөт калтыруу",
            "Ачык сабакка даярданууну баштоо",
        ],
    },
    Country.KAZAKHSTAN: {
        "went_well": [
            "Сабақтың мақсаты оқушыларға нақты айтылды",
            "Топтық жұмыс жақсы ұйымдастырылды",
            "Уақыт дұрыс бөлінді",
            "Қалыптастырушы бағалау қолданылды",
        ],
        "was_hard": [
            "Әлсіз оқушыларға арналған тапсырмалар аз болды",
            "Сынып тәртібін ұстау қиын болды",
            "Сабақ соңында қорытындыға уақыт қалмады",
        ],
        "next_steps": [
            "Саралап оқыту тапсырмаларын дайындау",
            "Келесі аптада бір-бірінің сабағына қатысу",
            "Бағалау критерийлерін бірге құру",
            "Рефлексияға 5 минут қалдыру",
        ],
    },
}
KIND_WEIGHTS = {
    ActivityKind.CONSULTATION: 4,
    ActivityKind.MENTOR_VISIT: 3,
    ActivityKind.MENTEE_VISIT: 2,
    ActivityKind.CO_PLANNING: 2,
    ActivityKind.OPEN_LESSON: 1,
}
QUIET_EVERY = 4  # one pair in four stopped logging a few weeks ago


def _school_day(day):
    """The day itself on a weekday of the school year, else the next such day (summer is a holiday)."""
    while day.weekday() >= 5 or day.month in (7, 8):
        day += timedelta(days=1)
    return day


@transaction.atomic
def seed_evidence(office, today):
    """Adds the year of logs to every pair of `office` at work on `today`; returns how many entries it added."""
    rng = random.Random(f"evidence-{office.pk}-{office.code}")
    zone = ZoneInfo(office.time_zone or "Asia/Bishkek")
    phrases = PHRASES.get(office.country, PHRASES[Country.KYRGYZSTAN])
    office_settings = MentorshipSettings.for_office(office.pk)
    pairs = (
        working_on(Pair.objects.filter(track__office=office), today)
        .select_related("appointment__staff_member__user", "mentee__school", "track")
        .prefetch_related("mentee__subjects")
        .order_by("pk")
    )
    seeded = set(
        Activity.objects.filter(pair__in=pairs).exclude(went_well="").values_list("pair_id", flat=True).distinct()
    )
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    entries, people = [], []

    def log(pair, day, subjects):
        kind = rng.choices(kinds, weights)[0]
        is_visit = kind in (ActivityKind.MENTOR_VISIT, ActivityKind.MENTEE_VISIT)
        subject, class_name = (rng.choice(subjects), rng.choice(CLASSES)) if is_visit else ("", "")
        next_steps = rng.choice(phrases["next_steps"])
        starts_at = datetime.combine(day, time(rng.choice([9, 11, 13, 15]), rng.choice([0, 30])), tzinfo=zone)
        confirmed = starts_at + timedelta(days=rng.randint(0, 3))
        entries.append(
            Activity(
                office=office,
                kind=kind,
                topic=f"{subject}, {class_name}" if is_visit else next_steps,
                starts_at=starts_at,
                host_school=pair.mentee.school,
                track=pair.track,
                pair=pair,
                subject=subject,
                class_name=class_name,
                went_well=rng.choice(phrases["went_well"]),
                was_hard=rng.choice(phrases["was_hard"]) if rng.random() < 0.7 else "",
                next_steps=next_steps,
                confirmed_at=confirmed if rng.random() < 0.75 and confirmed.date() < today else None,
                recorded_by=pair.appointment.staff_member.user,
            )
        )
        people.append((pair.appointment.staff_member_id, pair.mentee_id))

    for number, pair in enumerate(pairs):
        if pair.pk in seeded:
            continue
        quiet = number % QUIET_EVERY == 1
        last_day = today - timedelta(days=rng.randint(30, 60) if quiet else rng.randint(1, 2))
        subjects = [str(subject) for subject in pair.mentee.subjects.all()] or [DEFAULT_SUBJECTS.get(office.country)]
        day = _school_day(max(pair.starts_on, one_year_before(today)) + timedelta(days=rng.randint(1, 4)))
        logged = None
        while day <= last_day:
            log(pair, day, subjects)
            logged = day
            # Close to the cadence: a day early, or a little late but within the office's grace.
            late = rng.randint(-1, max(office_settings.cadence_grace_days - 1, 0))
            day = _school_day(day + timedelta(days=max(cadence_days(office_settings, pair, day) + late, 1)))
        if not quiet and (logged is None or (today - logged).days >= cadence_days(office_settings, pair, today)):
            log(pair, max(today - timedelta(days=1), pair.starts_on), subjects)  # the pair at work met yesterday
    Activity.objects.bulk_create(entries)
    Through = Activity.participants.through
    Through.objects.bulk_create(
        Through(activity_id=entry.pk, staffmember_id=person_id)
        for entry, pair_people in zip(entries, people, strict=True)
        for person_id in pair_people
    )
    return len(entries)
