"""A course's cohort from a spreadsheet: everyone in the file gets the course recorded as completed, or nobody does.

Each row is found among the staff of the methodist's district (`schools.people_import`), by personal number or
by name and hire date. A person who has the course on record with the same date is left as they are; a course
planned for them is marked completed; everyone else gets a new confirmed record with the course's hours.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.cells import clean_text, parse_date, parse_personal_number
from core.tabular import (
    Column,
    ImportFileError,
    ImportPreview,
    ImportResult,
    RowReader,
    RowState,
    chunks,
    confirm,
    locate_header,
    read_sheet,
    shown,
    template_workbook,
)
from qualification.models import CourseKind, CourseRecord, DocumentKind, RecordState
from qualification.renewal import refresh_renewal
from schools.models import School, StaffMember
from schools.people_import import (
    GIVEN_NAME,
    HIRE_DATE,
    PATRONYMIC,
    PERSONAL_NUMBER,
    SURNAME,
    PeopleIndex,
    PersonRow,
    mark_duplicates,
)

COMPLETED_ON = Column(
    "completed_on",
    gettext_lazy("Completed on"),
    ("Аяктаган күнү", "Курсту аяктаган күнү", "Аяқтаған күні", "Дата окончания", "Дата завершения", "Completion date"),
    is_date=True,
)
DOCUMENT_NUMBER = Column(
    "document_number",
    gettext_lazy("Document number"),
    (
        "Документтин номери",
        "Сертификаттын номери",
        "Құжат нөмірі",
        "Сертификат нөмірі",
        "Номер документа",
        "Номер сертификата",
        "Certificate number",
    ),
    60,
)

COHORT_COLUMNS = (SURNAME, GIVEN_NAME, PATRONYMIC, HIRE_DATE, PERSONAL_NUMBER, COMPLETED_ON, DOCUMENT_NUMBER)
COHORT_REQUIRED = ("surname", "given_name", "completed_on")


@dataclass
class CohortRow(PersonRow):
    school_name: str = ""


def check_cohort_file(data):
    """Refuses a file that cannot be a cohort (ImportFileError); the rows are checked by the preview."""
    _cohort_header(read_sheet(data))


def cohort_template():
    return template_workbook(COHORT_COLUMNS)


def _cohort_header(sheet):
    header, rows = locate_header(sheet, COHORT_COLUMNS, COHORT_REQUIRED)
    if "hire_date" not in header.columns and "personal_number" not in header.columns:
        raise ImportFileError(
            _("Add a column “%(hire_date)s” or “%(personal_number)s”, so that each person can be found.")
            % {"hire_date": HIRE_DATE.title, "personal_number": PERSONAL_NUMBER.title},
            "missing_columns",
        )
    return header, rows


def _cohort_row(line, cells, columns, course):
    reader = RowReader(CohortRow(line), cells, columns)
    reader.text(SURNAME, required=True)
    reader.text(GIVEN_NAME, required=True)
    reader.text(PATRONYMIC)
    reader.parsed(HIRE_DATE, parse_date)
    reader.parsed(PERSONAL_NUMBER, parse_personal_number)
    completed_on = reader.parsed(COMPLETED_ON, parse_date, required=True)
    reader.text(DOCUMENT_NUMBER, lookalikes=False)
    if not clean_text(reader.cell(HIRE_DATE)) and not clean_text(reader.cell(PERSONAL_NUMBER)):
        reader.row.errors.append(_("Give the hire date or the personal number, so that the person can be found."))
    if completed_on:
        record = CourseRecord(course=course, hours=course.hours, completed_on=completed_on, state=RecordState.CONFIRMED)
        try:
            record.clean()
        except ValidationError as error:
            reader.row.errors.extend(message for messages in error.message_dict.values() for message in messages)
    return reader.finish()


def cohort_import_preview(*, data, course, user):
    """Who of the file would get `course` recorded as completed; nothing is written."""
    header, raw_rows = _cohort_header(read_sheet(data))
    rows = [_cohort_row(line, cells, header.columns, course) for line, cells in raw_rows]
    numbers = {row.values["personal_number"] for row in rows if row.values.get("personal_number")}
    people = PeopleIndex.load(
        StaffMember.objects.for_user(user),
        numbers,
        _("This personal number belongs to a person outside your district."),
    )
    school_names = dict(School.objects.for_user(user).values_list("pk", "name"))
    for row in rows:
        if row.errors:
            continue
        match = people.match(row.values)
        if match.error:
            row.errors.append(match.error)
        elif match.person is None:
            row.errors.append(
                _("Nobody with this personal number works in your district.")
                if row.values.get("personal_number") and not row.values.get("hire_date")
                else _("Nobody with this name and hire date works in your district; check the spelling and the date.")
            )
        else:
            row.existing = match.person
            row.school_name = school_names.get(match.person["school_id"], "")
            if not match.person["is_active"]:
                row.warnings.append(_("This person is marked as no longer working."))
        if match.warning:
            row.warnings.append(match.warning)
    _judge_records(rows, course)
    mark_duplicates(rows)
    return ImportPreview(rows, header)


def _judge_records(rows, course):
    """Each matched row against the person's records of `course`: recorded already, planned, or new."""
    matched = {row.person["pk"] for row in rows if row.person}
    existing = defaultdict(list)
    for chunk in chunks(matched):
        records = CourseRecord.objects.filter(course=course, staff_member_id__in=chunk)
        for record in records.values("pk", "staff_member_id", "completed_on", "state"):
            existing[record["staff_member_id"]].append(record)
    for row in rows:
        if not row.person:
            continue
        records = existing[row.person["pk"]]
        completed_on = row.values["completed_on"]
        if any(r["state"] != RecordState.PLANNED and r["completed_on"] == completed_on for r in records):
            row.outcome = RowState.UNCHANGED  # recorded already: the row is left as it is
        elif planned := [r for r in records if r["state"] == RecordState.PLANNED]:
            row.outcome = RowState.CHANGED
            row.updates = {"record": planned[0]["pk"]}
            row.changes = [(str(COMPLETED_ON.title), _("planned"), shown(completed_on))]
        else:
            row.outcome = RowState.NEW  # a new course record for a person on record


def cohort_import_apply(*, data, course, by):
    """Records `course` as completed and confirmed for everyone in the file, or for nobody (ImportRefused)."""
    return confirm(
        lambda: cohort_import_preview(data=data, course=course, user=by),
        lambda preview: _write_records(preview, course=course, by=by),
    )


def _write_records(preview, *, course, by):
    now = timezone.now()
    document_kind = DocumentKind.DIPLOMA if course.kind == CourseKind.RETRAINING else DocumentKind.CERTIFICATE

    def record(row, pk=None):
        return CourseRecord(
            pk=pk,
            staff_member_id=row.person["pk"],
            course=course,
            hours=course.hours,
            completed_on=row.values["completed_on"],
            document_kind=document_kind,
            document_number=row.values["document_number"],
            state=RecordState.CONFIRMED,
            confirmed_by=by,
            confirmed_at=now,
            created_by=by,
        )

    fresh = [record(row) for row in preview.rows if row.state == RowState.NEW]
    completed = [record(row, row.updates["record"]) for row in preview.rows if row.state == RowState.CHANGED]
    CourseRecord.objects.bulk_create(fresh, batch_size=500)
    CourseRecord.objects.bulk_update(
        completed,
        ["hours", "completed_on", "document_kind", "document_number", "state", "confirmed_by", "confirmed_at"],
        batch_size=500,
    )
    audit.record_many(fresh, audit.Action.CREATED, actor=by, source=audit.Source.IMPORT, note=course.title)
    audit.record_many(
        completed,
        audit.Action.CHANGED,
        actor=by,
        source=audit.Source.IMPORT,
        note=course.title,
        changes={"state": (RecordState.PLANNED, RecordState.CONFIRMED)},
    )
    refresh_renewal([row.person["pk"] for row in preview.rows if row.state != RowState.UNCHANGED])
    counts = preview.counts
    return ImportResult(
        created=counts[RowState.NEW], updated=counts[RowState.CHANGED], unchanged=counts[RowState.UNCHANGED]
    )
