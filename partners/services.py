"""Writes of the league: projects and their files, adoptions and their stage history; each in one transaction."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit
from partners.models import (
    Adoption,
    AdoptionStageChange,
    Direction,
    League,
    LeagueMembership,
    stage_goes_back,
)


class LeagueError(Exception):
    """A refused operation; the message is translated and meant for the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def backwards_reason_message():
    return _("The stage goes back: say why, so the league sees what happened.")


@transaction.atomic
def league_next_year(*, league, by):
    """The league's goal for the academic year after `league`'s: the same name, coordinator, targets, member
    schools and directions, to be edited from there. Its projects stay with the year they belong to. Asking
    twice gives the same league back."""
    league = League.objects.select_for_update().get(pk=league.pk)
    following, created = League.objects.get_or_create(
        office_id=league.office_id,
        name=league.name,
        academic_year=league.academic_year + 1,
        defaults={
            "coordinator_id": league.coordinator_id,
            "target_projects": league.target_projects,
            "target_schools": league.target_schools,
        },
    )
    if not created:
        return following
    audit.record(following, audit.Action.CREATED, actor=by, note=league.academic_year_label)
    LeagueMembership.objects.bulk_create(
        LeagueMembership(league=following, school_id=school_id, joined_on=joined_on)
        for school_id, joined_on in league.memberships.values_list("school_id", "joined_on")
    )
    Direction.objects.bulk_create(
        Direction(league=following, name_ky=d.name_ky, name_kk=d.name_kk, name_ru=d.name_ru, order=d.order)
        for d in league.directions.all()
    )
    return following


@transaction.atomic
def project_save(*, form, by):
    project = form.save(commit=False)
    created = project._state.adding
    if created:
        project.created_by = by
    project.save()
    audit.record_form(form, project, created=created, actor=by)
    return project


@transaction.atomic
def project_file_add(*, project, form, by):
    project_file = form.save(commit=False)
    project_file.project = project
    project_file.uploaded_by = by
    project_file.save()
    audit.record_form(form, project_file, created=True, actor=by)
    return project_file


@transaction.atomic
def adoption_create(*, form, project, school, by, stage=None):
    """Records that `school` takes up `project`; a director's proposal always starts at "agreed"."""
    adoption = form.save(commit=False)
    adoption.project = project
    adoption.school = school
    adoption.created_by = by
    if stage is not None:
        adoption.stage = stage
    try:
        with transaction.atomic():
            adoption.save()
    except IntegrityError:
        # Two people recorded the same adoption at the same moment; the constraint kept one.
        raise LeagueError(_("%(school)s has adopted this project already.") % {"school": school.name}) from None
    AdoptionStageChange.objects.create(adoption=adoption, from_stage="", to_stage=adoption.stage, changed_by=by)
    audit.record_form(form, adoption, created=True, actor=by)
    return adoption


@transaction.atomic
def adoption_update(*, adoption, form, reason, by):
    """Saves the adoption; a change of stage goes into the history, and a step back needs its reason."""
    old_stage = Adoption.objects.select_for_update().values_list("stage", flat=True).get(pk=adoption.pk)
    new_stage = form.cleaned_data["stage"]
    reason = (reason or "").strip()
    if stage_goes_back(old_stage, new_stage) and not reason:
        raise LeagueError(backwards_reason_message())
    adoption = form.save()
    if new_stage != old_stage:
        AdoptionStageChange.objects.create(
            adoption=adoption, from_stage=old_stage, to_stage=new_stage, changed_by=by, reason=reason
        )
    audit.record_form(form, adoption, created=False, actor=by, note=reason)
    return adoption
