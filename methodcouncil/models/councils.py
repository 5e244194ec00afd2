"""A school's methodical council for a year: its members and roles, its methodical associations, its annual plan."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from core.academic import academic_year_bounds, academic_year_label, academic_year_of
from core.scoping import ScopedQuerySet, ScopePaths
from schools.models import Country, DistrictOffice, School, StaffMember

PROTOCOL_LANGUAGES = ("ky", "kk", "ru")


class CouncilQuerySet(ScopedQuerySet):
    def current(self, today=None):
        return self.filter(academic_year=academic_year_of(today or clock.today()))


class Council(models.Model):
    office = models.ForeignKey(
        DistrictOffice, verbose_name=_("education office"), on_delete=models.PROTECT, related_name="councils"
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        help_text=_("Empty for a district-level council of the education office."),
    )
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year it starts: 2026 for 2026–2027."),
    )
    name = models.CharField(_("name"), max_length=200)

    # Office is stored for school councils too (always the school's office), so one path scopes both kinds.
    scope_paths = ScopePaths(office="office", school="school")
    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("methodical council")
        verbose_name_plural = _("methodical councils")
        ordering = ["-academic_year", "school__number", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"],
                condition=Q(school__isnull=False),
                name="council_one_per_school_year",
                violation_error_message=_("This school already has a council for that academic year."),
            ),
            models.UniqueConstraint(
                fields=["office", "academic_year", "name"],
                condition=Q(school__isnull=True),
                name="district_council_name_unique",
                violation_error_message=_("The office already has a council of that name for that academic year."),
            ),
            models.CheckConstraint(
                condition=Q(academic_year__gte=2000, academic_year__lte=2100), name="council_year_sensible"
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.year_label}"

    def get_absolute_url(self):
        return reverse("methodcouncil:council", args=[self.pk])

    @property
    def year_label(self):
        return academic_year_label(self.academic_year)

    @property
    def starts_on(self):
        return academic_year_bounds(self.academic_year)[0]

    @property
    def ends_on(self):
        return academic_year_bounds(self.academic_year)[1]

    @property
    def place_name(self):
        """Whose council it is: the school, or the office for a district council."""
        return self.school.name if self.school_id else self.office.name

    def protocol_language(self):
        """Minutes print in the school's language of instruction; others, and district councils, fall back."""
        if self.school_id:
            language = self.school.instruction_language
            return language if language in PROTOCOL_LANGUAGES else "ru"
        return {Country.KYRGYZSTAN: "ky", Country.KAZAKHSTAN: "kk"}.get(self.office.country, "ru")

    def staff_queryset(self):
        """Who may sit on this council, answer for its decisions or be recommended by it."""
        if self.school_id:
            return StaffMember.objects.filter(school_id=self.school_id)
        return StaffMember.objects.filter(school__office_id=self.office_id)

    def belongs_here(self, staff_member):
        if self.school_id:
            return staff_member.school_id == self.school_id
        return staff_member.school.office_id == self.office_id

    def outsider_message(self):
        if self.school_id:
            return _("This person does not work at %(place)s.") % {"place": self.school.name}
        return _("This person does not work at a school of %(place)s.") % {"place": self.office.name}

    def clean(self):
        if self.school_id and self.office_id and self.school.office_id != self.office_id:
            raise ValidationError({"school": _("The school belongs to another education office.")})


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class CouncilMember(models.Model):
    history_parent = "council"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    staff_member = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="council_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=CouncilRole.choices, default=CouncilRole.MEMBER)

    scope_paths = ScopePaths(office="council__office", school="council__school", staff="staff_member")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = [
            Case(
                When(role=CouncilRole.CHAIR, then=Value(0)),
                When(role=CouncilRole.SECRETARY, then=Value(1)),
                default=Value(2),
            ),
            "staff_member__surname",
            "staff_member__given_name",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "staff_member"],
                name="council_member_once",
                violation_error_message=_("This person is a member of the council already."),
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role="chair"),
                name="council_one_chair",
                violation_error_message=_("A council has one chair."),
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role="secretary"),
                name="council_one_secretary",
                violation_error_message=_("A council has one secretary."),
            ),
        ]

    def __str__(self):
        return f"{self.staff_member} ({self.get_role_display()})"

    def clean(self):
        if self.council_id and self.staff_member_id and not self.council.belongs_here(self.staff_member):
            raise ValidationError({"staff_member": self.council.outsider_message()})


class MethodicalAssociation(models.Model):
    """A methodical association (усулдук бирикме): the teachers of a subject group, with its head."""

    history_parent = "council"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="associations")
    name = models.CharField(_("name"), max_length=200)
    head = models.ForeignKey(
        StaffMember,
        verbose_name=_("head"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="headed_associations",
    )

    scope_paths = ScopePaths(office="council__office", school="council__school")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("methodical association")
        verbose_name_plural = _("methodical associations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="association_name_unique",
                violation_error_message=_("The council has an association of this name already."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.council_id and self.head_id and not self.council.belongs_here(self.head):
            raise ValidationError({"head": self.council.outsider_message()})


class CouncilPlanItem(models.Model):
    """One line of the council's annual work plan: a meeting planned for a month, with its topic."""

    history_parent = "council"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="plan_items")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    topic = models.CharField(_("topic"), max_length=500)

    scope_paths = ScopePaths(office="council__office", school="council__school")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("annual plan")
        ordering = ["month", "pk"]

    def __str__(self):
        return f"{self.month:%m.%Y} {self.topic}"

    def clean(self):
        if self.month and self.month.day != 1:
            self.month = self.month.replace(day=1)
        if self.council_id and self.month and not self.council.starts_on <= self.month <= self.council.ends_on:
            raise ValidationError(
                {"month": _("The plan covers the academic year %(year)s only.") % {"year": self.council.year_label}}
            )
