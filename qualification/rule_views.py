"""The office's renewal rule: the library of presets, the what-if of a draft, applying it, and the progress of
the recomputation that applying starts in the background."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import clock
from core.scoping import Role, own_office_id, role_required
from qualification.forms import PolicyForm
from qualification.models import Recomputation, RenewalPolicy, RenewalState
from qualification.presets import BY_KEY as PRESETS_BY_KEY
from qualification.presets import PRESETS
from qualification.renewal import policy_for_office
from qualification.services import policy_create
from qualification.whatif import STATES as WHAT_IF_STATES
from qualification.whatif import what_if


@role_required(Role.METHODIST)
def policy(request):
    office_id = own_office_id(request.user)
    current = policy_for_office(office_id)
    history = RenewalPolicy.objects.for_user(request.user).select_related("created_by")
    preset = PRESETS_BY_KEY.get(request.GET.get("preset", ""))
    initial = {
        "min_hours": current.min_hours,
        "period_years": current.period_years,
        "counting": current.counting,
        "counted_kinds": current.counted_kinds,
        "due_soon_months": current.due_soon_months,
        **(preset.initial() if preset else {}),
        "applies_from": clock.today(),
    }
    form = PolicyForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:  # nothing is written: the draft is judged against everyone's records
            draft = form.save(commit=False)
            draft.office_id = office_id
            preview = what_if(office_id, current, draft, clock.today())
        else:
            rule, recomputation = policy_create(form=form, office_id=office_id, by=request.user)
            if recomputation is None:
                messages.success(
                    request,
                    _("The new rule is saved; it applies from %(date)s, when everyone's standing is recomputed.")
                    % {"date": date_format(rule.applies_from, "DATE_FORMAT")},
                )
                return redirect("qualification:policy")
            messages.success(request, _("The new rule is saved; everyone's standing is being recomputed."))
            return redirect("qualification:recomputation", pk=recomputation.pk)
    return render(
        request,
        "qualification/policy.html",
        {
            "current": current,
            "history": history,
            "form": form,
            "presets": PRESETS,
            "preset": preset,
            "preview": preview,
            "states": [RenewalState(state).label for state in WHAT_IF_STATES],
            "recomputation": Recomputation.objects.for_user(request.user).select_related("policy").first(),
        },
    )


@role_required(Role.METHODIST)
def recomputation(request, pk):
    """How far the recomputation after a rule change has come; the page refreshes itself until it is done."""
    item = get_object_or_404(Recomputation.objects.for_user(request.user).select_related("policy"), pk=pk)
    return render(request, "qualification/recomputation.html", {"recomputation": item})
