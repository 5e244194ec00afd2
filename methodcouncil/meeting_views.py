"""A council's meetings: the agenda, attendance, minutes, signing, amending and the printed protocol."""

from django.contrib import messages
from django.core.files.base import ContentFile
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates import signing
from certificates.pdf import render_pdf
from core.pagination import paginate
from methodcouncil import services
from methodcouncil.forms import (
    AgendaFormSet,
    AmendmentForm,
    AttendanceFormSet,
    DecisionFormSet,
    GuestsForm,
    HeardForm,
    MeetingForm,
    SpeechFormSet,
    with_one_more_form,
)
from methodcouncil.models import (
    CouncilRole,
    Decision,
    Meeting,
    Recommendation,
)
from methodcouncil.permissions import (
    can_edit_council,
    can_sign_council_minutes,
)
from methodcouncil.services import CouncilError
from methodcouncil.views import council_or_404, editable_meeting_or_404, meeting_or_404, require_one_of


def meetings(request, pk):
    council = council_or_404(request, pk)
    unsigned = request.GET.get("unsigned") == "1"
    queryset = (
        (council.meetings.unsigned() if unsigned else council.meetings.all())
        .select_related("plan_item")
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            present_count=Count("attendance", filter=Q(attendance__present=True), distinct=True),
            decision_count=Count("agenda_items__decisions", distinct=True),
        )
        .order_by("number")
    )
    return render(
        request,
        "methodcouncil/meetings.html",
        {
            "council": council,
            "page": paginate(request, queryset),
            "can_edit": can_edit_council(request.user, council),
            "unsigned": unsigned,
        },
    )


def meeting_create(request, pk):
    council = council_or_404(request, pk)
    require_one_of(can_edit_council(request.user, council))
    form = MeetingForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                council=council,
                date=form.cleaned_data["date"],
                place=form.cleaned_data["place"],
                plan_item=form.cleaned_data["plan_item"],
                by=request.user,
            )
        except CouncilError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Meeting No. %(number)s has been created.") % {"number": meeting.number})
            return redirect("methodcouncil:meeting_edit", pk=meeting.pk)
    return render(request, "methodcouncil/meeting_create.html", {"council": council, "form": form})


def _protocol(meeting):
    """Everything the protocol shows, in a fixed number of queries whatever its length."""
    attendance = list(meeting.attendance.select_related("staff_member"))
    items = meeting.agenda_items.select_related("heard_speaker").prefetch_related(
        "speeches",
        Prefetch(
            "decisions",
            queryset=Decision.objects.with_status()
            .select_related("responsible")
            .prefetch_related(
                Prefetch("recommendations", queryset=Recommendation.objects.select_related("staff_member"))
            ),
        ),
    )
    council = meeting.council
    if meeting.is_signed:
        chair, secretary = meeting.chair_name, meeting.secretary_name
    else:
        names = {
            member.role: member.staff_member.full_name
            for member in council.members.filter(role__in=[CouncilRole.CHAIR, CouncilRole.SECRETARY]).select_related(
                "staff_member"
            )
        }
        chair, secretary = names.get(CouncilRole.CHAIR, ""), names.get(CouncilRole.SECRETARY, "")
    return {
        "meeting": meeting,
        "council": council,
        "place_name": meeting.school_name or council.place_name,
        "council_name": meeting.council_name or council.name,
        "present": [row for row in attendance if row.present],
        "absent": [row for row in attendance if not row.present],
        "guests": [line.strip() for line in meeting.guests.splitlines() if line.strip()],
        "items": list(items),
        "amendments": list(meeting.amendments.all()),
        "documents": list(meeting.considered_documents.all()),
        "chair_name": chair,
        "secretary_name": secretary,
    }


def meeting(request, pk):
    meeting = meeting_or_404(request, pk)
    context = _protocol(meeting)
    user = request.user
    can_edit = can_edit_council(user, meeting.council)
    context.update(
        {
            "can_edit": can_edit and not meeting.is_signed,
            "can_follow_up": can_edit,
            "can_sign": not meeting.is_signed and can_sign_council_minutes(user, meeting.council),
            "can_amend": meeting.is_signed and can_edit,
            "is_newest": not Meeting.objects.filter(council=meeting.council, number__gt=meeting.number).exists(),
        }
    )
    return render(request, "methodcouncil/meeting.html", context)


def meeting_edit(request, pk):
    meeting, refused = editable_meeting_or_404(request, pk)
    if refused:
        return refused
    council = meeting.council
    data = request.POST or None
    if data is not None and "add_item" in data:
        data = with_one_more_form(data, "agenda")
    form = MeetingForm(data, instance=meeting, council=council)
    formset = AgendaFormSet(data, instance=meeting, queryset=meeting.agenda_items.all(), prefix="agenda")
    if request.method == "POST" and "add_item" not in request.POST and form.is_valid() and formset.is_valid():
        try:
            services.meeting_update(meeting=meeting, form=form, agenda_formset=formset, by=request.user)
        except CouncilError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The meeting and its agenda have been saved."))
            return redirect(meeting)
    return render(request, "methodcouncil/meeting_edit.html", {"meeting": meeting, "form": form, "formset": formset})


@require_POST
def meeting_delete(request, pk):
    meeting = meeting_or_404(request, pk)
    require_one_of(can_edit_council(request.user, meeting.council))
    try:
        services.meeting_delete(meeting=meeting, by=request.user)
    except CouncilError as error:
        messages.error(request, error.message)
        return redirect(meeting)
    messages.success(request, _("Meeting No. %(number)s has been removed.") % {"number": meeting.number})
    return redirect("methodcouncil:meetings", pk=meeting.council_id)


def meeting_attendance(request, pk):
    meeting, refused = editable_meeting_or_404(request, pk)
    if refused:
        return refused
    members = list(meeting.council.members.select_related("staff_member"))
    recorded = {row.staff_member_id: row for row in meeting.attendance.all()}
    initial = [
        {
            "staff_member": member.staff_member_id,
            "present": recorded[member.staff_member_id].present if member.staff_member_id in recorded else True,
            "absence_reason": recorded[member.staff_member_id].absence_reason
            if member.staff_member_id in recorded
            else "",
        }
        for member in members
    ]
    formset = AttendanceFormSet(request.POST or None, initial=initial, prefix="attendance")
    guests_form = GuestsForm(request.POST or None, initial={"guests": meeting.guests})
    if request.method == "POST" and formset.is_valid() and guests_form.is_valid():
        rows = [
            (form.cleaned_data["staff_member"], form.cleaned_data["present"], form.cleaned_data["absence_reason"])
            for form in formset.forms
        ]
        try:
            services.attendance_record(
                meeting=meeting, rows=rows, guests=guests_form.cleaned_data["guests"], by=request.user
            )
        except CouncilError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Attendance has been recorded."))
            return redirect(meeting)
    by_staff_id = {str(member.staff_member_id): member for member in members}
    rows = [(form, by_staff_id.get(str(form["staff_member"].value()))) for form in formset]
    return render(
        request,
        "methodcouncil/attendance_form.html",
        {"meeting": meeting, "formset": formset, "rows": rows, "guests_form": guests_form},
    )


def minutes_edit(request, pk, item_pk):
    meeting, refused = editable_meeting_or_404(request, pk)
    if refused:
        return refused
    item = get_object_or_404(meeting.agenda_items.all(), pk=item_pk)
    item.meeting = meeting
    council = meeting.council
    data = request.POST or None
    if data is not None and "add_speech" in data:
        data = with_one_more_form(data, "speeches")
    if data is not None and "add_decision" in data:
        data = with_one_more_form(data, "decisions")
    adding = request.method == "POST" and ("add_speech" in request.POST or "add_decision" in request.POST)
    form = HeardForm(data, instance=item, council=council, prefix="heard")
    speeches = SpeechFormSet(data, instance=item, queryset=item.speeches.all(), prefix="speeches")
    decisions = DecisionFormSet(
        data,
        instance=item,
        queryset=item.decisions.select_related("responsible"),
        form_kwargs={"council": council},
        prefix="decisions",
    )
    valid = (
        request.method == "POST" and not adding and all([form.is_valid(), speeches.is_valid(), decisions.is_valid()])
    )
    if valid:
        try:
            services.minutes_save(
                item=item, form=form, speech_formset=speeches, decision_formset=decisions, by=request.user
            )
        except CouncilError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The minutes of item %(order)s have been saved.") % {"order": item.order})
            return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
    items = list(meeting.agenda_items.only("pk", "order", "topic", "meeting_id"))
    return render(
        request,
        "methodcouncil/minutes_form.html",
        {"meeting": meeting, "item": item, "items": items, "form": form, "speeches": speeches, "decisions": decisions},
    )


@require_POST
def meeting_sign(request, pk):
    meeting = meeting_or_404(request, pk)
    require_one_of(can_sign_council_minutes(request.user, meeting.council))
    try:
        services.meeting_sign(meeting=meeting, by=request.user)
    except CouncilError as error:
        messages.error(request, error.message)
    else:
        _store_signed_protocol(meeting)
        messages.success(request, _("Protocol No. %(number)s is signed and locked.") % {"number": meeting.number})
    return redirect(meeting)


def meeting_amend(request, pk):
    meeting = meeting_or_404(request, pk)
    require_one_of(can_edit_council(request.user, meeting.council))
    if not meeting.is_signed:
        messages.info(request, _("A draft protocol is corrected directly; amendments are for signed protocols."))
        return redirect(meeting)
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.amendment_add(meeting=meeting, by=request.user, **form.cleaned_data)
        except CouncilError as error:
            form.add_error(None, error.message)
        else:
            _store_signed_protocol(meeting)
            messages.success(request, _("The amendment has been recorded; the protocol prints it."))
            return redirect(meeting)
    return render(request, "methodcouncil/amendment_form.html", {"meeting": meeting, "form": form})


def _protocol_pdf(meeting):
    context = _protocol(meeting)
    context["language"] = meeting.language or meeting.council.protocol_language()
    return render_pdf("certificates/protocol.html", context, "protocol.css")


def _store_signed_protocol(meeting):
    """Lays out the signed protocol as it now stands, signs it with its office's key and keeps it; returns it."""
    meeting = Meeting.objects.select_related("council__office", "council__school").get(pk=meeting.pk)
    with translation.override(meeting.language or "ru"):
        office_name = str(meeting.council.office)
        reason = _("Protocol No. %(number)s of %(council)s") % {
            "number": meeting.number,
            "council": meeting.council_name,
        }
    pdf = signing.sign_document(_protocol_pdf(meeting), meeting.council.office, name=office_name, reason=reason)
    old = meeting.protocol_pdf.name
    meeting.protocol_pdf.save(f"protocol-{meeting.pk}-{meeting.number}.pdf", ContentFile(pdf), save=False)
    Meeting.objects.filter(pk=meeting.pk).update(protocol_pdf=meeting.protocol_pdf.name)
    if old:
        meeting.protocol_pdf.storage.delete(old)
    return pdf


def meeting_protocol(request, pk):
    """The protocol as a PDF in the school's language, in the traditional layout."""
    meeting = meeting_or_404(request, pk)
    if not meeting.is_signed:
        pdf = _protocol_pdf(meeting)
    elif meeting.protocol_pdf:
        with meeting.protocol_pdf.open("rb") as stored:
            pdf = stored.read()
    else:  # signed before protocols were stored, or its storing failed
        pdf = _store_signed_protocol(meeting)
    filename = f"protocol-{meeting.number}-{meeting.date:%Y-%m-%d}.pdf"
    return HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
