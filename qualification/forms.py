from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CrispyFormMixin, DateInput
from qualification.models import (
    Attestation,
    AttestationCategory,
    Course,
    CourseKind,
    CourseRecord,
    CourseRequest,
    CourseRun,
    DocumentKind,
    Mode,
    Provider,
    RenewalPolicy,
)


class ProviderForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Provider
        fields = ["name", "kind", "region"]


class CourseForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "title_ky",
            "title_kk",
            "title_ru",
            "provider",
            "kind",
            "hours",
            "audience",
            "subject",
            "mode",
            "funding",
            "starts_on",
            "ends_on",
            "language",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Provider.objects.for_user(user)


class CourseReportForm(CrispyFormMixin, forms.ModelForm):
    """A teacher's report of a finished course, with the document's scan."""

    submit_label = _("Send to the director")

    class Meta:
        model = CourseRecord
        fields = ["course", "hours", "started_on", "completed_on", "document_kind", "document_number", "scan"]
        widgets = {"started_on": DateInput(), "completed_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.for_user(user).select_related("provider")
        self.fields["started_on"].required = True
        self.fields["completed_on"].required = True
        self.fields["document_kind"].required = True
        self.fields["scan"].required = True


class RejectForm(CrispyFormMixin, forms.Form):
    submit_label = _("Reject")
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class IdListField(forms.Field):
    """The ids of the people ticked in the list on the page."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return sorted({int(item) for item in value or []})
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Choose people from the list.")) from None


class CohortForm(forms.Form):
    """One run of a course for many people: an earlier run of the course, or a new one with its dates; the
    people come from the staff filters on the same page."""

    run = forms.ModelChoiceField(
        label=_("Run"),
        queryset=CourseRun.objects.none(),
        required=False,
        empty_label=_("A new run with the dates below"),
    )
    starts_on = forms.DateField(label=_("Started on"), widget=DateInput(), required=False)
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput(), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices, required=False)
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Provider.objects.none(),
        required=False,
        empty_label=_("The catalogue's provider"),
    )
    hours = forms.IntegerField(label=_("Hours credited"), min_value=1, max_value=3000)
    document_kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    people = IdListField(label=_("People"))

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["run"].queryset = course.runs.all()
        self.fields["mode"].initial = course.mode
        self.fields["provider"].queryset = Provider.objects.filter(office_id=course.office_id).exclude(
            pk=course.provider_id
        )
        self.fields["hours"].initial = course.hours
        self.fields["document_kind"].initial = (
            DocumentKind.DIPLOMA if course.kind == CourseKind.RETRAINING else DocumentKind.CERTIFICATE
        )

    def clean(self):
        cleaned = super().clean()
        run = cleaned.get("run")
        if run is not None:
            cleaned["starts_on"], cleaned["completed_on"], cleaned["place"] = run.starts_on, run.ends_on, run.place
            cleaned["mode"], cleaned["provider"] = run.mode, run.provider
        else:
            for name in ("starts_on", "completed_on"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Give the dates of the run, or choose an earlier run."))
        record = CourseRecord(
            course=self.course,
            hours=cleaned.get("hours"),
            started_on=cleaned.get("starts_on"),
            completed_on=cleaned.get("completed_on"),
            state="confirmed",
        )
        try:
            record.clean()
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        return cleaned


class PolicyForm(CrispyFormMixin, forms.ModelForm):
    submit_label = _("Apply the new rule")
    counted_kinds = forms.MultipleChoiceField(
        label=_("Course kinds that count"), choices=CourseKind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = RenewalPolicy
        fields = ["min_hours", "period_years", "counting", "counted_kinds", "due_soon_months", "applies_from", "note"]
        widgets = {"applies_from": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.add_input(Submit("preview", _("Preview what changes"), css_class="btn-outline-primary"))


class AttestationForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Attestation
        fields = ["category", "awarded_on", "order_number"]
        widgets = {"awarded_on": DateInput()}

    def __init__(self, *args, office_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = AttestationCategory.objects.filter(office_id=office_id)


class CourseRequestForm(CrispyFormMixin, forms.ModelForm):
    submit_label = _("Send the request")

    class Meta:
        model = CourseRequest
        fields = ["topic", "course", "preferred_period", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.for_user(user)


class RequestDecisionForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none(), required=False)
    note = forms.CharField(label=_("Reply"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.for_user(user)
