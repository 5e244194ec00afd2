"""Partner organisations: who they are, which providers they are, and what they contributed."""

from django.contrib import messages
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import audit, clock
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from partners.forms import (
    ContributionForm,
    OrganisationForm,
    ProviderLinkForm,
)
from partners.models import (
    Contribution,
    PartnerOrganisation,
    ProviderLink,
)
from schools.models import School


def organisations(request):
    archived = request.GET.get("archived") == "1"
    queryset = (
        PartnerOrganisation.objects.for_user(request.user)
        .filter(is_archived=archived)
        .annotate(contribution_count=Count("contributions", distinct=True))
        .prefetch_related(Prefetch("provider_links", queryset=ProviderLink.objects.select_related("provider")))
        .order_by("name")
    )
    return render(request, "partners/organisations.html", {"page": paginate(request, queryset), "archived": archived})


@role_required(Role.METHODIST)
def organisation_edit(request, pk=None):
    organisation = get_object_or_404(PartnerOrganisation.objects.for_user(request.user), pk=pk) if pk else None
    office_id = organisation.office_id if organisation else own_office_id(request.user)
    form = OrganisationForm(request.POST or None, instance=organisation, office_id=office_id)
    if request.method == "POST" and form.is_valid():
        organisation = audit.save_form(form, actor=request.user)
        messages.success(request, _("The partner organisation has been saved."))
        return redirect(organisation)
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": organisation})


def _organisation_page(request, organisation, link_form=None, status=200):
    # A school's contributions page opens only for readers who see that school: others get its name, not a link.
    schools = School.objects.order_by("number", "name").annotate(
        readable=Exists(School.objects.for_user(request.user).filter(pk=OuterRef("pk")))
    )
    contributions = organisation.contributions.prefetch_related(Prefetch("schools", queryset=schools), "courses")
    can_manage = request.user.is_methodist or request.user.scope.everything
    if can_manage and link_form is None:
        link_form = ProviderLinkForm(organisation=organisation)
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "contributions": contributions,
            "links": organisation.provider_links.select_related("provider").annotate(
                course_count=Count("provider__courses")
            ),
            "link_form": link_form if can_manage else None,
            "can_manage": can_manage,
        },
        status=status,
    )


def organisation_detail(request, pk):
    organisation = get_object_or_404(PartnerOrganisation.objects.for_user(request.user), pk=pk)
    return _organisation_page(request, organisation)


@require_POST
@role_required(Role.METHODIST)
def provider_link_create(request, pk):
    organisation = get_object_or_404(PartnerOrganisation.objects.for_user(request.user), pk=pk)
    form = ProviderLinkForm(request.POST, organisation=organisation)
    if form.is_valid():
        link = audit.save_form(form, actor=request.user)
        messages.success(request, _("%(provider)s is linked to the organisation.") % {"provider": link.provider.name})
        return redirect(organisation)
    return _organisation_page(request, organisation, link_form=form, status=400)


@require_POST
@role_required(Role.METHODIST)
def provider_link_delete(request, pk):
    link = get_object_or_404(ProviderLink.objects.for_user(request.user).select_related("provider"), pk=pk)
    audit.delete(link, actor=request.user)
    messages.success(request, _("%(provider)s is no longer linked.") % {"provider": link.provider.name})
    return redirect("partners:organisation_detail", pk=link.organisation_id)


@role_required(Role.METHODIST)
def contribution_create(request, pk):
    organisation = get_object_or_404(PartnerOrganisation.objects.for_user(request.user), pk=pk)
    return _contribution_form(request, organisation, None)


@role_required(Role.METHODIST)
def contribution_edit(request, pk):
    contribution = get_object_or_404(Contribution.objects.for_user(request.user).select_related("organisation"), pk=pk)
    return _contribution_form(request, contribution.organisation, contribution)


def _contribution_form(request, organisation, contribution):
    form = ContributionForm(
        request.POST or None,
        instance=contribution,
        organisation=organisation,
        initial={} if contribution else {"given_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)  # the contribution and its links together
        messages.success(request, _("The contribution has been saved."))
        return redirect(organisation)
    return render(
        request,
        "partners/contribution_form.html",
        {"form": form, "organisation": organisation, "contribution": contribution},
    )


def contributions(request):
    """Directors and teachers go to their own school; methodists choose a school from the office's list."""
    scope = request.user.scope
    if scope.school_id and not scope.everything:
        return redirect("partners:school_contributions", pk=scope.school_id)
    if not (request.user.is_methodist or scope.everything):
        raise Http404
    schools = (
        School.objects.for_user(request.user)
        .annotate(contribution_count=Count("partner_contributions"))
        .order_by("-contribution_count", "number", "name")
    )
    return render(request, "partners/contributions_index.html", {"schools": schools})
