from collections import Counter
from contextlib import suppress
from datetime import date

from django import forms
from django.forms import BaseFormSet, BaseInlineFormSet, formset_factory, inlineformset_factory
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core import clock
from core.academic import academic_year_label, academic_year_of
from core.forms import CrispyFormMixin, DateInput, plain
from methodcouncil.models import (
    AgendaItem,
    ConsideredDocument,
    Council,
    CouncilMember,
    CouncilPlanItem,
    CouncilRole,
    Decision,
    Meeting,
    MethodicalAssociation,
    RecommendationKind,
    Speech,
)


def bootstrapped(field):
    """The field with Bootstrap's small classes on its widget, and a select drawn without a template per option
    (`core.forms.PlainSelect`): the minutes draw a select of the school's staff on every decision."""
    widget = field.widget = plain(field.widget)
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select form-select-sm"
    else:
        css = "form-control form-control-sm"
    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return field


class BootstrapWidgetsMixin:
    """Bootstrap classes on every widget, for forms drawn field by field in tables (formsets). A field set
    after `__init__` goes through `bootstrapped` itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            bootstrapped(field)


class ParentAwareInlineFormSet(BaseInlineFormSet):
    """Each form's instance knows its parent object while it validates, so model clean() needs no query."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        setattr(form.instance, self.fk.name, self.instance)
        return form


def council_staff_field(council, label, required=True):
    """A choice of the people of the council's school; anyone else is refused with a message that says why.

    Every form of a formset offers the same people: they are read once per council instance (a request's),
    not once a form (the minutes' decisions each read the school's hundred people)."""
    field = forms.ModelChoiceField(
        label=label,
        queryset=council.staff_queryset().filter(is_active=True).order_by("surname", "given_name"),
        required=required,
        error_messages={"invalid_choice": council.outsider_message()},
    )
    if "_staff_choices" not in council.__dict__:
        council.__dict__["_staff_choices"] = list(iter(field.choices))  # a list() of the iterator counts first
    field.choices = council.__dict__["_staff_choices"]
    return field


# Councils ------------------------------------------------------------------------------------------------


class CouncilForm(CrispyFormMixin, forms.Form):
    submit_label = _("Create the council")
    academic_year = forms.TypedChoiceField(label=_("Academic year"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=200, initial=_("Methodical council"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = academic_year_of(clock.today())
        years = [current - 1, current, current + 1]
        self.fields["academic_year"].choices = [(year, academic_year_label(year)) for year in years]
        self.fields["academic_year"].initial = current


class MemberForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = CouncilMember
        fields = ["staff_member", "role"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_member"] = bootstrapped(council_staff_field(council, _("Staff member")))

    def _get_validation_exclusions(self):
        # One chair and one secretary are checked across the whole formset, so that two people may swap roles.
        return super()._get_validation_exclusions() | {"role"}


class MemberFormSetBase(ParentAwareInlineFormSet):
    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]
        roles = Counter(form.cleaned_data.get("role") for form in kept)
        if roles[CouncilRole.CHAIR] > 1:
            raise forms.ValidationError(_("A council has one chair."))
        if roles[CouncilRole.SECRETARY] > 1:
            raise forms.ValidationError(_("A council has one secretary."))
        people = Counter(form.cleaned_data.get("staff_member") for form in kept)
        if any(count > 1 for count in people.values()):
            raise forms.ValidationError(_("Each person is listed once."))


MemberFormSet = inlineformset_factory(
    Council, CouncilMember, form=MemberForm, formset=MemberFormSetBase, extra=2, can_delete=True
)


class AssociationForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = MethodicalAssociation
        fields = ["name", "head"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"] = bootstrapped(council_staff_field(council, _("Head"), required=False))


AssociationFormSet = inlineformset_factory(
    Council,
    MethodicalAssociation,
    form=AssociationForm,
    formset=ParentAwareInlineFormSet,
    extra=1,
    can_delete=True,
)


class PlanItemForm(CrispyFormMixin, forms.ModelForm):
    submit_label = _("Add to the plan")
    month = forms.TypedChoiceField(label=_("Month"), coerce=date.fromisoformat)

    class Meta:
        model = CouncilPlanItem
        fields = ["month", "topic"]

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        months = [date(council.academic_year + (month < 9), month, 1) for month in (*range(9, 13), *range(1, 9))]
        self.fields["month"].choices = [(day.isoformat(), date_format(day, "YEAR_MONTH_FORMAT")) for day in months]


# Meetings ------------------------------------------------------------------------------------------------


class MeetingForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "place", "plan_item"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        open_items = council.plan_items.filter(meetings__isnull=True)
        if self.instance.plan_item_id:
            open_items = open_items | council.plan_items.filter(pk=self.instance.plan_item_id)
        self.fields["plan_item"].queryset = open_items.distinct()

    def _get_validation_exclusions(self):
        # The number is chosen by the service under a lock, not by the form.
        return super()._get_validation_exclusions() | {"number"}


class AgendaItemForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["topic"]
        widgets = {"topic": forms.TextInput()}


AgendaFormSet = inlineformset_factory(
    Meeting,
    AgendaItem,
    form=AgendaItemForm,
    formset=ParentAwareInlineFormSet,
    extra=1,
    can_order=True,
    can_delete=True,
)


class AttendanceForm(BootstrapWidgetsMixin, forms.Form):
    staff_member = forms.IntegerField(widget=forms.HiddenInput)
    present = forms.BooleanField(label=_("Present"), required=False)
    absence_reason = forms.CharField(label=_("Reason for absence"), max_length=200, required=False)


class AttendanceFormSetBase(BaseFormSet):
    def clean(self):
        super().clean()
        ids = [form.cleaned_data.get("staff_member") for form in self.forms if form.cleaned_data]
        if len(ids) != len(set(ids)):
            raise forms.ValidationError(_("Each member is listed once."))


AttendanceFormSet = formset_factory(AttendanceForm, formset=AttendanceFormSetBase, extra=0)


class GuestsForm(BootstrapWidgetsMixin, forms.Form):
    guests = forms.CharField(
        label=_("Invited guests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Names and positions, one per line."),
    )


class HeardForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["heard_speaker", "heard_topic"]
        widgets = {"heard_topic": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heard_speaker"] = bootstrapped(council_staff_field(council, _("Speaker"), required=False))
        self.fields["heard_topic"].label = _("On what")


class SpeechForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = Speech
        fields = ["who", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}


SpeechFormSet = inlineformset_factory(
    AgendaItem, Speech, form=SpeechForm, formset=ParentAwareInlineFormSet, extra=1, can_delete=True
)


class DecisionForm(BootstrapWidgetsMixin, forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "responsible", "deadline"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "deadline": DateInput()}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"] = bootstrapped(council_staff_field(council, _("Responsible"), required=False))


DecisionFormSet = inlineformset_factory(
    AgendaItem, Decision, form=DecisionForm, formset=ParentAwareInlineFormSet, extra=1, can_delete=True
)


def with_one_more_form(data, prefix):
    """The posted data with room for one more empty form: "add another" keeps everything typed so far."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    with suppress(ValueError):
        data[key] = str(int(data.get(key, 0)) + 1)
    return data


class RecommendationForm(CrispyFormMixin, forms.Form):
    submit_label = _("Add the recommendation")
    kind = forms.ChoiceField(label=_("Recommended for"), choices=RecommendationKind.choices)
    details = forms.CharField(label=_("Details"), max_length=300, required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_member"] = bootstrapped(council_staff_field(council, _("Staff member")))
        self.order_fields(["staff_member", "kind", "details"])


class AmendmentForm(CrispyFormMixin, forms.Form):
    submit_label = _("Record the amendment")
    change = forms.CharField(
        label=_("What is corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        help_text=_("E.g. “Item 2, resolved: the deadline is 15.12, not 15.11.”"),
    )
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


# The register and the plan ---------------------------------------------------------------------------------


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class DocumentForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = ConsideredDocument
        fields = ["title", "kind", "considered_at", "approved_on", "approved_by", "file"]
        widgets = {"approved_on": DateInput()}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.fields["considered_at"] = MeetingChoiceField(
            label=_("Considered at meeting"), queryset=council.meetings.order_by("number"), required=False
        )
