from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import audit, clock
from core.academic import academic_year_label, academic_year_of
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from core.uploads import attachment_response
from methodcouncil import services
from methodcouncil.forms import (
    AssociationFormSet,
    CouncilForm,
    DocumentForm,
    MemberFormSet,
    PlanItemForm,
    with_one_more_form,
)
from methodcouncil.models import (
    ConsideredDocument,
    Council,
    CouncilPlanItem,
    CouncilRole,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingState,
    Recommendation,
)
from methodcouncil.permissions import (
    can_edit_council,
    can_manage_council,
    can_view_council,
    councils_editable_by,
    councils_seen_by,
)
from methodcouncil.services import CouncilError
from schools.models import DistrictOffice, School

LEADERS = (Role.METHODIST, Role.DIRECTOR)


def council_or_404(request, pk):
    council = get_object_or_404(Council.objects.for_user(request.user).select_related("school", "office"), pk=pk)
    if not can_view_council(request.user, council):
        raise Http404
    return council


def meeting_or_404(request, pk):
    meeting = get_object_or_404(
        Meeting.objects.for_user(request.user).select_related("council", "council__school", "council__office"), pk=pk
    )
    if not can_view_council(request.user, meeting.council):
        raise Http404
    return meeting


def require_one_of(allowed):
    if not allowed:
        raise PermissionDenied


def editable_meeting_or_404(request, pk):
    """A meeting the user may edit; a signed one sends them back to the protocol with the reason."""
    meeting = meeting_or_404(request, pk)
    require_one_of(can_edit_council(request.user, meeting.council))
    if meeting.is_signed:
        messages.error(
            request,
            _("Protocol No. %(number)s is signed and locked; record a correction as an amendment instead.")
            % {"number": meeting.number},
        )
        return meeting, redirect(meeting)
    return meeting, None


def _maybe_one_more_form(request, prefix):
    """The posted data, with room for one more row when the "add another" button was pressed."""
    if request.method != "POST":
        return None, False
    if "add_row" in request.POST:
        return with_one_more_form(request.POST, prefix), True
    return request.POST, False


def _visible_decisions(user):
    """Decisions of the councils a user follows: leaders their whole scope, a teacher the councils they keep."""
    councils = Council.objects.for_user(user)
    if not (user.scope.everything or user.scope.role in LEADERS):
        councils = councils.filter(
            members__staff_member__user=user, members__role__in=[CouncilRole.SECRETARY, CouncilRole.CHAIR]
        )
    return Decision.objects.filter(agenda_item__meeting__council__in=councils)


def _count(queryset, school_path):
    """A per-school count as a subquery, so several counts over different tables do not multiply rows."""
    counts = queryset.filter(**{school_path: OuterRef("pk")}).order_by().values(school_path)
    return Coalesce(Subquery(counts.annotate(total=Count("pk")).values("total")[:1]), 0, output_field=IntegerField())


def home(request):
    user = request.user
    if user.scope.everything or user.is_methodist:
        return redirect("methodcouncil:overview")
    if user.is_director:
        council = Council.objects.for_user(user).current().filter(school_id=user.scope.school_id).first()
        return redirect(council) if council else redirect("methodcouncil:councils")
    return redirect("methodcouncil:mine")


@role_required(Role.METHODIST)
def overview(request):
    today = clock.today()
    year = academic_year_of(today)
    this_year = Q(council__academic_year=year)
    schools = (
        School.objects.for_user(request.user)
        .annotate(
            meetings_held=_count(Meeting.objects.filter(this_year).held(today), "council__school"),
            open_decisions=_count(
                Decision.objects.with_status_filter(DecisionStatus.OPEN, today), "agenda_item__meeting__council__school"
            ),
            overdue_decisions=_count(
                Decision.objects.with_status_filter(DecisionStatus.OVERDUE, today),
                "agenda_item__meeting__council__school",
            ),
            recommendations=_count(
                Recommendation.objects.filter(decision__agenda_item__meeting__council__academic_year=year),
                "decision__agenda_item__meeting__council__school",
            ),
            current_council=Subquery(
                Council.objects.filter(school=OuterRef("pk"), academic_year=year).values("pk")[:1]
            ),
        )
        .order_by("number", "name")
    )
    totals = {
        key: sum(getattr(school, key) for school in schools)
        for key in ("meetings_held", "open_decisions", "overdue_decisions", "recommendations")
    }
    district_councils = (
        Council.objects.for_user(request.user).filter(school__isnull=True).annotate(meeting_count=Count("meetings"))
    )
    return render(
        request,
        "methodcouncil/overview.html",
        {
            "schools": schools,
            "totals": totals,
            "year_label": academic_year_label(year),
            "district_councils": district_councils,
        },
    )


def councils(request):
    queryset = (
        councils_seen_by(request.user)
        .select_related("school", "office")
        .annotate(meeting_count=Count("meetings", distinct=True), member_count=Count("members", distinct=True))
        .order_by("-academic_year", "school__number", "school__name", "name")
    )
    school = None
    if request.GET.get("school"):
        school = get_object_or_404(School.objects.for_user(request.user), pk=request.GET["school"])
        queryset = queryset.filter(school=school)
    can_create = request.user.is_director or request.user.is_methodist
    return render(
        request,
        "methodcouncil/councils.html",
        {"page": paginate(request, queryset), "school": school, "can_create": can_create},
    )


@role_required(*LEADERS)
def council_create(request):
    """A director creates the school's council for a year; a methodist, a district-level council."""
    form = CouncilForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scope = request.user.scope
        school = School.objects.select_related("office").get(pk=scope.school_id) if request.user.is_director else None
        try:
            council = services.council_create(
                office=school.office if school else DistrictOffice.objects.get(pk=own_office_id(request.user)),
                school=school,
                academic_year=form.cleaned_data["academic_year"],
                name=form.cleaned_data["name"],
                by=request.user,
            )
        except CouncilError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The council has been created; add its members."))
            return redirect("methodcouncil:council_members", pk=council.pk)
    return render(request, "methodcouncil/council_form.html", {"form": form})


def council(request, pk):
    council = council_or_404(request, pk)
    members = council.members.select_related("staff_member")
    associations = council.associations.select_related("head")
    today = clock.today()
    decisions = Decision.objects.filter(agenda_item__meeting__council=council)
    return render(
        request,
        "methodcouncil/council.html",
        {
            "council": council,
            "members": members,
            "associations": associations,
            "meeting_count": council.meetings.count(),
            "signed_count": council.meetings.filter(state=MeetingState.SIGNED).count(),
            "open_count": decisions.with_status_filter(DecisionStatus.OPEN, today).count(),
            "overdue_count": decisions.with_status_filter(DecisionStatus.OVERDUE, today).count(),
            "can_manage": can_manage_council(request.user, council),
            "can_edit": can_edit_council(request.user, council),
        },
    )


def council_members(request, pk):
    council = council_or_404(request, pk)
    require_one_of(can_manage_council(request.user, council))
    queryset = council.members.select_related("staff_member")
    data, adding = _maybe_one_more_form(request, "members")
    formset = MemberFormSet(
        data, instance=council, queryset=queryset, form_kwargs={"council": council}, prefix="members"
    )
    if request.method == "POST" and not adding and formset.is_valid():
        services.members_save(council=council, formset=formset, by=request.user)
        messages.success(request, _("The council's members have been saved."))
        return redirect(council)
    return render(request, "methodcouncil/members_form.html", {"council": council, "formset": formset})


def council_associations(request, pk):
    council = council_or_404(request, pk)
    require_one_of(can_manage_council(request.user, council))
    data, adding = _maybe_one_more_form(request, "associations")
    formset = AssociationFormSet(
        data,
        instance=council,
        queryset=council.associations.select_related("head"),
        form_kwargs={"council": council},
        prefix="associations",
    )
    if request.method == "POST" and not adding and formset.is_valid():
        audit.save_formset(formset, actor=request.user)  # every row or none
        messages.success(request, _("The methodical associations have been saved."))
        return redirect(council)
    return render(request, "methodcouncil/associations_form.html", {"council": council, "formset": formset})


def council_plan(request, pk):
    council = council_or_404(request, pk)
    can_edit = can_edit_council(request.user, council)
    form = PlanItemForm(request.POST or None, council=council)
    if request.method == "POST":
        require_one_of(can_edit)
        if form.is_valid():
            audit.save_form(form, actor=request.user)
            messages.success(request, _("The item has been added to the plan."))
            return redirect("methodcouncil:council_plan", pk=council.pk)
    items = council.plan_items.prefetch_related(Prefetch("meetings", queryset=Meeting.objects.order_by("number")))
    return render(
        request, "methodcouncil/plan.html", {"council": council, "items": items, "form": form, "can_edit": can_edit}
    )


@require_POST
def plan_item_delete(request, pk):
    item = get_object_or_404(CouncilPlanItem.objects.for_user(request.user).select_related("council"), pk=pk)
    require_one_of(can_edit_council(request.user, item.council))
    audit.delete(item, actor=request.user)
    messages.success(request, _("The item has been removed from the plan."))
    return redirect("methodcouncil:council_plan", pk=item.council_id)


def documents(request):
    queryset = (
        ConsideredDocument.objects.for_user(request.user)
        .filter(council__in=councils_seen_by(request.user))
        .select_related("council", "council__school", "council__office", "considered_at")
        .order_by("-council__academic_year", "council__school__number", "-pk")
    )
    school = None
    if request.GET.get("school"):
        school = get_object_or_404(School.objects.for_user(request.user), pk=request.GET["school"])
        queryset = queryset.filter(council__school=school)
    editable = set(councils_editable_by(request.user).values_list("pk", flat=True))
    page = paginate(request, queryset)
    for document in page.object_list:
        document.can_edit = document.council_id in editable
    return render(request, "methodcouncil/documents.html", {"page": page, "school": school})


def document_edit(request, pk=None, council_pk=None):
    if pk:
        document = get_object_or_404(ConsideredDocument.objects.for_user(request.user).select_related("council"), pk=pk)
        council = document.council
    else:
        document, council = None, council_or_404(request, council_pk)
    require_one_of(can_edit_council(request.user, council))
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document, council=council)
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        messages.success(request, _("The document has been saved in the register."))
        return redirect("methodcouncil:documents")
    return render(request, "methodcouncil/document_form.html", {"council": council, "document": document, "form": form})


def document_file(request, pk):
    documents = ConsideredDocument.objects.for_user(request.user).filter(council__in=councils_seen_by(request.user))
    document = get_object_or_404(documents, pk=pk)
    if not document.file:
        raise Http404
    return attachment_response(document.file, f"document-{document.pk}")
