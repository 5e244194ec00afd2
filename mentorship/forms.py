from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Layout
from core import clock
from core.forms import CrispyFormMixin, DateInput
from core.scoping import Role
from core.search import search_text
from mentorship.models import (
    PAIR_LOG_KINDS,
    Activity,
    MenteeKind,
    MentorAppointment,
    MentorshipSettings,
    Pair,
    PairState,
    PlanItem,
    PlanItemState,
    Track,
    WorkPlan,
    is_young_specialist,
)
from schools.models import School, StaffMember, User

SEARCH_RESULTS = 30


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


class MonthField(forms.DateField):
    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]


class PersonChoiceField(forms.ModelChoiceField):
    """A person picked from the results of a name search; a name from outside the district is not accepted."""

    widget = forms.RadioSelect

    def label_from_instance(self, person):
        label = f"{person.full_name} — {person.school.name}, {person.get_position_display()}"
        return f"{label} · {_('young specialist')}" if is_young_specialist(person) else label


def _person_queryset(user, search, chosen):
    """The people offered: the search results, and the one already chosen so that a re-shown form keeps it."""
    staff = StaffMember.objects.for_user(user).filter(is_active=True).select_related("school")
    if not search:
        return staff.filter(pk=chosen) if chosen else staff.none()
    found = staff.search(search).values("pk")[:SEARCH_RESULTS]
    return staff.filter(Q(pk__in=found) | Q(pk=chosen or 0)).order_by("surname", "given_name", "pk")


def _chosen_id(data, field):
    value = (data or {}).get(field, "")
    return int(value) if str(value).isdigit() else None


class TrackForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Track
        fields = ["name_ky", "name_kk", "name_ru", "code", "order", "responsible"]

    def __init__(self, *args, office_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.office_id = office_id
        self.fields["responsible"].queryset = User.objects.filter(
            role=Role.METHODIST, office_id=office_id, is_active=True
        )


class MentorshipSettingsForm(CrispyFormMixin, forms.ModelForm):
    mentee_kinds = forms.MultipleChoiceField(
        label=_("Kinds of mentee the office takes"), choices=MenteeKind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = MentorshipSettings
        fields = [
            "max_mentees_per_mentor",
            "first_year_cadence_days",
            "later_cadence_days",
            "cadence_grace_days",
            "mentee_kinds",
            "trainee_period_months",
        ]


class AppointmentForm(CrispyFormMixin, forms.ModelForm):
    """Registers a mentor: the person (found by name across the district), the track, the order and the term."""

    submit_label = _("Register the mentor")
    q = forms.CharField(required=False, widget=forms.HiddenInput)
    staff_member = PersonChoiceField(
        label=_("Mentor"),
        queryset=StaffMember.objects.none(),
        error_messages={
            "invalid_choice": _(
                "This person is not on your district's staff list; choose someone found by the search."
            ),
            "required": _("Find the person by name and choose them."),
        },
    )

    class Meta:
        model = MentorAppointment
        fields = [
            "q",
            "staff_member",
            "track",
            "order_number",
            "order_date",
            "starts_on",
            "ends_on",
            "photo",
            "biography",
            "achievements",
        ]
        widgets = {
            "order_date": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
            "biography": forms.Textarea(attrs={"rows": 3}),
            "achievements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, search="", **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else self.initial
        search = search_text(self.data) if self.is_bound else search.strip()
        self.fields["q"].initial = search
        self.fields["staff_member"].queryset = _person_queryset(user, search, _chosen_id(data, "staff_member"))
        self.fields["track"].queryset = Track.objects.for_user(user)
        self.fields["ends_on"].required = False


class AppointmentEditForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = MentorAppointment
        fields = ["order_number", "order_date", "starts_on", "ends_on", "photo", "biography", "achievements"]
        widgets = AppointmentForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = False


class CertificateForm(forms.Form):
    """The language layout of a mentorship certificate."""

    layout = forms.ChoiceField(
        label=_("Language layout"),
        choices=Layout.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class AppointmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, appointment):
        person = appointment.staff_member
        return f"{person.full_name} — {appointment.track.name} ({person.school.name})"


class PairForm(CrispyFormMixin, forms.ModelForm):
    submit_label = _("Create the pair")
    q = forms.CharField(required=False, widget=forms.HiddenInput)
    appointment = AppointmentChoiceField(
        label=_("Mentor"),
        queryset=MentorAppointment.objects.none(),
        error_messages={"invalid_choice": _("Choose a mentor of your district whose term has not ended.")},
    )
    mentee = PersonChoiceField(
        label=_("Mentee"),
        queryset=StaffMember.objects.none(),
        error_messages={
            "invalid_choice": _(
                "This person is not on your district's staff list; choose someone found by the search."
            ),
            "required": _("Find the mentee by name and choose them."),
        },
    )

    class Meta:
        model = Pair
        fields = ["q", "appointment", "mentee", "mentee_kind", "starts_on", "ends_on", "goals"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "mentee_kind": forms.RadioSelect,
        }

    def __init__(self, *args, user, search="", **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else self.initial
        search = search_text(self.data) if self.is_bound else search.strip()
        self.fields["q"].initial = search
        self.fields["mentee"].queryset = _person_queryset(user, search, _chosen_id(data, "mentee"))
        self.fields["appointment"].queryset = (
            MentorAppointment.objects.for_user(user)
            .filter(ends_on__gte=clock.today())
            .select_related("staff_member__school", "track")
            .order_by("track__order", "staff_member__surname", "staff_member__given_name")
        )
        self.fields["ends_on"].required = False
        # The office's policy names the kinds of mentee it takes; a form sent without one keeps the default.
        taken = MentorshipSettings.for_office(user.scope.office_id).mentee_kinds if user.scope.office_id else []
        kind = self.fields["mentee_kind"]
        kind.choices = [(value, label) for value, label in MenteeKind.choices if not taken or value in taken]
        kind.required = False
        # The kind that asks nothing of the person's years, when the office takes it.
        allowed = [value for value, _label in kind.choices]
        kind.initial = MenteeKind.ON_REQUEST if MenteeKind.ON_REQUEST in allowed else allowed[0]


class PairEditForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Pair
        fields = ["starts_on", "ends_on", "goals"]
        widgets = PairForm.Meta.widgets


class PairGoalsForm(CrispyFormMixin, forms.ModelForm):
    """The goals of the period, which the mentor writes into their individual plan."""

    submit_label = _("Save the goals")

    class Meta:
        model = Pair
        fields = ["goals"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 4})}
        labels = {"goals": _("Goals for the period")}


class PairCloseForm(CrispyFormMixin, forms.Form):
    submit_label = _("Close the pair")
    state = forms.ChoiceField(
        label=_("How it ended"),
        choices=[(PairState.FINISHED, PairState.FINISHED.label), (PairState.STOPPED, PairState.STOPPED.label)],
        widget=forms.RadioSelect,
    )
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason for stopping"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("state") == PairState.STOPPED and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the pair stopped; the reason stays on record."))
        return cleaned


class ActivityForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "topic",
            "starts_at",
            "ends_at",
            "host_school",
            "track",
            "description",
            "participants",
            "outcome",
            "plan_item",
            "is_announced",
            "photo",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "participants": forms.SelectMultiple(attrs={"size": 12}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.office_id = user.scope.office_id
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["ends_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["host_school"].queryset = School.objects.for_user(user)
        self.fields["track"].queryset = Track.objects.for_user(user)
        # The programme's people: today's mentors, mentees in active pairs, and whoever was chosen before.
        mentors = MentorAppointment.objects.for_user(user).holding(clock.today()).values("staff_member")
        mentees = Pair.objects.for_user(user).filter(state=PairState.ACTIVE).values("mentee")
        chosen = self.instance.participants.values("pk") if self.instance.pk else StaffMember.objects.none()
        self.fields["participants"].queryset = (
            StaffMember.objects.for_user(user)
            .filter(Q(pk__in=mentors) | Q(pk__in=mentees) | Q(pk__in=chosen))
            .select_related("school")
            .order_by("surname", "given_name", "pk")
        )
        self.fields["participants"].help_text = _(
            "Today's mentors and their mentees; hold Ctrl (⌘ on a Mac) to choose several."
        )
        self.fields["participants"].label_from_instance = lambda person: f"{person.full_name} ({person.school.name})"
        self.fields["plan_item"].queryset = (
            PlanItem.objects.for_user(user)
            .exclude(state=PlanItemState.CANCELLED)
            .select_related("plan")
            .order_by("-plan__academic_year", "planned_month", "pk")
        )
        self.fields["plan_item"].label_from_instance = lambda item: f"{item.plan} · {item.what}"


class PairLogForm(CrispyFormMixin, forms.ModelForm):
    """What a mentor writes after a meeting or a lesson visit, on a phone between lessons: the time starts at now,
    the subject at the mentee's, so a visit takes a tap for its kind, the class and a line or two."""

    submit_label = _("Add to the log")

    class Meta:
        model = Activity
        fields = ["kind", "starts_at", "subject", "class_name", "went_well", "was_hard", "next_steps", "photo"]
        widgets = {
            "kind": forms.RadioSelect,
            "starts_at": DateTimeInput(),
            "went_well": forms.Textarea(attrs={"rows": 2}),
            "was_hard": forms.Textarea(attrs={"rows": 2}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"starts_at": _("When")}
        help_texts = {"subject": _("For a lesson visit."), "class_name": _("For a lesson visit, e.g. 7 B.")}

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.pair = pair
        self.instance.office_id = pair.track.office_id
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in PAIR_LOG_KINDS]
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        # A mentor logs between lessons, mostly what just happened: the form starts at now, in the office's time.
        self.fields["starts_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        subject = pair.mentee.subjects.order_by("pk").first()
        if subject:
            self.fields["subject"].initial = str(subject)

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(name) or "").strip() for name in ("went_well", "was_hard", "next_steps")):
            raise forms.ValidationError(_("Write at least one line: what went well, what was hard or the next steps."))
        return cleaned


class WorkPlanForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = WorkPlan
        fields = ["note"]


class PlanItemForm(CrispyFormMixin, forms.ModelForm):
    planned_month = MonthField(label=_("Month"))

    class Meta:
        model = PlanItem
        fields = ["what", "planned_month", "planned_on", "responsible", "track"]
        widgets = {"planned_on": DateInput()}

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["track"].queryset = Track.objects.for_user(user)


class PlanItemStateForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        choices=[
            (PlanItemState.POSTPONED, PlanItemState.POSTPONED.label),
            (PlanItemState.CANCELLED, PlanItemState.CANCELLED.label),
            (PlanItemState.PLANNED, PlanItemState.PLANNED.label),
        ],
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000)
