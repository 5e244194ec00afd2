"""A mentor's term earns a mentorship certificate: the source `certificates` issues it from."""

from django.utils.translation import gettext

from certificates import services, sources
from certificates.models import CertificateKind
from mentorship import evidence
from mentorship.models import MentorAppointment


class AppointmentSource(sources.Source):
    field = "mentor_appointment"

    def facts(self, appointment):
        track = appointment.track
        return sources.Facts(
            office=track.office,
            holder=appointment.staff_member,
            kind=CertificateKind.MENTORSHIP,
            title="",  # the track's name in the certificate's first language
            title_ky=track.name_ky,
            title_kk=track.name_kk,
            title_ru=track.name_ru,
            hours=None,
            starts_on=appointment.starts_on,
            ends_on=appointment.ends_on,
        )

    def locked(self, appointment):
        return (
            MentorAppointment.objects.select_for_update(of=("self",))
            .select_related("staff_member", "track__office")
            .get(pk=appointment.pk)
        )

    def refused(self, appointment):
        return ""

    def details(self, appointment_id):
        meetings, visits = evidence.appointment_counts(appointment_id)  # from the log, never typed
        if not (meetings or visits):
            return []
        return [
            gettext("meetings logged: %(meetings)s, lesson visits: %(visits)s")
            % {"meetings": meetings, "visits": visits}
        ]


SOURCE = AppointmentSource()


def issue_for_appointment(*, appointment, by, layout=None, today=None):
    """A mentorship certificate for a mentor's term; an appointment with a current certificate gets that one back."""
    return services.issue_one(source=SOURCE, record=appointment, by=by, layout=layout, today=today)
