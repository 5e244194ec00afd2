"""The demo accounts: one published password, and who each login is (the README's demo-logins table)."""

from functools import cache, partial

from django.contrib.auth.hashers import make_password

from core.scoping import Role
from schools.models import Position, StaffMember, User

DEMO_PASSWORD = "ustat-demo-2026"

DEMO_LOGINS = [
    ("methodist", "District methodist of the Ala-Buka district education office (Kyrgyz interface)"),
    ("methodist.kz", "Methodist of the Kyzylorda city education office (Kazakh interface)"),
    ("director", "Director of school No. 2, Ala-Buka, a support school"),
    ("teacher", "Mathematics teacher at school No. 2, Ala-Buka; council secretary; a mentee"),
    ("mentor", "The demo teacher's mentor (natural and exact subjects), school No. 2, Ala-Buka"),
    ("director.kz", "Director of IT lyceum No. 278, Kyzylorda"),
    ("admin", "Site administrator: sees everything, opens /admin/"),
]

# Hashing takes about a second, so it happens at most once, and only if an account is new: get_or_create
# calls a callable default only when it creates.
demo_password_hash = cache(partial(make_password, DEMO_PASSWORD))

# The methodists have no staff record: they work at the office, not at a school.
METHODISTS = [
    ("methodist", "АБ", "Жаныл", "Бусурманкулова", "ky"),
    ("methodist.kz", "ҚО", "Гүлнар", "Тәжібаева", "kk"),
]
# (login, office, school number, position, language, e-mail): the staff member a login belongs to.
STAFF_LOGINS = [
    # The monthly digest goes to the director's address (printed to the console by `make run`).
    ("director", "АБ", 2, Position.DIRECTOR, "ky", "director@ala-buka.example"),
    ("teacher", "АБ", 2, Position.SUBJECT_TEACHER, "ky", ""),
    ("director.kz", "ҚО", 278, Position.DIRECTOR, "kk", "director@kyzylorda.example"),
]
ROLES = {Position.DIRECTOR: Role.DIRECTOR, Position.SUBJECT_TEACHER: Role.TEACHER}


def demo_user(username, staff_member=None, **fields):
    """Creates the account once; a rerun leaves its password and any later edits alone."""
    fields.setdefault("password", demo_password_hash)
    if staff_member is not None:
        fields.update(first_name=staff_member.given_name, last_name=staff_member.surname)
    user, _ = User.objects.get_or_create(username=username, defaults=fields)
    if staff_member is not None and staff_member.user_id is None and not StaffMember.objects.filter(user=user).exists():
        staff_member.user = user
        staff_member.save(update_fields=["user"])
    return user
