"""What the council decides and recommends, and the documents it considers."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from core import bounds, clock
from core.scoping import ScopedQuerySet, ScopePaths
from core.uploads import RandomUploadPath, validate_document
from methodcouncil.models.councils import Council
from methodcouncil.models.meetings import AgendaItem, Meeting
from qualification.models import RenewalState
from schools.models import StaffMember


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
