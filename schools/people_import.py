"""What every import of people shares: the columns that name a person, and finding each row among the staff.

A row is matched by personal number first, else by surname, given name and hire date (`PeopleIndex`, loaded once
per file, so 5,000 rows cost a handful of queries); rows of one file that describe the same person are all marked
as errors (`mark_duplicates`), because which one should win is for a person to decide. The staff import
(`schools.staff_import`) and the course cohort import (`qualification.cohort_import`) build on it.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.cells import name_key
from core.tabular import Column, ImportRow, chunks
from schools.models import StaffMember

SURNAME = Column("surname", gettext_lazy("Surname"), ("Фамилиясы", "Фамилия", "Тегі", "Теги", "Last name"), 100)
GIVEN_NAME = Column("given_name", gettext_lazy("Given name"), ("Аты", "Имя", "Есімі", "First name", "Name"), 100)
PATRONYMIC = Column(
    "patronymic",
    gettext_lazy("Patronymic"),
    ("Атасынын аты", "Атасының аты", "Әкесінің аты", "Отчество", "Middle name"),
    100,
)
HIRE_DATE = Column(
    "hire_date",
    gettext_lazy("Hire date"),
    (
        "Ишке кирген күнү",
        "Ишке кабыл алынган күнү",
        "Жұмысқа қабылданған күні",
        "Дата приёма",
        "Дата приема на работу",
        "Date of hire",
    ),
    is_date=True,
)
PERSONAL_NUMBER = Column(
    "personal_number",
    gettext_lazy("Personal number"),
    ("ПИН", "ЖСН", "ИИН", "ИНН", "ПИН/ИИН", "ЖСН/ИИН", "PIN", "IIN", "Жеке номер", "Жеке нөмір"),
)

PERSON_FIELDS = (
    "pk",
    "school_id",
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


class PersonRow(ImportRow):
    """A row that names a person; `person` is the person on record it was matched to (the engine's `existing`)."""

    @property
    def person(self):
        return self.existing

    @property
    def full_name(self):
        parts = (self.values.get("surname"), self.values.get("given_name"), self.values.get("patronymic"))
        return " ".join(part for part in parts if part)


@dataclass
class Match:
    person: dict | None = None
    error: str = ""
    warning: str = ""


class PeopleIndex:
    """The people a file may refer to, indexed by personal number and by name with hire date."""

    def __init__(self, people, elsewhere, elsewhere_message):
        self.by_number = {}
        self.by_name = defaultdict(list)
        for person in people:
            if person["personal_number"]:
                self.by_number[person["personal_number"]] = person
            self.by_name[(name_key(person["surname"]), name_key(person["given_name"]), person["hire_date"])].append(
                person
            )
        self.elsewhere = elsewhere
        self.elsewhere_message = elsewhere_message

    @classmethod
    def load(cls, queryset, numbers, elsewhere_message, with_subjects=False):
        people = list(queryset.values(*PERSON_FIELDS))
        if with_subjects:
            subjects = defaultdict(set)
            through = StaffMember.subjects.through.objects.filter(staffmember_id__in=queryset.values("pk"))
            for staff_id, subject_id in through.values_list("staffmember_id", "subject_id"):
                subjects[staff_id].add(subject_id)
            for person in people:
                person["subjects"] = frozenset(subjects[person["pk"]])
        known = {person["personal_number"] for person in people}
        elsewhere = set()
        for chunk in chunks(set(numbers) - known):
            elsewhere.update(
                StaffMember.objects.filter(personal_number__in=chunk).values_list("personal_number", flat=True)
            )
        return cls(people, elsewhere, elsewhere_message)

    def match(self, values):
        number = values.get("personal_number")
        if number:
            if number in self.by_number:
                return Match(self.by_number[number])
            if number in self.elsewhere:
                return Match(error=self.elsewhere_message)
        hire_date = values.get("hire_date")
        if not hire_date:
            return Match()
        candidates = self.by_name.get((name_key(values["surname"]), name_key(values["given_name"]), hire_date), [])
        patronymic = name_key(values.get("patronymic") or "")
        if patronymic:
            candidates = [c for c in candidates if not c["patronymic"] or name_key(c["patronymic"]) == patronymic]
        warning = ""
        if number:
            # Somebody with the same name and hire date but another personal number is somebody else.
            others = [c for c in candidates if c["personal_number"]]
            candidates = [c for c in candidates if not c["personal_number"]]
            if others and not candidates:
                warning = _(
                    "Somebody with the same name and hire date is on record with another personal number; "
                    "this row will be a different person."
                )
        if len(candidates) > 1:
            return Match(
                error=ngettext(
                    "%(count)s person on record has this name and hire date; add the personal number to say which "
                    "one is meant.",
                    "%(count)s people on record have this name and hire date; add the personal number to say which "
                    "one is meant.",
                    len(candidates),
                )
                % {"count": len(candidates)}
            )
        return Match(candidates[0] if candidates else None, warning=warning)


def _may_be_same(first, second):
    """Two rows with the same name and hire date describe one person unless their numbers or patronymics differ."""
    if first.values.get("personal_number") and second.values.get("personal_number"):
        return False  # different numbers (equal ones are joined by number)
    one, other = name_key(first.values.get("patronymic") or ""), name_key(second.values.get("patronymic") or "")
    return not (one and other and one != other)


def mark_duplicates(rows):
    """Rows that describe the same person are all errors: which one should win is for a person to decide."""
    parent = list(range(len(rows)))

    def root(index):
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def join(first, second):
        parent[root(second)] = root(first)

    by_number, by_person, by_name = defaultdict(list), defaultdict(list), defaultdict(list)
    for index, row in enumerate(rows):
        values = row.values
        if values.get("personal_number"):
            by_number[values["personal_number"]].append(index)
        if row.existing:
            by_person[row.existing["pk"]].append(index)
        if values.get("surname") and values.get("given_name") and values.get("hire_date"):
            by_name[(name_key(values["surname"]), name_key(values["given_name"]), values["hire_date"])].append(index)
    for group in (*by_number.values(), *by_person.values()):
        for index in group[1:]:
            join(group[0], index)
    for group in by_name.values():
        representatives = []
        for index in group:
            joined = False
            for other in representatives:
                if _may_be_same(rows[index], rows[other]):
                    join(other, index)
                    joined = True
            if not joined:
                representatives.append(index)
    groups = defaultdict(list)
    for index in range(len(rows)):
        groups[root(index)].append(index)
    for members in groups.values():
        if len(members) > 1:
            lines = ", ".join(str(rows[index].line) for index in members)
            for index in members:
                rows[index].errors.append(_("The same person appears in rows %(lines)s.") % {"lines": lines})
