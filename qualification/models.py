"""Qualification upgrades: providers, courses, each person's course records, and the renewal rule as data."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import bounds, clock
from core.scoping import ScopedQuerySet, ScopePaths
from core.uploads import RandomUploadPath, validate_document
from schools.models import DistrictOffice, StaffMember, Subject, TranslatedName

RETRAINING_MIN_HOURS = 500  # seed 004 §1.4: professional retraining is at least 500 hours


class ProviderKind(models.TextChoices):
    UNIVERSITY = "university", _("University centre")
    INSTITUTE = "institute", _("State institute of teacher development")
    TRAINING_CENTRE = "training_centre", _("Training centre")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


class Provider(models.Model):
    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    region = models.CharField(_("region"), max_length=150, blank=True)

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("course provider")
        verbose_name_plural = _("course providers")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="provider_name_unique")]

    def __str__(self):
        return self.name


class CourseKind(models.TextChoices):
    UPGRADE = "upgrade", _("Qualification-upgrade course")
    RETRAINING = "retraining", _("Professional retraining")
    SEMINAR = "seminar", _("Short seminar or training")


class Audience(models.TextChoices):
    SUBJECT_TEACHERS = "subject_teachers", _("Teachers of a subject")
    PRIMARY_TEACHERS = "primary_teachers", _("Primary teachers")
    PRESCHOOL_EDUCATORS = "preschool_educators", _("Preschool educators")
    LIBRARIANS = "librarians", _("Librarians")
    LEADERS = "leaders", _("Directors and deputies")
    EVERYONE = "everyone", _("All teaching staff")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("Mixed")


class Funding(models.TextChoices):
    BUDGET = "budget", _("Budget")
    OUTSIDE_BUDGET = "outside_budget", _("Outside the budget")
    PARTNER = "partner", _("A partner organisation")


class Course(models.Model):
    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE, related_name="courses")
    provider = models.ForeignKey(Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(_("title"), max_length=300)
    # The title in each language, for documents: a block in a language without its own title prints `title`.
    title_ky = models.CharField(_("title in Kyrgyz"), max_length=300, blank=True)
    title_kk = models.CharField(_("title in Kazakh"), max_length=300, blank=True)
    title_ru = models.CharField(_("title in Russian"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices, default=CourseKind.UPGRADE)
    hours = models.PositiveSmallIntegerField(_("hours"), validators=[MinValueValidator(1), MaxValueValidator(3000)])
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices, default=Audience.EVERYONE)
    subject = models.ForeignKey(
        Subject, verbose_name=_("subject"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    funding = models.CharField(_("funding"), max_length=20, choices=Funding.choices, default=Funding.BUDGET)
    starts_on = models.DateField(_("starts on"), null=True, blank=True, validators=[bounds.WITHIN_REACH])
    ends_on = models.DateField(_("ends on"), null=True, blank=True, validators=[bounds.WITHIN_REACH])
    language = models.CharField(
        _("language"), max_length=2, choices=[("ky", "Кыргызча"), ("kk", "Қазақша"), ("ru", "Русский")]
    )

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("qualification:course_detail", args=[self.pk])

    def title_in(self, language):
        return getattr(self, f"title_{language}", "") or self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A course cannot end before it starts.")})
        if self.kind == CourseKind.RETRAINING and self.hours is not None and self.hours < RETRAINING_MIN_HOURS:
            raise ValidationError(
                {"hours": _("Professional retraining is at least %(hours)s hours.") % {"hours": RETRAINING_MIN_HOURS}}
            )


class CourseRun(models.Model):
    """One session of a catalogue course, a cohort that attended it together: its own dates, mode and place,
    and the provider that taught it when another than the catalogue's. A programme runs many times; a
    certificate prints the period of the run its holder attended."""

    history_parent = "course"

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="runs")
    starts_on = models.DateField(_("starts on"), validators=[bounds.SINCE_1940, bounds.WITHIN_REACH])
    ends_on = models.DateField(_("ends on"), validators=[bounds.SINCE_1940, bounds.WITHIN_REACH])
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(_("place"), max_length=200, blank=True)
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Only when another provider than the catalogue's taught this run."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="course__office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("course run")
        verbose_name_plural = _("course runs")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "starts_on", "ends_on", "place"], name="one_run_per_dates"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="run_ends_after_start"),
        ]

    def __str__(self):
        period = f"{self.starts_on:%d.%m.%Y} – {self.ends_on:%d.%m.%Y}"
        return f"{period}, {self.place}" if self.place else period

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A course cannot end before it starts.")})

    @property
    def taught_by(self):
        return self.provider if self.provider_id else self.course.provider


class RecordState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed, awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class DocumentKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate")
    BOOKLET = "booklet", _("Attestation booklet")
    DIPLOMA = "diploma", _("Diploma")


class CourseRecordQuerySet(ScopedQuerySet):
    def awaiting_confirmation(self):
        """Reported by the teacher, waiting for the director or the methodist."""
        return self.filter(state=RecordState.COMPLETED)

    def counting_for(self, policy):
        """Confirmed records of the kinds the policy counts: the only ones the renewal rule looks at."""
        return self.filter(state=RecordState.CONFIRMED, course__kind__in=policy.counted_kinds)


class CourseRecord(models.Model):
    staff_member = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="course_records"
    )
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="records")
    run = models.ForeignKey(
        CourseRun, verbose_name=_("course run"), on_delete=models.PROTECT, null=True, blank=True, related_name="records"
    )
    hours = models.PositiveSmallIntegerField(
        _("hours credited"), validators=[MinValueValidator(1), MaxValueValidator(3000)]
    )
    # The person's own period: a run's dates when they attended all of it. Records from before runs existed
    # (and old imports) know only the day the course was completed.
    started_on = models.DateField(_("started on"), null=True, blank=True, validators=[bounds.SINCE_1940])
    completed_on = models.DateField(_("completed on"), null=True, blank=True, validators=[bounds.SINCE_1940])
    document_kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    scan = models.FileField(
        _("scan of the document"),
        upload_to=RandomUploadPath("course-records", field="scan"),
        validators=[validate_document],
        blank=True,
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )
    state = models.CharField(_("state"), max_length=20, choices=RecordState.choices, default=RecordState.PLANNED)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="staff_member__school__office", school="staff_member__school", staff="staff_member")
    objects = CourseRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("course record")
        verbose_name_plural = _("course records")
        ordering = ["-completed_on", "-pk"]
        indexes = [
            models.Index(fields=["staff_member", "state", "completed_on"], name="record_staff_state_idx"),
            models.Index(fields=["state", "completed_on"], name="record_state_completed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True) | models.Q(completed_on__gte=bounds.EARLIEST_DATE),
                name="record_completed_on_plausible",
            ),
            models.CheckConstraint(
                condition=models.Q(started_on__isnull=True)
                | models.Q(completed_on__isnull=True)
                | models.Q(started_on__lte=models.F("completed_on")),
                name="record_starts_before_it_ends",
            ),
            # A person attends a run once: a second record of the same run would count its hours twice.
            models.UniqueConstraint(
                fields=["staff_member", "run"], condition=models.Q(run__isnull=False), name="one_record_per_run"
            ),
        ]

    def __str__(self):
        return f"{self.staff_member} — {self.course}"

    def clean(self):
        errors = {}
        if self.completed_on and self.completed_on > clock.today():
            errors["completed_on"] = _("A course cannot be completed in the future.")
        if self.state in (RecordState.COMPLETED, RecordState.CONFIRMED) and not self.completed_on:
            errors["completed_on"] = _("Give the date the course was completed.")
        if self.started_on and self.completed_on and self.started_on > self.completed_on:
            errors["started_on"] = _("A course cannot end before it starts.")
        course = self.course if self.course_id else None
        if course and self.run_id and self.run.course_id != course.pk:
            errors["run"] = _("This run belongs to another course.")
        if course and self.completed_on and course.starts_on and self.completed_on < course.starts_on:
            errors["completed_on"] = _("The course started on %(date)s: it cannot be completed before that.") % {
                "date": course.starts_on.strftime("%d.%m.%Y")
            }
        if course and course.kind == CourseKind.RETRAINING and self.hours and self.hours < RETRAINING_MIN_HOURS:
            errors["hours"] = _(
                "Professional retraining is at least %(hours)s hours; a shorter programme is not retraining."
            ) % {"hours": RETRAINING_MIN_HOURS}
        if errors:
            raise ValidationError(errors)


class CountingMode(models.TextChoices):
    SINGLE = "single", _("One course of at least the minimum hours")
    CUMULATIVE = "cumulative", _("Hours added up within the period")


def default_counted_kinds():
    return [CourseKind.UPGRADE, CourseKind.RETRAINING]


class RenewalPolicyQuerySet(ScopedQuerySet):
    def current_for(self, office_id, on=None):
        on = on or clock.today()
        return self.filter(office_id=office_id, applies_from__lte=on).order_by("-applies_from", "-pk").first()


class RenewalPolicy(models.Model):
    """The renewal rule of an office; the newest one that applies is in force, older ones stay for history."""

    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE, related_name="renewal_policies")
    min_hours = models.PositiveSmallIntegerField(
        _("minimum hours"), default=72, validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    period_years = models.PositiveSmallIntegerField(
        _("period in years"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    counting = models.CharField(
        _("how hours count"), max_length=20, choices=CountingMode.choices, default=CountingMode.SINGLE
    )
    counted_kinds = models.JSONField(_("course kinds that count"), default=default_counted_kinds)
    due_soon_months = models.PositiveSmallIntegerField(
        _("'due soon' window in months"), default=12, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    applies_from = models.DateField(_("applies from"), validators=[bounds.WITHIN_REACH])
    note = models.CharField(_("basis"), max_length=300, blank=True, help_text=_("E.g. the order or standard."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="office")
    objects = RenewalPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("renewal rule")
        verbose_name_plural = _("renewal rules")
        ordering = ["-applies_from", "-pk"]

    def __str__(self):
        hours = ngettext("at least %(hours)s hour", "at least %(hours)s hours", self.min_hours)
        years = ngettext("once a year", "once in %(years)s years", self.period_years)
        return f"{hours % {'hours': self.min_hours}} {years % {'years': self.period_years}}"


class Recomputation(models.Model):
    """Everyone's stored standing judged again after a rule is applied: a background task fills it chunk by chunk
    so the rule page shows how far it has come."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being recomputed")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE, related_name="+")
    policy = models.ForeignKey(RenewalPolicy, on_delete=models.CASCADE, related_name="recomputations")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.pk}: {self.done}/{self.total}"

    @property
    def is_under_way(self):
        return self.state in (self.State.QUEUED, self.State.RUNNING)


class RenewalState(models.TextChoices):
    VALID = "valid", _("Valid")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    NO_RECORD = "no_record", _("No record")


class RenewalStatus(models.Model):
    """Each person's standing under their office's rule, kept up to date by `qualification.renewal`.

    Only people with a counting record have a row; the absence of a row means "no record". The dates are
    stored so that every page asks the database for states with plain comparisons against today.
    """

    staff_member = models.OneToOneField(StaffMember, on_delete=models.CASCADE, primary_key=True, related_name="renewal")
    policy = models.ForeignKey(RenewalPolicy, on_delete=models.CASCADE, related_name="+")
    last_record = models.ForeignKey(CourseRecord, on_delete=models.CASCADE, related_name="+")
    valid_until = models.DateField()
    due_soon_from = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["valid_until"], name="renewal_valid_until_idx")]

    def __str__(self):
        return f"{self.staff_member_id}: {self.valid_until}"


class RequestState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved into the plan")
    DECLINED = "declined", _("Declined")


class CourseRequest(models.Model):
    """A teacher's own choice of course topic (seed 004 §3.3), which the director approves into the plan."""

    history_parent = "staff_member"

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="course_requests")
    course = models.ForeignKey(
        Course, verbose_name=_("course from the catalogue"), on_delete=models.SET_NULL, null=True, blank=True
    )
    topic = models.CharField(_("topic or programme"), max_length=300)
    preferred_period = models.CharField(_("when"), max_length=100, blank=True)
    note = models.TextField(_("why this course"), blank=True)
    state = models.CharField(max_length=20, choices=RequestState.choices, default=RequestState.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("reply"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="staff_member__school__office", school="staff_member__school", staff="staff_member")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("course request")
        verbose_name_plural = _("course requests")
        ordering = ["-created_at"]

    def __str__(self):
        return self.topic


class ReminderSent(models.Model):
    """One row per reminder e-mail, so a daily run never sends the same reminder twice: a digest and an
    overdue reminder once a month, a "due in 90/60/30 days" reminder once for the due date it announces."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", "overdue, monthly"
        DIGEST = "digest", "digest"
        DUE_90 = "due_90", "due within 90 days"
        DUE_60 = "due_60", "due within 60 days"
        DUE_30 = "due_30", "due within 30 days"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    recipient = models.EmailField()
    month = models.DateField(
        help_text="The first day of the month the reminder belongs to, or the due date a 'due' reminder announces."
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "recipient", "month"], name="reminder_once_a_month")]

    def __str__(self):
        return f"{self.kind} {self.recipient} {self.month:%Y-%m}"


# Attestation --------------------------------------------------------------------------------------------

# Each country's categories, lowest first, as an office starts with them (it may rename or add its own).
# (code, ky, kk, ru, for a first-year teacher)
DEFAULT_CATEGORIES = {
    "KZ": [
        ("intern", "педагог-стажёр", "педагог-стажер", "педагог-стажёр", True),
        ("teacher", "педагог", "педагог", "педагог", False),
        ("moderator", "педагог-модератор", "педагог-модератор", "педагог-модератор", False),
        ("expert", "педагог-эксперт", "педагог-сарапшы", "педагог-эксперт", False),
        ("researcher", "педагог-изилдөөчү", "педагог-зерттеуші", "педагог-исследователь", False),
        ("master", "педагог-чебер", "педагог-шебер", "педагог-мастер", False),
    ],
    "KG": [
        ("none", "категориясы жок", "санатсыз", "без категории", False),
        ("second", "экинчи категория", "екінші санат", "вторая категория", False),
        ("first", "биринчи категория", "бірінші санат", "первая категория", False),
        ("highest", "жогорку категория", "жоғары санат", "высшая категория", False),
    ],
}
# How often attestation is due, in years: Kazakhstan's law "On the status of the teacher" (2019), school
# heads every 3; in Kyrgyzstan attestation is voluntary, so nothing falls due.
ATTESTATION_YEARS = {"KZ": 5}
HEADS_ATTESTATION_YEARS = {"KZ": 3}


class AttestationCategory(TranslatedName):
    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE, related_name="attestation_categories")
    code = models.SlugField(_("code"), max_length=20)
    rank = models.PositiveSmallIntegerField(_("order"), default=0)
    first_year = models.BooleanField(_("for the first year"), default=False)

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation category")
        verbose_name_plural = _("attestation categories")
        ordering = ["office_id", "rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["office", "code"], name="attestation_category_code_unique")]


def ensure_categories(office):
    """Gives an office its country's categories if it has none yet (a new office, or one from before)."""
    if office.attestation_categories.exists():
        return
    AttestationCategory.objects.bulk_create(
        AttestationCategory(office=office, code=code, name_ky=ky, name_kk=kk, name_ru=ru, rank=rank, first_year=first)
        for rank, (code, ky, kk, ru, first) in enumerate(DEFAULT_CATEGORIES.get(office.country, []))
    )


class Attestation(models.Model):
    """An attestation's result: the category awarded, on which day, by which order."""

    history_parent = "staff_member"

    staff_member = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="attestations"
    )
    category = models.ForeignKey(AttestationCategory, verbose_name=_("category"), on_delete=models.PROTECT)
    awarded_on = models.DateField(_("awarded on"), validators=[bounds.SINCE_1940])
    order_number = models.CharField(_("order"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="staff_member__school__office", school="staff_member__school", staff="staff_member")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["-awarded_on", "-pk"]

    def __str__(self):
        return f"{self.category} {self.awarded_on:%d.%m.%Y}"

    def clean(self):
        if self.awarded_on and self.awarded_on > clock.today():
            raise ValidationError({"awarded_on": _("An attestation is recorded after it took place.")})
        if self.category_id and self.staff_member_id and self.category.office_id != self.staff_member.school.office_id:
            raise ValidationError({"category": _("Choose a category of the person's education office.")})


def next_attestation_due(person, latest, country):
    """The day the next attestation falls due, or None where attestation is voluntary or never took place."""
    years = ATTESTATION_YEARS.get(country)
    if years is None or latest is None:
        return None
    if person.position in ("director", "deputy_director"):
        years = HEADS_ATTESTATION_YEARS.get(country, years)
    day = latest.awarded_on
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
