from django import forms
from django.utils.translation import gettext_lazy as _

from core.cells import RowProblem, parse_personal_number
from core.forms import CrispyFormMixin, DateInput, StaleEditGuard
from schools.models import School, StaffMember, User


class StaffMemberForm(CrispyFormMixin, StaleEditGuard):
    class Meta:
        model = StaffMember
        fields = [
            "surname",
            "given_name",
            "patronymic",
            "gender",
            "school",
            "position",
            "subjects",
            "hire_date",
            "personal_number",
            "email",
            "phone",
            "preferred_language",
            "email_reminders",
            "is_active",
        ]
        widgets = {
            "hire_date": DateInput(),
            "subjects": forms.CheckboxSelectMultiple,
            # A phone's number pad; "off" because the browser would offer the reader's own number, not theirs.
            "phone": forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
            "personal_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def clean_personal_number(self):
        try:
            return parse_personal_number(self.cleaned_data["personal_number"])  # the import's own rules
        except RowProblem as problem:
            raise forms.ValidationError(problem.message) from problem

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        schools = School.objects.for_user(user)
        self.fields["school"].queryset = schools
        if user.is_director:
            # A director keeps staff within their own school; moving a person is the methodist's job.
            self.fields["school"].initial = user.scope.school_id
            self.fields["school"].disabled = True


class SchoolForm(CrispyFormMixin, StaleEditGuard):
    class Meta:
        model = School
        fields = [
            "number",
            "name",
            "kind",
            "settlement",
            "instruction_language",
            "is_support_school",
            "support_order_number",
            "support_order_date",
        ]
        widgets = {"support_order_date": DateInput()}

    def clean_number(self):
        # The office is set by the view, not typed, so the form's own unique check leaves (office, number) out.
        number = self.cleaned_data["number"]
        others = School.objects.filter(office_id=self.instance.office_id, number=number).exclude(pk=self.instance.pk)
        if number is not None and others.exists():
            raise forms.ValidationError(_("Another school of this education office already has this number."))
        return number


class ProfileForm(CrispyFormMixin, forms.ModelForm):
    """The account's own settings; a person on the staff also chooses here whether reminders come by e-mail."""

    email_reminders = forms.BooleanField(label=_("Reminders by e-mail"), required=False)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff_member = StaffMember.objects.filter(user=self.instance).first() if self.instance.pk else None
        if self.staff_member is None:
            del self.fields["email_reminders"]
        else:
            self.fields["email_reminders"].initial = self.staff_member.email_reminders

    def save(self, commit=True):
        user = super().save(commit)
        if commit and self.staff_member is not None:
            self.staff_member.email_reminders = self.cleaned_data["email_reminders"]
            self.staff_member.save(update_fields=["email_reminders"])
        return user
