import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit, clock, versions
from core.scoping import Role
from schools.models import School, StaffTransfer, User

# Latin letters for user names made from Kyrgyz, Kazakh and Russian names.
TRANSLITERATION = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфцыэ", "abvgdeziyklmnoprstufcye", strict=True)),
        **{"ё": "yo", "ж": "zh", "х": "kh", "ч": "ch", "ш": "sh", "щ": "sch", "ю": "yu", "я": "ya", "ъ": "", "ь": ""},
        **{"ң": "ng", "ө": "o", "ү": "u", "ә": "a", "ғ": "g", "қ": "q", "ұ": "u", "һ": "h", "і": "i"},
    }
)
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class AccountError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@transaction.atomic
def staff_member_save(*, form, by):
    """Saves a staff form; a change of school is kept as a transfer so the person's history stays whole."""
    moved_from_id = form.initial.get("school") if form.instance.pk and "school" in form.changed_data else None
    is_new = form.instance.pk is None
    changes = audit.form_changes(form)
    staff_member = form.save()
    audit.record(staff_member, audit.Action.CREATED if is_new else audit.Action.CHANGED, actor=by, changes=changes)
    offices = {staff_member.school.office_id}
    if moved_from_id:
        transfer = StaffTransfer.objects.create(
            staff_member=staff_member,
            from_school=School.objects.get(pk=moved_from_id),
            to_school=staff_member.school,
            moved_on=clock.today(),
            recorded_by=by,
        )
        offices.add(transfer.from_school.office_id)
    versions.office_changed(offices)  # name, position, subjects, school and hire date are on cached pages
    return staff_member


def _username_for(staff_member):
    base = f"{staff_member.surname}.{staff_member.given_name[:1]}".lower().translate(TRANSLITERATION)
    base = "".join(ch for ch in base if ch.isascii() and (ch.isalnum() or ch == ".")) or "user"
    username, number = base, 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}{number}"
    return username


@transaction.atomic
def account_create_for_staff(*, staff_member, by):
    """A teacher account for a staff member, with a random first password that must be changed at first login."""
    if staff_member.user_id:
        raise AccountError(_("%(name)s has an account already.") % {"name": staff_member.full_name})
    password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(12))
    user = User.objects.create_user(
        username=_username_for(staff_member),
        password=password,
        email=staff_member.email,
        first_name=staff_member.given_name,
        last_name=staff_member.surname,
        role=Role.TEACHER,
        language=staff_member.preferred_language,
        must_change_password=True,
    )
    staff_member.user = user
    staff_member.save(update_fields=["user"])
    audit.record(staff_member, audit.Action.CHANGED, actor=by, changes={"user": [None, user.username]})
    return user, password
