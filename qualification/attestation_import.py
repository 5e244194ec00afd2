"""Attestation results from a spreadsheet: the exchange file's key and its three attestation columns.

A national system (or the office's own list) hands back, for each personal number, the category awarded, the
day and the order. Each row is checked and shown first as new, changed, unchanged or an error; confirming
writes every row or, if any row has an error, none. The methodist imports: attestation results are awarded
by the office's order, and the file covers the whole office, which a school director does not see.

It reads the sheet, keeps the upload and refuses a file or a confirmation with the shared tabular engine
(`core.tabular`); its rows are its own, keyed by personal number rather than by name.
"""

import itertools
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core import audit, clock
from core.cells import RowProblem, clean_text, header_key, name_key, parse_date, parse_personal_number
from core.exports import FORMULA_STARTS
from core.tabular import HEADER_SEARCH_ROWS, ImportFileError, ImportRefused, read_sheet, too_many_rows
from qualification.exchange import COLUMNS, IMPORTED
from qualification.models import Attestation, AttestationCategory
from qualification.renewal import standing_changed
from schools.models import StaffMember

HEADER_LANGUAGES = ("ky", "kk", "ru", "en")  # a file exported in one language is read back in any other
TITLES = {column.key: column.title for column in COLUMNS}


@dataclass
class Row:
    line: int
    personal_number: str = ""
    category_text: str = ""
    awarded_on: date | None = None
    order_number: str = ""
    person: StaffMember | None = None
    category: AttestationCategory | None = None
    existing: Attestation | None = None  # the person's attestation of the same day, if one is recorded
    errors: list = field(default_factory=list)
    date_unreadable: bool = False

    @property
    def is_empty(self):
        """A person the file names without an attestation result: nothing to record (an import never deletes)."""
        return not (self.category_text or self.awarded_on or self.order_number)

    @property
    def state(self):
        if self.errors:
            return "error"
        if self.is_empty or not self.changes:
            return "unchanged"
        return "new" if self.existing is None else "changed"

    @property
    def changes(self):
        """[(title, old, new)] of what confirming would write."""
        if self.errors or self.is_empty:
            return []
        old = self.existing
        pairs = [
            ("category", old.category.name if old else "", self.category.name),
            ("category_date", old.awarded_on if old else None, self.awarded_on),
            ("order", old.order_number if old else "", self.order_number),
        ]
        return [(TITLES[key], before, after) for key, before, after in pairs if before != after]


@dataclass
class Preview:
    rows: list

    @property
    def counts(self):
        counts = dict.fromkeys(("new", "changed", "unchanged", "error"), 0)
        for row in self.rows:
            counts[row.state] += 1
        return counts

    @property
    def has_errors(self):
        return any(row.errors for row in self.rows)

    warning_count = 0  # a result is right or wrong: nothing here warns

    def rows_to_show(self, show):
        return self.rows if show == "all" else [row for row in self.rows if row.state == show]


# Reading ------------------------------------------------------------------------------------------------------


def _header_keys():
    keys = {}
    for language in HEADER_LANGUAGES:
        with translation.override(language):
            for column in COLUMNS:
                keys[header_key(str(column.title))] = column.key
    return keys


def _sheet(data):
    sheet = read_sheet(data)
    if sheet.truncated:
        raise too_many_rows()
    keys = _header_keys()
    for position, (_line, cells) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        index = {}
        for column_number, cell in enumerate(cells):
            key = keys.get(header_key(cell)) if cell is not None else None
            if key in IMPORTED and key not in index:
                index[key] = column_number
        if "personal_number" in index:
            missing = [str(TITLES[key]) for key in IMPORTED if key not in index]
            if missing:
                raise ImportFileError(
                    _("The file lacks these columns: %(columns)s. Start from the exported file.")
                    % {"columns": ", ".join(missing)},
                    "missing_columns",
                )
            return index, sheet.rows[position + 1 :]
    raise ImportFileError(
        _("No column “%(column)s” was found. Start from the exported file: its first row names the columns.")
        % {"column": TITLES["personal_number"]},
        "no_header",
    )


def _read_row(line, cells, index):
    row = Row(line)

    def cell(key):
        number = index[key]
        return cells[number] if number < len(cells) else None

    try:
        row.personal_number = parse_personal_number(cell("personal_number"))
    except RowProblem as problem:
        row.errors.append(problem.message)
    else:
        if not row.personal_number:
            row.errors.append(_("Give the personal number: it says whose result this is."))
    try:
        row.awarded_on = parse_date(cell("category_date"))
    except RowProblem as problem:
        row.errors.append(problem.message)
        row.date_unreadable = True
    row.category_text = clean_text(cell("category"))
    order = clean_text(cell("order"))
    if order.startswith("'") and order[1:2].startswith(FORMULA_STARTS):
        order = order[1:]  # the apostrophe the CSV export puts before text a spreadsheet would run as a formula
    row.order_number = order[:60]
    return row


# Checking -----------------------------------------------------------------------------------------------------


def _categories(office_id):
    """The office's categories by any of their names or their code, as people write them."""
    found = {}
    for category in AttestationCategory.objects.filter(office_id=office_id):
        for text in (category.code, category.name_ky, category.name_kk, category.name_ru):
            found.setdefault(name_key(clean_text(text)), category)
    return found


def _check(row, people, categories, today, seen):
    if row.personal_number:
        if row.personal_number in seen:
            row.errors.append(
                _("This personal number is in row %(line)s already.") % {"line": seen[row.personal_number]}
            )
        seen.setdefault(row.personal_number, row.line)
        row.person = people.get(row.personal_number)
        if row.person is None:
            row.errors.append(_("Nobody of your education office has this personal number."))
    if row.is_empty:
        return
    if not row.category_text:
        row.errors.append(_("Give the category awarded."))
    else:
        row.category = categories.get(name_key(row.category_text))
        if row.category is None:
            names = sorted({category.name for category in categories.values()})
            row.errors.append(
                _("“%(value)s” is not a category of your office; write one of: %(names)s.")
                % {"value": row.category_text, "names": ", ".join(names)}
            )
    if row.awarded_on is None and not row.date_unreadable:
        row.errors.append(_("Give the day the category was awarded."))
    elif row.awarded_on and row.awarded_on > today:
        row.errors.append(_("An attestation is recorded after it took place."))


def import_preview(*, data, user):
    """Every row of the file checked against what is stored now; nothing is written."""
    office_id = user.scope.office_id
    index, raw_rows = _sheet(data)
    rows = [_read_row(line, cells, index) for line, cells in raw_rows]
    numbers = sorted({row.personal_number for row in rows if row.personal_number})
    people = {}
    for chunk in itertools.batched(numbers, 2000):
        staff = StaffMember.objects.for_user(user).filter(school__office_id=office_id, personal_number__in=chunk)
        people.update((person.personal_number, person) for person in staff.select_related("school"))
    recorded = {}
    attestations = Attestation.objects.filter(staff_member__in=list(people.values())).select_related("category")
    for attestation in attestations.order_by("pk"):
        recorded[(attestation.staff_member_id, attestation.awarded_on)] = attestation  # the newest of a day wins
    categories, today, seen = _categories(office_id), clock.today(), {}
    for row in rows:
        _check(row, people, categories, today, seen)
        if row.person and row.awarded_on:
            row.existing = recorded.get((row.person.pk, row.awarded_on))
    return Preview(rows)


@transaction.atomic
def import_apply(*, data, user):
    """Writes every new and changed result, with its history, or nothing when any row has an error."""
    preview = import_preview(data=data, user=user)  # checked again against what is stored now
    if preview.has_errors:
        raise ImportRefused(preview)
    created, changed = [], []
    for row in preview.rows:
        if row.state == "new":
            created.append(
                Attestation(
                    staff_member=row.person,
                    category=row.category,
                    awarded_on=row.awarded_on,
                    order_number=row.order_number,
                    created_by=user,
                )
            )
        elif row.state == "changed":
            old = row.existing
            changed.append(
                (
                    old,
                    {
                        "category": (old.category, row.category),
                        "order_number": (old.order_number, row.order_number),
                    },
                )
            )
            old.category, old.order_number = row.category, row.order_number
    Attestation.objects.bulk_create(created, batch_size=500)
    Attestation.objects.bulk_update([old for old, _changes in changed], ["category", "order_number"], batch_size=500)
    new_values = [
        (
            item,
            {
                "category": (None, item.category),
                "awarded_on": (None, item.awarded_on),
                "order": ("", item.order_number),
            },
        )
        for item in created
    ]
    audit.record_changes(new_values, actor=user, action=audit.Action.CREATED)
    audit.record_changes(
        [(old, {name: pair for name, pair in changes.items() if pair[0] != pair[1]}) for old, changes in changed],
        actor=user,
    )
    standing_changed(staff_member_ids=[row.person.pk for row in preview.rows if row.state in ("new", "changed")])
    return preview.counts
