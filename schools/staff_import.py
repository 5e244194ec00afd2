"""A school's staff list from a spreadsheet: new people added, people on record updated, all together or not at all.

`staff_import_preview` says what would happen to each row: every cell is normalised by the engine
(`core.tabular`), positions and subjects are recognised in any language (`Catalogue`), each row is matched to the
people of the office (`schools.people_import`) and compared with them. `staff_import_apply` computes the same
preview again inside its transaction and writes only when no row has an error. Everything the checks need is
loaded once into dictionaries, so 5,000 rows cost a handful of queries.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import audit, clock, versions
from core.cells import RowProblem, header_key, name_key, parse_date, parse_personal_number
from core.tabular import (
    LANGUAGES,
    Column,
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
from schools.models import Position, School, StaffMember, StaffTransfer, Subject
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

POSITION = Column("position", gettext_lazy("Position"), ("Кызматы", "Кызмат орду", "Лауазымы", "Лауазым", "Должность"))
SUBJECTS = Column(
    "subjects", gettext_lazy("Subjects"), ("Предметтер", "Сабактар", "Пәндер", "Пәні", "Предметы", "Предмет", "Subject")
)
EMAIL = Column(
    "email",
    gettext_lazy("E-mail"),
    ("Эл. почта", "Электрондук почта", "Эл. пошта", "Электрондық пошта", "Электронная почта", "Email"),
    254,
)
PHONE = Column("phone", gettext_lazy("Phone"), ("Телефон", "Тел.", "Телефон номери", "Телефон нөмірі", "Telephone"), 30)

STAFF_COLUMNS = (SURNAME, GIVEN_NAME, PATRONYMIC, POSITION, SUBJECTS, HIRE_DATE, EMAIL, PHONE, PERSONAL_NUMBER)
STAFF_REQUIRED = ("surname", "given_name", "position", "hire_date")
FIELD_TITLES = {column.field: column.title for column in STAFF_COLUMNS} | {
    "school": gettext_lazy("School"),
    "is_active": gettext_lazy("Active"),
}
UPDATABLE_FIELDS = (
    "surname",
    "given_name",
    "patronymic",
    "position",
    "hire_date",
    "email",
    "phone",
    "personal_number",
    "is_active",
)


class StaffRow(PersonRow):
    @property
    def position_label(self):
        value = self.values.get("position")
        return Position(value).label if value in Position.values else ""


def check_staff_file(data):
    """Refuses a file that cannot be a staff list (ImportFileError); the rows are checked by the preview."""
    locate_header(read_sheet(data), STAFF_COLUMNS, STAFF_REQUIRED)


def staff_template():
    subjects = sorted(subject.name for subject in Subject.objects.all())
    positions = [str(label) for label in Position.labels]
    return template_workbook(STAFF_COLUMNS, lists=[(POSITION.title, positions), (SUBJECTS.title, subjects)])


# Positions and subjects ---------------------------------------------------------------------------------------

POSITION_SYNONYMS = {
    Position.SUBJECT_TEACHER: ("Мугалим", "Предмет мугалими", "Учитель", "Мұғалім", "Пән мұғалімі", "Teacher"),
    Position.PRIMARY_TEACHER: ("Башталгыч класстын мугалими", "Бастауыш сынып мұғалімі", "Учитель начальных классов"),
    Position.PRESCHOOL_EDUCATOR: ("Тарбиячы", "Тәрбиеші", "Воспитатель"),
    Position.LIBRARIAN: ("Китепканачы", "Кітапханашы", "Библиотекарь"),
    Position.DEPUTY_DIRECTOR: ("Завуч", "Директордун орун басары", "Директордың орынбасары", "Заместитель директора"),
    Position.METHODIST: ("Әдіскер",),
}


class Catalogue:
    """Positions and subjects by any of their names, in any language, loaded once per file."""

    def __init__(self):
        self.positions = {}
        for position in Position:
            names = {position.value, position.label, *POSITION_SYNONYMS.get(position, ())}
            for language in LANGUAGES:
                with translation.override(language):
                    names.add(str(position.label))
            for name in names:
                self.positions[header_key(name)] = position.value
        self.subjects = {}
        self.subject_names = {}
        for subject in Subject.objects.all():
            for name in (subject.code, subject.name_ky, subject.name_kk, subject.name_ru):
                self.subjects[header_key(name)] = subject.pk
            self.subject_names[subject.pk] = subject.name
        # The same few positions and subject lists repeat on thousands of rows: each text is judged once.
        self.known_cells = {}

    def remembered(self, judge, text):
        key = (judge, text)
        if key not in self.known_cells:
            try:
                self.known_cells[key] = (judge(text), None)
            except RowProblem as problem:
                self.known_cells[key] = (None, problem)
        value, problem = self.known_cells[key]
        if problem:
            raise problem
        return value

    def subjects_shown(self, subject_ids):
        return ", ".join(sorted(self.subject_names[pk] for pk in subject_ids))

    def position(self, text):
        return self.remembered(self._position, text)

    def subject_ids(self, text):
        """The subjects of a cell ("Математика, Физика"); None for an empty cell, which leaves them as they are."""
        return self.remembered(self._subject_ids, text)

    def _position(self, text):
        if not text:
            return None
        value = self.positions.get(header_key(text))
        if value is None:
            raise RowProblem(
                _("Unknown position “%(value)s”. Use one of: %(choices)s.")
                % {"value": text, "choices": ", ".join(str(label) for label in Position.labels)}
            )
        return value

    def _subject_ids(self, text):
        names = [name.strip() for name in re.split(r"[,;\n]", text) if name.strip()]
        if not names:
            return None
        unknown = [name for name in names if header_key(name) not in self.subjects]
        if unknown:
            raise RowProblem(
                ngettext("Unknown subject: %(names)s.", "Unknown subjects: %(names)s.", len(unknown))
                % {"names": ", ".join(f"“{name}”" for name in unknown)}
            )
        return frozenset(self.subjects[header_key(name)] for name in names)


# The preview --------------------------------------------------------------------------------------------------


def _staff_row(line, cells, columns, catalogue):
    reader = RowReader(StaffRow(line), cells, columns)
    reader.text(SURNAME, required=True)
    reader.text(GIVEN_NAME, required=True)
    reader.text(PATRONYMIC)
    reader.parsed(POSITION, catalogue.position, text=reader.text(POSITION, required=True))
    reader.parsed(SUBJECTS, catalogue.subject_ids, text=reader.text(SUBJECTS))
    hire_date = reader.parsed(HIRE_DATE, parse_date, required=True)
    if hire_date and hire_date > clock.today():
        reader.row.errors.append(_("The hire date cannot be in the future."))
    email = reader.text(EMAIL, lookalikes=False)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            reader.row.errors.append(_("“%(value)s” is not an e-mail address.") % {"value": email})
    reader.text(PHONE, lookalikes=False)
    reader.parsed(PERSONAL_NUMBER, parse_personal_number)
    return reader.finish()


def _label(person):
    return Position(person["position"]).label if person["position"] in Position.values else person["position"]


def _staff_changes(row, person, school, school_names, movable_school_ids):
    """What importing `row` would change on `person`; empty cells leave the stored values alone."""
    values, updates, changes = row.values, {}, []

    def change(name, new, old, shown_new=None, shown_old=None):
        updates[name] = new
        row.shown[name] = (shown_old or shown(old), shown_new or shown(new))
        changes.append((str(FIELD_TITLES[name]), *row.shown[name]))

    for name in ("surname", "given_name", "patronymic"):
        # A file in capitals should not rewrite everybody's name: only a different spelling counts.
        if values[name] and name_key(values[name]) != name_key(person[name]):
            change(name, values[name], person[name])
    if values["position"] and values["position"] != person["position"]:
        change("position", values["position"], person["position"], Position(values["position"]).label, _label(person))
    if values["hire_date"] and values["hire_date"] != person["hire_date"]:
        change("hire_date", values["hire_date"], person["hire_date"])
    if values["email"] and values["email"].lower() != person["email"].lower():
        change("email", values["email"], person["email"])
    if values["phone"] and values["phone"] != person["phone"]:
        change("phone", values["phone"], person["phone"])
    if values["personal_number"] and values["personal_number"] != person["personal_number"]:
        change("personal_number", values["personal_number"], person["personal_number"])
    if values["subjects"] is not None and values["subjects"] != person["subjects"]:
        change("subjects", values["subjects"], None, values["subjects_shown"], person["subjects_shown"])
    if person["school_id"] != school.pk:
        if person["school_id"] not in movable_school_ids:
            row.errors.append(
                _("%(name)s works at %(school)s; only the methodist can move a person to another school.")
                % {"name": row.full_name, "school": school_names.get(person["school_id"], "")}
            )
        else:
            change("school", school.pk, None, school.name, school_names.get(person["school_id"], ""))
    if not person["is_active"]:
        change("is_active", True, None, _("yes"), _("no"))
    row.updates = updates
    row.changes = changes


def staff_import_preview(*, data, school, user):
    """What importing `data` into `school` would do, row by row; nothing is written."""
    header, raw_rows = locate_header(read_sheet(data), STAFF_COLUMNS, STAFF_REQUIRED)
    catalogue = Catalogue()
    rows = [_staff_row(line, cells, header.columns, catalogue) for line, cells in raw_rows]
    numbers = {row.values["personal_number"] for row in rows if row.values.get("personal_number")}
    people = PeopleIndex.load(
        StaffMember.objects.filter(school__office_id=school.office_id),
        numbers,
        _("This personal number belongs to a person of another education office."),
        with_subjects=True,
    )
    school_names = dict(School.objects.filter(office_id=school.office_id).values_list("pk", "name"))
    movable_school_ids = set(School.objects.for_user(user).values_list("pk", flat=True))
    for row in rows:
        if row.values.get("subjects") is not None:
            row.values["subjects_shown"] = catalogue.subjects_shown(row.values["subjects"])
        if row.errors:
            continue
        match = people.match(row.values)
        if match.error:
            row.errors.append(match.error)
        if match.warning:
            row.warnings.append(match.warning)
        if match.person:
            person = match.person
            person["subjects_shown"] = catalogue.subjects_shown(person["subjects"])
            row.existing = person
            _staff_changes(row, person, school, school_names, movable_school_ids)
    mark_duplicates(rows)
    return ImportPreview(rows, header)


# Writing ------------------------------------------------------------------------------------------------------


def staff_import_apply(*, data, school, by):
    """Writes a staff file into `school`: every row, or, if any row has an error, nothing (ImportRefused)."""
    return confirm(
        lambda: staff_import_preview(data=data, school=school, user=by),
        lambda preview: _write_staff(preview, school=school, by=by),
    )


def _write_staff(preview, *, school, by):
    fresh = [row for row in preview.rows if row.state == RowState.NEW]
    changed = [row for row in preview.rows if row.state == RowState.CHANGED]
    created = StaffMember.objects.bulk_create(
        [
            StaffMember(school=school, **{name: row.values[name] for name in UPDATABLE_FIELDS if name != "is_active"})
            for row in fresh
        ],
        batch_size=500,
    )
    links = [
        (person.pk, subject_id)
        for person, row in zip(created, fresh, strict=True)
        for subject_id in sorted(row.values["subjects"] or ())
    ]
    _update_people(changed)
    resubjected = [row for row in changed if "subjects" in row.updates]
    for chunk in chunks(row.person["pk"] for row in resubjected):
        StaffMember.subjects.through.objects.filter(staffmember_id__in=chunk).delete()
    links += [(row.person["pk"], subject_id) for row in resubjected for subject_id in sorted(row.updates["subjects"])]
    _insert_subject_links(links)
    StaffTransfer.objects.bulk_create(
        [
            StaffTransfer(
                staff_member_id=row.person["pk"],
                from_school_id=row.person["school_id"],
                to_school=school,
                moved_on=clock.today(),
                recorded_by=by,
            )
            for row in changed
            if "school" in row.updates
        ]
    )
    audit.record_many(created, audit.Action.CREATED, actor=by, source=audit.Source.IMPORT)
    # Names, positions, subjects and schools show on the office's renewal pages, which are cached per office; a
    # staff list moves people only between the schools of one office.
    versions.office_changed({school.office_id})
    audit.record_changes(
        (
            (
                StaffMember(pk=row.person["pk"]),
                {
                    # School and subjects by name, as a form edit records them; other fields as stored.
                    name: row.shown[name] if name in ("school", "subjects") else (row.person.get(name), value)
                    for name, value in row.updates.items()
                },
            )
            for row in changed
        ),
        actor=by,
    )
    return ImportResult(created=len(created), updated=len(changed), unchanged=preview.counts[RowState.UNCHANGED])


def _update_people(changed):
    """Writes the changed fields of matched people in a few bulk updates; their subjects are written apart."""
    fields = sorted({name for row in changed for name in row.updates if name != "subjects"})
    if not fields:
        return
    now = timezone.now()
    people = []
    for row in changed:
        stored = {name: row.person[name] for name in UPDATABLE_FIELDS} | {"school_id": row.person["school_id"]}
        updates = {("school_id" if name == "school" else name): value for name, value in row.updates.items()}
        updates.pop("subjects", None)
        people.append(StaffMember(pk=row.person["pk"], updated_at=now, **(stored | updates)))
    StaffMember.objects.bulk_update(people, [*fields, "updated_at"], batch_size=500)


def _insert_subject_links(links):
    """Adds (staff member, subject) pairs; plain executemany, because model instances for 10,000 pairs cost more
    than the whole rest of an import."""
    if not links:
        return
    through = StaffMember.subjects.through
    table = connection.ops.quote_name(through._meta.db_table)
    staff_column = connection.ops.quote_name(through._meta.get_field("staffmember").column)
    subject_column = connection.ops.quote_name(through._meta.get_field("subject").column)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({staff_column}, {subject_column}) VALUES (%s, %s)", links)
