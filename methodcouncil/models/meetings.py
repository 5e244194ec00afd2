"""The council's meetings: agenda, attendance, speeches, minutes, signing and amendments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core import clock
from core.scoping import ScopedQuerySet, ScopePaths
from methodcouncil.models.councils import Council, CouncilPlanItem
from schools.models import StaffMember


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

    # Lists name a meeting on every row of its decisions: a board page shares each meeting's instance among
    # them (prefetch_related), so these are worked out once a meeting, not once a row.
    @cached_property
    def url(self):
        return self.get_absolute_url()

    @cached_property
    def short_title(self):
        """ "No. 3 of 12.10.2026", the date in the reader's short format: the meeting's name in lists."""
        return _("No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": date_format(self.date, "SHORT_DATE_FORMAT"),
        }

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
