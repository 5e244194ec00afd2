"""Course records earn certificates: the source `certificates` issues them from (see `certificates.sources`)."""

from django.utils.translation import gettext as _

from certificates import services, sources
from certificates.models import CertificateKind
from certificates.services import CertificateError
from qualification.models import Course, CourseKind, CourseRecord, RecordState

KIND_OF_COURSE = {CourseKind.RETRAINING: CertificateKind.RETRAINING, CourseKind.SEMINAR: CertificateKind.PARTICIPATION}


class CourseRecordSource(sources.Source):
    field = "course_record"

    def facts(self, record):
        return sources.Facts(
            office=record.staff_member.school.office,
            holder=record.staff_member,
            kind=KIND_OF_COURSE.get(record.course.kind, CertificateKind.COURSE),
            title=record.course.title,
            title_ky=record.course.title_ky,
            title_kk=record.course.title_kk,
            title_ru=record.course.title_ru,
            hours=record.hours,
            starts_on=record.started_on,
            ends_on=record.completed_on,
        )

    def groups(self, user):
        return list(Course.objects.for_user(user).order_by("title").values_list("pk", "title"))

    def candidates(self, user, group_id):
        return (
            CourseRecord.objects.for_user(user)
            .filter(course_id=group_id, state=RecordState.CONFIRMED)
            .exclude(certificates__is_current=True)
            .select_related("staff_member__school", "course")
            .order_by("-completed_on", "staff_member__surname", "staff_member__given_name", "pk")
        )

    def eligible(self, ids, user):
        records = list(
            CourseRecord.objects.for_user(user)
            .filter(pk__in=ids)
            .select_related("staff_member__school__office__certificate_settings", "course")
        )
        if len(records) != len(set(ids)):
            raise CertificateError(_("Some of the chosen course records are outside your district."))
        unconfirmed = [record for record in records if record.state != RecordState.CONFIRMED]
        if unconfirmed:
            raise CertificateError(
                _("Only confirmed courses get certificates; not confirmed: %(names)s.")
                % {"names": ", ".join(record.staff_member.full_name for record in unconfirmed)}
            )
        return records

    def locked(self, record):
        return (
            CourseRecord.objects.select_for_update(of=("self",))
            .select_related("staff_member__school__office", "course")
            .get(pk=record.pk)
        )

    def refused(self, record):
        if record.state != RecordState.CONFIRMED:
            return _("The course record behind this certificate is no longer confirmed.")
        return ""

    def print_order(self, record):
        """The methodist hands the pile out school by school (numbered schools first, by number), each school's
        people by name."""
        school, person = record.staff_member.school, record.staff_member
        return (
            school.number is None,
            school.number or 0,
            school.name,
            person.surname,
            person.given_name,
            person.patronymic,
            record.pk,
        )


SOURCE = CourseRecordSource()


def issue_for_records(*, record_ids, layout, by, today=None):
    """Certificates for confirmed course records at once; returns (the new ones' PDF, new, already issued)."""
    return services.issue_many(source=SOURCE, ids=record_ids, layout=layout, by=by, today=today)
