"""The league's projects, their files, their adoption by schools stage by stage, and the events that present them."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import bounds, clock
from core.scoping import Role, ScopedQuerySet, ScopePaths
from core.uploads import RandomUploadPath, validate_document, validate_photo
from partners.models.league import OUTSIDE_OFFICE_MESSAGE, Direction, League, LeagueMembership, _format
from schools.models import School, StaffMember


class ProjectState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    SHARED = "shared", _("Shared with other schools")
    CLOSED = "closed", _("Closed")


ADOPTABLE_STATES = (ProjectState.ACTIVE, ProjectState.SHARED)


class ProjectQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The office's league projects; another school's draft stays with its school and the methodists."""
        projects = self.for_user(user)
        scope = user.scope
        if scope.role in (Role.DIRECTOR, Role.TEACHER) and not scope.everything:
            projects = projects.exclude(models.Q(state=ProjectState.DRAFT) & ~models.Q(owner_school_id=scope.school_id))
        return projects

    def editable_by(self, user):
        """Methodists edit every project of their office; a director only their own school's projects."""
        scope = user.scope
        if scope.everything or scope.role == Role.METHODIST:
            return self.for_user(user)
        if scope.role == Role.DIRECTOR:
            return self.for_user(user).filter(owner_school_id=scope.school_id)
        return self.none()


class Project(models.Model):
    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="projects")
    owner_school = models.ForeignKey(
        School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="league_projects"
    )
    direction = models.ForeignKey(
        Direction, verbose_name=_("direction"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=250)
    aim = models.TextField(_("aim"))
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("started on"), validators=[bounds.WITHIN_REACH])
    state = models.CharField(_("state"), max_length=10, choices=ProjectState.choices, default=ProjectState.ACTIVE)
    results = models.TextField(_("results"), blank=True)
    target_adoptions = models.PositiveSmallIntegerField(
        _("target number of adopting schools"), default=5, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths(office="league__office")
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("league project")
        verbose_name_plural = _("league projects")
        ordering = ["direction__order", "title"]
        indexes = [models.Index(fields=["league", "state"], name="project_league_state_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partners:project_detail", args=[self.pk])

    @property
    def is_adoptable(self):
        return self.state in ADOPTABLE_STATES

    def clean(self):
        errors = {}
        if self.league_id and self.direction_id and self.direction.league_id != self.league_id:
            errors["direction"] = ValidationError(_("Choose one of the league's directions."), code="direction")
        if (
            self.league_id
            and self.owner_school_id
            and not LeagueMembership.objects.filter(league_id=self.league_id, school_id=self.owner_school_id).exists()
        ):
            errors["owner_school"] = ValidationError(
                _("Only a member school of the league registers a project."), code="not_member"
            )
        if self.started_on and self.started_on > clock.today() and self.state != ProjectState.DRAFT:
            errors["started_on"] = ValidationError(
                _("A project that has not started yet stays a draft; keep it a draft or give the real start date."),
                code="future",
            )
        if errors:
            raise ValidationError(errors)


class ProjectFileKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    DOCUMENT = "document", _("Document")


PHOTO_MAX_PIXELS = 1600  # long side of a stored project photo; phones send far larger pictures


class ProjectFile(models.Model):
    history_parent = "project"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=ProjectFileKind.choices, default=ProjectFileKind.PHOTO)
    file = models.FileField(
        _("file"),
        upload_to=RandomUploadPath("league-projects", field="file"),
        validators=[validate_document],
        help_text=_("A photo: JPEG or PNG. A document: PDF, JPEG or PNG. At most 10 MB."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="project__league__office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("project file")
        verbose_name_plural = _("project files")
        ordering = ["kind", "-uploaded_at", "-pk"]

    def __str__(self):
        return self.caption or self.get_kind_display()

    def clean(self):
        if self.kind == ProjectFileKind.PHOTO and self.file and not getattr(self.file, "_committed", True):
            try:
                validate_photo(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from None


class AdoptionStage(models.TextChoices):
    AGREED = "agreed", _("Agreed")
    INTRODUCED = "introduced", _("Introduced")
    SUSTAINED = "sustained", _("Sustained")


STAGE_RANK = {stage: rank for rank, stage in enumerate(AdoptionStage.values)}


def stage_goes_back(old_stage, new_stage):
    return bool(old_stage) and STAGE_RANK[new_stage] < STAGE_RANK[old_stage]


class AdoptionQuerySet(ScopedQuerySet):
    def editable_by(self, user):
        """Methodists of the office, and the directors of the adopting and of the owner school."""
        scope = user.scope
        if scope.everything or scope.role == Role.METHODIST:
            return self.for_user(user)
        if scope.role == Role.DIRECTOR:
            return self.for_user(user).filter(
                models.Q(school_id=scope.school_id) | models.Q(project__owner_school_id=scope.school_id)
            )
        return self.none()

    def in_academic_year(self, league):
        return self.filter(adopted_on__gte=league.year_starts, adopted_on__lte=league.year_ends)


class Adoption(models.Model):
    """Another school takes up a project: agreed, then introduced, then sustained."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="adoptions")
    school = models.ForeignKey(
        School, verbose_name=_("adopting school"), on_delete=models.PROTECT, related_name="league_adoptions"
    )
    adopted_on = models.DateField(_("date of the agreement"), validators=[bounds.SINCE_1940])
    stage = models.CharField(_("stage"), max_length=12, choices=AdoptionStage.choices, default=AdoptionStage.AGREED)
    contact_person = models.ForeignKey(
        StaffMember,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A staff member of the adopting school who leads the work there."),
    )
    notes = models.TextField(_("notes"), blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to=RandomUploadPath("league-adoptions", field="evidence"),
        validators=[validate_document],
        blank=True,
        help_text=_("An order, a report or a photo: PDF, JPEG or PNG, at most 10 MB."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="project__league__office")
    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption of a project")
        verbose_name_plural = _("adoptions of projects")
        ordering = ["-adopted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "school"],
                name="adoption_once_per_school",
                violation_error_message=_("This school has adopted this project already."),
            )
        ]
        indexes = [models.Index(fields=["school", "stage"], name="adoption_school_stage_idx")]

    def __str__(self):
        return f"{self.project} → {self.school}"

    def get_absolute_url(self):
        return reverse("partners:adoption_detail", args=[self.pk])

    def clean(self):
        errors = {}
        project = self.project if self.project_id else None
        school = self.school if self.school_id else None
        if project and school:
            if school.pk == project.owner_school_id:
                errors["school"] = ValidationError(
                    _("A school cannot adopt its own project: choose another school's project."), code="own_project"
                )
            elif school.office_id != project.league.office_id:
                errors["school"] = ValidationError(OUTSIDE_OFFICE_MESSAGE, code="office")
            elif Adoption.objects.filter(project=project, school=school).exclude(pk=self.pk).exists():
                errors["school"] = ValidationError(
                    _("%(school)s has adopted this project already.") % {"school": school.name}, code="duplicate"
                )
        if project and self._state.adding and not project.is_adoptable:
            errors[NON_FIELD_ERRORS] = ValidationError(
                _("Only an active or shared project can be adopted; this one is %(state)s.")
                % {"state": project.get_state_display().lower()},
                code="not_adoptable",
            )
        if self.adopted_on:
            if self.adopted_on > clock.today():
                errors["adopted_on"] = ValidationError(_("The date cannot be in the future."), code="future")
            elif project and self.adopted_on < project.started_on:
                errors["adopted_on"] = ValidationError(
                    _("The project started on %(date)s: it cannot be adopted before that.")
                    % {"date": _format(project.started_on)},
                    code="before_start",
                )
        if self.contact_person_id and school and self.contact_person.school_id != school.pk:
            errors["contact_person"] = ValidationError(
                _("The contact person must work at the adopting school."), code="contact_school"
            )
        if errors:
            raise ValidationError(errors)


class AdoptionStageChange(models.Model):
    """The history of an adoption's stage; a step back carries its reason."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=12, choices=AdoptionStage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=12, choices=AdoptionStage.choices)
    changed_at = models.DateTimeField(_("when"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_stage or '—'} → {self.to_stage}"

    @property
    def goes_back(self):
        return stage_goes_back(self.from_stage, self.to_stage)


class LeagueEventKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    EXCHANGE = "exchange", _("Experience exchange")


class LeagueEvent(models.Model):
    history_parent = "league"

    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="events")
    held_on = models.DateField(_("date"), validators=[bounds.WITHIN_REACH])
    kind = models.CharField(_("kind"), max_length=10, choices=LeagueEventKind.choices, default=LeagueEventKind.MEETING)
    topic = models.CharField(_("topic"), max_length=250)
    host_school = models.ForeignKey(
        School, verbose_name=_("host school"), on_delete=models.PROTECT, related_name="hosted_league_events"
    )
    projects = models.ManyToManyField(
        Project, verbose_name=_("projects presented"), blank=True, related_name="presentations"
    )
    notes = models.TextField(_("notes"), blank=True)

    scope_paths = ScopePaths(office="league__office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("league event")
        verbose_name_plural = _("league events")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.topic

    def clean(self):
        if self.league_id and self.host_school_id and self.host_school.office_id != self.league.office_id:
            raise ValidationError(
                {"host_school": _("The host school must belong to the league's education office.")}, code="office"
            )
