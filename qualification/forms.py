from django import forms
from django.utils.translation import gettext_lazy as _

from qualification.models import (
    Course,
    CourseKind,
    CourseRecord,
    CourseRequest,
    DocumentKind,
    Provider,
    RenewalPolicy,
)
from schools.forms import CrispyFormMixin, DateInput


class ProviderForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Provider
        fields = ["name", "kind", "region"]


class CourseForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
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
        fields = ["course", "hours", "completed_on", "document_kind", "document_number", "scan"]
        widgets = {"completed_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.for_user(user).select_related("provider")
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
    """One course for many people: the people come from the staff filters on the same page."""

    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())
    hours = forms.IntegerField(label=_("Hours credited"), min_value=1, max_value=3000)
    document_kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    people = IdListField(label=_("People"))

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["hours"].initial = course.hours
        self.fields["document_kind"].initial = (
            DocumentKind.DIPLOMA if course.kind == CourseKind.RETRAINING else DocumentKind.CERTIFICATE
        )

    def clean(self):
        cleaned = super().clean()
        record = CourseRecord(
            course=self.course,
            hours=cleaned.get("hours"),
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
