from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import CrispyFormMixin, DateInput
from core.scoping import Role
from core.uploads import reencoded_photo
from partners.models import (
    OUTSIDE_OFFICE_MESSAGE,
    PHOTO_MAX_PIXELS,
    Adoption,
    Contribution,
    Direction,
    League,
    LeagueEvent,
    LeagueMembership,
    PartnerOrganisation,
    Project,
    ProjectFile,
    ProjectFileKind,
    ProjectState,
    ProviderLink,
    stage_goes_back,
)
from partners.services import backwards_reason_message
from qualification.models import Course, Provider
from schools.models import School, StaffMember, User


class ModelErrorsOnFormMixin:
    """A rule in the model's clean() may name a field this form does not show (the school of an adoption is
    chosen on the step before); its message then goes to the top of the form instead of failing."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            remapped = {}
            for name, messages in errors.error_dict.items():
                key = name if name in self.fields else NON_FIELD_ERRORS
                remapped.setdefault(key, []).extend(messages)
            errors = ValidationError(remapped)
        super()._update_errors(errors)


class LeagueForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = League
        fields = ["name", "coordinator", "academic_year", "target_projects", "target_schools"]

    def __init__(self, *args, office_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = User.objects.filter(
            role=Role.METHODIST, office_id=office_id, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["coordinator"].label_from_instance = lambda user: user.get_full_name() or user.username


class MembershipForm(CrispyFormMixin, forms.ModelForm):
    submit_label = _("Add to the league")

    class Meta:
        model = LeagueMembership
        fields = ["school", "joined_on"]
        widgets = {"joined_on": DateInput()}

    def __init__(self, *args, league, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.league = league
        self.fields["school"].queryset = School.objects.filter(office_id=league.office_id).exclude(
            league_memberships__league=league
        )
        self.fields["school"].error_messages["invalid_choice"] = _(
            "Choose a school of the league's education office that is not a member yet."
        )


class DirectionForm(forms.ModelForm):
    class Meta:
        model = Direction
        fields = ["name_kk", "name_ky", "name_ru", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"


class BaseDirectionFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        kept = [
            ValidationError(
                _("“%(name)s” has projects: move them to another direction before removing it.")
                % {"name": form.instance.name},
                code="has_projects",
            )
            for form in self.forms
            if form.instance.pk and self._should_delete_form(form) and form.instance.projects.exists()
        ]
        if kept:
            raise ValidationError(kept)


DirectionFormSet = forms.modelformset_factory(
    Direction, form=DirectionForm, formset=BaseDirectionFormSet, extra=2, can_delete=True
)


class ProjectForm(ModelErrorsOnFormMixin, CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "owner_school",
            "title",
            "direction",
            "aim",
            "description",
            "started_on",
            "state",
            "results",
            "target_adoptions",
        ]
        widgets = {
            "started_on": DateInput(),
            "aim": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, league, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.league = league
        self.fields["direction"].queryset = Direction.objects.filter(league=league)
        if user.is_director:
            # A director registers projects of their own school only.
            del self.fields["owner_school"]
            if self.instance.owner_school_id is None:
                self.instance.owner_school_id = user.scope.school_id
        else:
            self.fields["owner_school"].queryset = School.objects.filter(league_memberships__league=league)
            self.fields["owner_school"].error_messages["invalid_choice"] = _("Choose a member school of the league.")


class ProjectFileForm(CrispyFormMixin, forms.ModelForm):
    submit_label = _("Upload")

    class Meta:
        model = ProjectFile
        fields = ["kind", "file", "caption"]

    def clean(self):
        """A photo is stored re-encoded (core.uploads); one that cannot be decoded is refused here."""
        cleaned = super().clean()
        upload = cleaned.get("file")
        if cleaned.get("kind") == ProjectFileKind.PHOTO and upload:
            try:
                cleaned["file"] = reencoded_photo(upload, max_pixels=PHOTO_MAX_PIXELS)
            except ValueError:
                self.add_error("file", _("The photo could not be read as an image. Upload a JPEG or PNG photo."))
        return cleaned


class AdoptingSchoolForm(forms.Form):
    """The first step of recording an adoption: which school of the office takes the project up."""

    school = forms.ModelChoiceField(
        label=_("Adopting school"),
        queryset=School.objects.none(),
        error_messages={"invalid_choice": OUTSIDE_OFFICE_MESSAGE},
    )

    def __init__(self, *args, league, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(office_id=league.office_id)


class AdoptionForm(ModelErrorsOnFormMixin, CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["adopted_on", "stage", "contact_person", "notes", "evidence"]
        widgets = {"adopted_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, school, proposal=False, **kwargs):
        if proposal:
            self.submit_label = _("Propose to adopt")
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = StaffMember.objects.filter(school=school, is_active=True)
        self.fields["contact_person"].error_messages["invalid_choice"] = _(
            "The contact person must work at the adopting school."
        )
        if proposal:
            # A director's proposal always starts at "agreed"; the later stages follow as the work goes on.
            del self.fields["stage"]


class AdoptionUpdateForm(ModelErrorsOnFormMixin, CrispyFormMixin, forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason for going back a stage"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when the stage goes back, e.g. from sustained to introduced."),
    )

    class Meta:
        model = Adoption
        fields = ["stage", "adopted_on", "contact_person", "notes", "evidence", "reason"]
        widgets = {"adopted_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_stage = self.instance.stage
        # The current contact stays a valid choice even after leaving active staff.
        self.fields["contact_person"].queryset = StaffMember.objects.filter(school_id=self.instance.school_id).filter(
            Q(is_active=True) | Q(pk=self.instance.contact_person_id)
        )

    def clean(self):
        cleaned = super().clean()
        stage = cleaned.get("stage")
        if stage and stage_goes_back(self.original_stage, stage) and not cleaned.get("reason", "").strip():
            self.add_error("reason", ValidationError(backwards_reason_message(), code="reason_needed"))
        return cleaned


class EventForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = LeagueEvent
        fields = ["held_on", "kind", "topic", "host_school", "projects", "notes"]
        widgets = {
            "held_on": DateInput(),
            "projects": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, league, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.league = league
        self.fields["host_school"].queryset = School.objects.filter(office_id=league.office_id)
        self.fields["host_school"].error_messages["invalid_choice"] = _(
            "The host school must belong to the league's education office."
        )
        self.fields["projects"].queryset = (
            Project.objects.filter(league=league).exclude(state=ProjectState.DRAFT).select_related("owner_school")
        )
        self.fields["projects"].label_from_instance = lambda project: f"{project.title} ({project.owner_school})"

    def clean(self):
        cleaned = super().clean()
        held_on = cleaned.get("held_on")
        for project in cleaned.get("projects") or []:
            if held_on and project.started_on > held_on:
                self.add_error(
                    "projects",
                    ValidationError(
                        _("“%(title)s” started on %(date)s, after the event: it cannot have been presented there.")
                        % {"title": project.title, "date": project.started_on.strftime("%d.%m.%Y")},
                        code="not_started",
                    ),
                )
        return cleaned


class OrganisationForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = PartnerOrganisation
        fields = ["name", "kind", "country", "contacts", "is_archived"]
        widgets = {"contacts": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, office_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.office_id = office_id


class ContributionForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["kind", "description", "given_on", "schools", "courses", "value", "currency"]
        widgets = {
            "given_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "schools": forms.SelectMultiple(attrs={"size": 10}),
            "courses": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["schools"].queryset = School.objects.filter(office_id=organisation.office_id)
        self.fields["schools"].error_messages["invalid_choice"] = _(
            "Choose schools of the organisation's education office."
        )
        self.fields["courses"].queryset = Course.objects.filter(office_id=organisation.office_id)
        self.fields["schools"].help_text = _("Hold Ctrl (or ⌘) to choose several.")


class ProviderLinkForm(CrispyFormMixin, forms.ModelForm):
    submit_label = _("Link the provider")

    class Meta:
        model = ProviderLink
        fields = ["provider"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["provider"].queryset = Provider.objects.filter(office_id=organisation.office_id)

    def clean_provider(self):
        provider = self.cleaned_data["provider"]
        existing = ProviderLink.objects.filter(provider=provider).select_related("organisation").first()
        if existing:
            raise ValidationError(
                _("This provider is linked to %(organisation)s already.") % {"organisation": existing.organisation},
                code="linked",
            )
        return provider
