from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.files.base import ContentFile
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from certificates.models import Certificate, CertificateSettings, Layout
from certificates.services import CertificateError
from core import audit, clock
from core.exports import export_response
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from core.search import search_text
from core.uploads import attachment_response
from mentorship.certificates import issue_for_appointment
from mentorship.filters import AppointmentFilter
from mentorship.forms import (
    SEARCH_RESULTS,
    AppointmentEditForm,
    AppointmentForm,
    CertificateForm,
    MentorshipSettingsForm,
    TrackForm,
)
from mentorship.models import (
    Activity,
    AppointmentState,
    MentorAppointment,
    MentorshipSettings,
    Pair,
    PairState,
    Track,
    active_pairs_by_track,
    mentors_by_track,
    new_calendar_token,
)
from mentorship.services import (
    MentorshipError,
    appointment_save,
)
from schools.models import Country, StaffMember

LEADERS = (Role.METHODIST, Role.DIRECTOR)

FEED_HISTORY_DAYS = 365

OFFICE_LANGUAGE = {Country.KYRGYZSTAN: "ky", Country.KAZAKHSTAN: "kk"}


def refused(form, error):
    form.add_error(error.field if error.field in form.fields else None, error.message)


def own_staff_member(request):
    return StaffMember.objects.filter(user=request.user).select_related("school").first()


def appointments_for(user):
    return MentorAppointment.objects.for_user(user).select_related("staff_member__school", "track").with_state()


def pairs_for(user):
    return Pair.objects.for_user(user).select_related(
        "appointment__staff_member__school", "mentee__school", "track", "appointment"
    )


def home(request):
    if request.user.is_director:
        return redirect("mentorship:school")
    if request.user.is_teacher:
        return redirect("mentorship:my")
    today = clock.today()
    appointments = MentorAppointment.objects.for_user(request.user)
    mentors = mentors_by_track(request.user, today)
    pairs = active_pairs_by_track(request.user)
    tracks = list(Track.objects.for_user(request.user).select_related("responsible"))
    for track in tracks:
        track.mentor_count = mentors.get(track.pk, 0)
        track.pair_count = pairs.get(track.pk, 0)
    upcoming = (
        Activity.objects.for_user(request.user)
        .filter(starts_at__gte=timezone.now(), pair__isnull=True)
        .select_related("host_school", "track")[:6]
    )
    ending = appointments.in_state(AppointmentState.ENDING_SOON).select_related("staff_member", "track")
    return render(
        request,
        "mentorship/home.html",
        {"tracks": tracks, "upcoming": upcoming, "ending": ending.order_by("ends_on")[:10]},
    )


def tracks(request):
    queryset = Track.objects.for_user(request.user).select_related("responsible")
    return render(request, "mentorship/tracks.html", {"tracks": queryset})


@role_required(Role.METHODIST)
def track_edit(request, pk=None):
    track = get_object_or_404(Track.objects.for_user(request.user), pk=pk) if pk else None
    form = TrackForm(request.POST or None, instance=track, office_id=own_office_id(request.user))
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        messages.success(request, _("The track has been saved."))
        return redirect("mentorship:tracks")
    return render(request, "mentorship/track_form.html", {"form": form, "track": track})


@role_required(Role.METHODIST)
def settings_edit(request):
    office_settings = MentorshipSettings.for_office(own_office_id(request.user))
    if request.method == "POST" and "new_address" in request.POST and office_settings.pk:
        office_settings.calendar_token = new_calendar_token()
        office_settings.save(update_fields=["calendar_token"])
        audit.record(office_settings, audit.Action.CHANGED, actor=request.user, note=_("New calendar address"))
        messages.success(request, _("The calendar has a new address; the old one no longer works."))
        return redirect("mentorship:settings")
    form = MentorshipSettingsForm(request.POST or None, instance=office_settings)
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        messages.success(request, _("The mentorship settings have been saved."))
        return redirect("mentorship:settings")
    # The calendar's address is its stored secret, so it exists once the settings have been saved.
    feed_url = _feed_url(office_settings) if office_settings.pk else ""
    return render(
        request,
        "mentorship/settings.html",
        {"form": form, "feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[-1]},
    )


def _feed_url(office_settings):
    """The feed's public address (the one certificates print), in the methodist's language."""
    path = reverse("mentorship:calendar_feed", args=[office_settings.calendar_token])
    language = (translation.get_language() or "ru")[:2]
    return f"{settings.USTAT_PUBLIC_BASE_URL}{path}?lang={language}"


@role_required(*LEADERS)
def mentors(request):
    queryset = appointments_for(request.user).annotate(
        active_pairs=Count("pairs", filter=Q(pairs__state=PairState.ACTIVE))
    )
    mentor_filter = AppointmentFilter(request.GET or None, queryset=queryset, user=request.user)
    appointments = (mentor_filter.qs if mentor_filter.is_bound else queryset).order_by(
        "state_rank", "track__order", "staff_member__surname", "staff_member__given_name", "-starts_on"
    )
    export_format = request.GET.get("export")
    if export_format:
        return _mentors_export(export_format, appointments)
    holding = mentors_by_track(request.user, clock.today())
    track_counts = [(track, holding.get(track.pk, 0)) for track in Track.objects.for_user(request.user)]
    return render(
        request,
        "mentorship/mentors.html",
        {
            "filter": mentor_filter,
            "page": paginate(request, appointments),
            "track_counts": track_counts,
            "total": sum(count for _track, count in track_counts),
        },
    )


def _mentors_export(export_format, appointments):
    headers = [
        _("Mentor"),
        _("School"),
        _("Position"),
        _("Track"),
        pgettext("administrative order", "Order"),
        pgettext("administrative order", "Order date"),
        _("Starts on"),
        _("Ends on"),
        _("State"),
        _("Active mentees"),
    ]
    rows = [
        [
            appointment.staff_member.full_name,
            appointment.staff_member.school.name,
            appointment.staff_member.get_position_display(),
            appointment.track.name,
            appointment.order_number,
            appointment.order_date,
            appointment.starts_on,
            appointment.ends_on,
            AppointmentState(appointment.state).label,
            appointment.active_pairs,
        ]
        for appointment in appointments
    ]
    return export_response(export_format, _("mentors"), headers, rows, widths={0: 36, 1: 32, 3: 30})


@role_required(Role.METHODIST)
def appointment_register(request):
    """Finds the person by name across the district, then records the order, the term and the photo."""
    search = search_text(request.GET)
    earlier = None
    initial = {}
    if request.GET.get("from", "").isdigit():
        earlier = get_object_or_404(MentorAppointment.objects.for_user(request.user), pk=request.GET["from"])
        initial = {
            "staff_member": earlier.staff_member_id,
            "track": earlier.track_id,
            "starts_on": earlier.ends_on + timedelta(days=1),
            "biography": earlier.biography,
            "achievements": earlier.achievements,
        }
    form = AppointmentForm(
        request.POST or None, request.FILES or None, user=request.user, search=search, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        if earlier and earlier.photo and not form.cleaned_data.get("photo"):
            # A reappointed mentor keeps the photo of their earlier term.
            with earlier.photo.open("rb") as photo:
                form.instance.photo = ContentFile(photo.read(), name="photo.jpg")
        try:
            appointment = appointment_save(form=form, by=request.user)
        except MentorshipError as error:
            refused(form, error)
        else:
            messages.success(
                request, _("%(name)s is registered as a mentor.") % {"name": appointment.staff_member.full_name}
            )
            return redirect(appointment)
    return render(
        request,
        "mentorship/appointment_register.html",
        {
            "form": form,
            "search": search,
            "earlier": earlier,
            "found": found_in(form, "staff_member", search),
            "search_limit": SEARCH_RESULTS,
        },
    )


def found_in(form, field, search):
    """How many people the name search offers, so the page can say when to type more of the name."""
    return form.fields[field].queryset.count() if search else None


def appointment_detail(request, pk):
    appointment = get_object_or_404(appointments_for(request.user), pk=pk)
    pairs = pairs_for(request.user).filter(appointment=appointment).order_by("state", "-starts_on")
    history = appointments_for(request.user).filter(staff_member=appointment.staff_member).exclude(pk=appointment.pk)
    certificates = Certificate.objects.for_user(request.user).filter(mentor_appointment=appointment)
    office_settings = CertificateSettings.objects.filter(office_id=appointment.track.office_id).first()
    return render(
        request,
        "mentorship/appointment_detail.html",
        {
            "appointment": appointment,
            "pairs": pairs,
            "history": history,
            "certificates": certificates,
            "certificate_form": CertificateForm(
                initial={"layout": office_settings.default_layout if office_settings else Layout.RUSSIAN}
            ),
            "can_manage": request.user.is_methodist,
        },
    )


@role_required(Role.METHODIST)
def appointment_edit(request, pk):
    appointment = get_object_or_404(MentorAppointment.objects.for_user(request.user), pk=pk)
    form = AppointmentEditForm(request.POST or None, request.FILES or None, instance=appointment)
    if request.method == "POST" and form.is_valid():
        try:
            appointment_save(form=form, by=request.user)
        except MentorshipError as error:
            refused(form, error)
        else:
            messages.success(request, _("The appointment has been saved."))
            return redirect(appointment)
    return render(request, "mentorship/appointment_form.html", {"form": form, "appointment": appointment})


def appointment_photo(request, pk):
    appointment = get_object_or_404(MentorAppointment.objects.for_user(request.user), pk=pk)
    if not appointment.photo:
        raise Http404
    return attachment_response(appointment.photo, f"mentor-{appointment.pk}")


@require_POST
@role_required(Role.METHODIST)
def appointment_certificate(request, pk):
    appointment = get_object_or_404(MentorAppointment.objects.for_user(request.user), pk=pk)
    form = CertificateForm(request.POST)
    layout = form.cleaned_data["layout"] if form.is_valid() else None
    try:
        certificate = issue_for_appointment(appointment=appointment, by=request.user, layout=layout)
    except CertificateError as error:
        messages.error(request, error.message)
        return redirect(appointment)
    messages.success(request, _("Mentorship certificate %(serial)s is ready.") % {"serial": certificate.serial})
    return redirect(certificate)
