"""A library of renewal rules an office can start from: each with its legal basis and date. Starting from one
fills the rule form; the office edits it into its own versioned rule, as any rule."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from qualification.models import CountingMode, CourseKind


@dataclass(frozen=True)
class RulePreset:
    key: str
    label: str
    country: str
    basis: str  # printed as the rule's basis: the act and its date, in the act's own language
    min_hours: int
    period_years: int
    counting: str
    due_soon_months: int
    counted_kinds: list = field(default_factory=lambda: [CourseKind.UPGRADE, CourseKind.RETRAINING])

    def initial(self):
        """The rule form's values for this preset."""
        return {
            "min_hours": self.min_hours,
            "period_years": self.period_years,
            "counting": self.counting,
            "counted_kinds": list(self.counted_kinds),
            "due_soon_months": self.due_soon_months,
            "note": self.basis,
        }


PRESETS = [
    RulePreset(
        key="kg-2013",
        label=_("Kyrgyzstan until 2023: 72 hours once in 5 years"),
        country="KG",
        basis="Госстандарт, Типовое положение об общеобразовательной организации (2013), 72 ч не реже 1 раза в 5 лет",
        min_hours=72,
        period_years=5,
        counting=CountingMode.SINGLE,
        due_soon_months=12,
    ),
    RulePreset(
        key="kg-yearly",
        label=_("Kyrgyzstan, yearly training: hours set by the office"),
        country="KG",
        basis="Закон КР «Об образовании» № 179 от 11.08.2023; ежегодное обучение (объявлено в октябре 2025)",
        min_hours=36,
        period_years=1,
        counting=CountingMode.CUMULATIVE,
        due_soon_months=3,
        counted_kinds=[CourseKind.UPGRADE, CourseKind.RETRAINING, CourseKind.SEMINAR],
    ),
    RulePreset(
        key="kz-2019",
        label=_("Kazakhstan: a course at least once in 3 years"),
        country="KZ",
        basis="Закон РК «О статусе педагога» (2019), курсы повышения квалификации не реже 1 раза в 3 года",
        min_hours=72,
        period_years=3,
        counting=CountingMode.SINGLE,
        due_soon_months=6,
    ),
]
BY_KEY = {preset.key: preset for preset in PRESETS}
