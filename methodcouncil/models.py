"""The methodical council (seed 003): its members, meetings and their minutes, decisions and their follow-up,
recommendations on teachers, the documents it considered, and its annual plan.

A council belongs to a school (or, for a district-level council, to an office alone) and to one academic
year. Its meetings are numbered within that year; a meeting's minutes go from draft to signed, and a signed
protocol is never edited again: corrections are recorded as amendments that print with it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import bounds, clock
from core.academic import academic_year_bounds, academic_year_label, academic_year_of
from core.scoping import ScopedQuerySet, ScopePaths
from core.uploads import RandomUploadPath, validate_document
from qualification.models import RenewalState
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


class MeetingState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")


class MeetingQuerySet(ScopedQuerySet):
    def held(self, today=None):
        return self.filter(date__lte=today or clock.today())

    def unsigned(self, today=None):
        """Held and still a draft: minutes someone has to finish and sign."""
        return self.held(today).filter(state=MeetingState.DRAFT)


class Meeting(models.Model):
    history_parent = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("number"))
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    plan_item = models.ForeignKey(
        CouncilPlanItem,
        verbose_name=_("plan item it fulfils"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    guests = models.TextField(_("invited guests"), blank=True, help_text=_("Names and positions, one per line."))
    state = models.CharField(_("state"), max_length=10, choices=MeetingState.choices, default=MeetingState.DRAFT)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Snapshot taken when the protocol is signed: the printed protocol never changes with later edits.
    school_name = models.CharField(max_length=250, blank=True)
    council_name = models.CharField(max_length=200, blank=True)
    chair_name = models.CharField(max_length=300, blank=True)
    secretary_name = models.CharField(max_length=300, blank=True)
    language = models.CharField(max_length=2, blank=True)
    # The protocol as signed, with the office's digital signature: made once when it is signed (again after an
    # amendment, which prints with it), and served as it is.
    protocol_pdf = models.FileField(upload_to="protocols/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="council__office", school="council__school")
    history_fields = {  # see core.audit.labelled_changes
        "amendment": (_("amendment"), None),
        "attendance": (_("attendance"), None),
    }
    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["council_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "number"],
                name="meeting_number_unique",
                violation_error_message=_("The council has a meeting with this number already."),
            ),
            models.UniqueConstraint(
                fields=["plan_item"],
                condition=Q(plan_item__isnull=False),
                name="meeting_fulfils_plan_item_once",
                violation_error_message=_("Another meeting fulfils this plan item already."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
        ]
        indexes = [models.Index(fields=["council", "date"], name="meeting_council_date_idx")]

    def __str__(self):
        return _("Protocol No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self):
        return reverse("methodcouncil:meeting", args=[self.pk])

    @property
    def is_signed(self):
        return self.state == MeetingState.SIGNED

    def clean(self):
        errors = {}
        council = self.council if self.council_id else None
        if council and self.date and not council.starts_on <= self.date <= council.ends_on:
            errors["date"] = _(
                "This council works in the academic year %(year)s: a meeting must fall between %(starts)s and %(ends)s."
            ) % {
                "year": council.year_label,
                "starts": council.starts_on.strftime("%d.%m.%Y"),
                "ends": council.ends_on.strftime("%d.%m.%Y"),
            }
        if council and self.plan_item_id and self.plan_item.council_id != council.pk:
            errors["plan_item"] = _("The plan item belongs to another council's plan.")
        if errors:
            raise ValidationError(errors)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    staff_member = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"), default=True)
    absence_reason = models.CharField(_("reason for absence"), max_length=200, blank=True)
    staff_name = models.CharField(max_length=300, blank=True)  # snapshot taken at signing

    scope_paths = ScopePaths(office="meeting__council__office", school="meeting__council__school")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["staff_member__surname", "staff_member__given_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "staff_member"], name="attendance_once")]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.staff_name or self.staff_member.full_name


class AgendaItem(models.Model):
    """One question of the agenda and its minutes: who was heard on what, who spoke, what was resolved."""

    history_parent = "meeting"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    topic = models.CharField(_("topic"), max_length=500)
    heard_speaker = models.ForeignKey(
        StaffMember, verbose_name=_("speaker"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    heard_topic = models.TextField(_("heard: the report"), blank=True)
    heard_speaker_name = models.CharField(max_length=300, blank=True)  # snapshot taken at signing

    scope_paths = ScopePaths(office="meeting__council__office", school="meeting__council__school")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting_id", "order", "pk"]

    def __str__(self):
        return self.topic

    @property
    def speaker_name(self):
        if self.heard_speaker_name:
            return self.heard_speaker_name
        return self.heard_speaker.full_name if self.heard_speaker_id else ""


class Speech(models.Model):
    """ "Spoke": one contribution to the discussion of an agenda item; the speaker may be a guest."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speeches")
    who = models.CharField(_("who spoke"), max_length=300)
    summary = models.TextField(_("summary"))

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["agenda_item_id", "pk"]

    def __str__(self):
        return self.who


class DecisionState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class DecisionStatus(models.TextChoices):
    """What the board shows: an open decision past its deadline is overdue, counted by the database."""

    OVERDUE = "overdue", _("Overdue")
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


STATUS_ORDER = [DecisionStatus.OVERDUE, DecisionStatus.OPEN, DecisionStatus.DONE]


def decision_status_filter(status, today):
    return {
        DecisionStatus.DONE: Q(state=DecisionState.DONE),
        DecisionStatus.OVERDUE: Q(state=DecisionState.OPEN, deadline__lt=today),
        DecisionStatus.OPEN: Q(state=DecisionState.OPEN) & (Q(deadline__isnull=True) | Q(deadline__gte=today)),
    }[status]


class DecisionQuerySet(ScopedQuerySet):
    def with_status(self, today=None):
        """Annotates `status` (open, overdue, done) and `status_rank` (overdue first) from the deadline."""
        today = today or clock.today()
        return self.annotate(
            status=Case(
                *[When(decision_status_filter(status, today), then=Value(status)) for status in STATUS_ORDER],
                output_field=models.CharField(),
            ),
            status_rank=Case(
                *[
                    When(decision_status_filter(status, today), then=Value(rank))
                    for rank, status in enumerate(STATUS_ORDER)
                ],
                output_field=models.IntegerField(),
            ),
        )

    def with_status_filter(self, status, today=None):
        return self.filter(decision_status_filter(status, today or clock.today()))

    def due_this_week(self, today):
        """Open decisions whose deadline is within the next seven days, today included."""
        return self.filter(state=DecisionState.OPEN, deadline__gte=today, deadline__lte=today + timedelta(days=6))


class Decision(models.Model):
    """ "Resolved": a decision of the council, with the person who answers for it and its deadline."""

    history_parent = "agenda_item.meeting"

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    responsible = models.ForeignKey(
        StaffMember,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_decisions",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, validators=[bounds.WITHIN_REACH])
    state = models.CharField(_("state"), max_length=10, choices=DecisionState.choices, default=DecisionState.OPEN)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    responsible_name = models.CharField(max_length=300, blank=True)  # snapshot taken at signing

    scope_paths = ScopePaths(
        office="agenda_item__meeting__council__office",
        school="agenda_item__meeting__council__school",
        staff="responsible",
    )
    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["agenda_item_id", "pk"]
        indexes = [models.Index(fields=["state", "deadline"], name="decision_state_deadline_idx")]

    def __str__(self):
        return self.text[:80]

    @property
    def responsible_display(self):
        if self.responsible_name:
            return self.responsible_name
        return self.responsible.full_name if self.responsible_id else ""

    def clean(self):
        errors = {}
        meeting = self.agenda_item.meeting if self.agenda_item_id else None
        if meeting and self.deadline and meeting.date and self.deadline < meeting.date:
            errors["deadline"] = _("The deadline cannot be before the meeting (%(date)s).") % {
                "date": meeting.date.strftime("%d.%m.%Y")
            }
        if meeting and self.responsible_id and not meeting.council.belongs_here(self.responsible):
            errors["responsible"] = meeting.council.outsider_message()
        if errors:
            raise ValidationError(errors)


class RecommendationKind(models.TextChoices):
    ATTESTATION = "attestation", _("Attestation")
    CATEGORY = "category", _("Qualification category")
    TITLE = "title", _("Honorary title")
    AWARD = "award", _("Award")


class Recommendation(models.Model):
    """A recommendation arising from a decision, with the person's course renewal standing on the meeting day."""

    history_parent = "decision.agenda_item.meeting"

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="recommendations")
    kind = models.CharField(_("recommended for"), max_length=20, choices=RecommendationKind.choices)
    staff_member = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="council_recommendations"
    )
    details = models.CharField(_("details"), max_length=300, blank=True, help_text=_("E.g. the category or award."))
    renewal_state = models.CharField(
        _("course renewal on the meeting day"), max_length=20, choices=RenewalState.choices
    )
    renewal_valid_until = models.DateField(_("courses valid until"), null=True, blank=True)
    staff_name = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(
        office="decision__agenda_item__meeting__council__office",
        school="decision__agenda_item__meeting__council__school",
        staff="staff_member",
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["decision_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "staff_member", "kind"],
                name="recommendation_once",
                violation_error_message=_("This recommendation is in the minutes already."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def name(self):
        return self.staff_name or self.staff_member.full_name

    def clean(self):
        council = self.decision.agenda_item.meeting.council if self.decision_id else None
        if council and self.staff_member_id and not council.belongs_here(self.staff_member):
            raise ValidationError({"staff_member": council.outsider_message()})


class DocumentKind(models.TextChoices):
    REGULATION = "regulation", _("Regulation")
    PROGRAMME = "programme", _("Programme")
    PLAN = "plan", _("Plan")


class ConsideredDocument(models.Model):
    """A regulation, programme or plan in the register: "Considered at meeting No. N of date", "Approved"."""

    history_parent = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    considered_at = models.ForeignKey(
        Meeting,
        verbose_name=_("considered at meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="considered_documents",
    )
    approved_on = models.DateField(
        _("approved by the director on"), null=True, blank=True, validators=[bounds.SINCE_1940]
    )
    approved_by = models.CharField(_("approved by"), max_length=300, blank=True)
    file = models.FileField(
        _("file"),
        upload_to=RandomUploadPath("council-documents", field="file"),
        validators=[validate_document],
        blank=True,
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="council__office", school="council__school")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("considered document")
        verbose_name_plural = _("register of considered documents")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        meeting = self.considered_at if self.considered_at_id else None
        if meeting and self.council_id and meeting.council_id != self.council_id:
            errors["considered_at"] = _("Choose a meeting of this council.")
        if meeting and self.approved_on and self.approved_on < meeting.date:
            errors["approved_on"] = _("A document is approved after the council has considered it (%(date)s).") % {
                "date": meeting.date.strftime("%d.%m.%Y")
            }
        if errors:
            raise ValidationError(errors)


class Amendment(models.Model):
    """A correction to signed minutes: the protocol stays as signed and prints its amendments after it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="amendments")
    change = models.TextField(_("what is corrected"))
    reason = models.TextField(_("why"))
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    made_by_name = models.CharField(max_length=300)
    made_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="meeting__council__office", school="meeting__council__school")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["meeting_id", "made_at", "pk"]

    def __str__(self):
        return self.change[:80]
