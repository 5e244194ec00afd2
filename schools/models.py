"""Places and people: education offices, schools, subjects, staff members and user accounts."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import bounds, cells, clock
from core.scoping import NOTHING, Role, Scope, ScopedQuerySet, ScopePaths

LANGUAGE_CHOICES = [("ky", "Кыргызча"), ("kk", "Қазақша"), ("ru", "Русский")]


class Country(models.TextChoices):
    KYRGYZSTAN = "KG", _("Kyrgyzstan")
    KAZAKHSTAN = "KZ", _("Kazakhstan")


class TranslatedName(models.Model):
    """A name kept in Kyrgyz, Kazakh and Russian; `name` answers in the active language."""

    name_ky = models.CharField(_("name in Kyrgyz"), max_length=200)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        language = (get_language() or "ru")[:2]
        return getattr(self, f"name_{language}", "") or self.name_ru


class DistrictOffice(TranslatedName):
    TIME_ZONES = [
        ("Asia/Bishkek", "Asia/Bishkek"),
        ("Asia/Qyzylorda", "Asia/Qyzylorda"),
        ("Asia/Almaty", "Asia/Almaty"),
        ("Asia/Aqtobe", "Asia/Aqtobe"),
    ]

    region = models.CharField(_("region"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    code = models.CharField(
        _("short code"), max_length=6, unique=True, help_text=_("Printed in certificate serial numbers.")
    )
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TIME_ZONES, default="Asia/Bishkek")

    scope_paths = ScopePaths(office="pk")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("district education office")
        verbose_name_plural = _("district education offices")
        ordering = ["name_ru"]


class SchoolKind(models.TextChoices):
    GENERAL = "general", _("General school")
    GYMNASIUM = "gymnasium", _("Gymnasium")
    LYCEUM = "lyceum", _("Lyceum")
    PRESCHOOL = "preschool", _("Preschool organisation")
    OUT_OF_SCHOOL = "out_of_school", _("Out-of-school organisation")


class InstructionLanguage(models.TextChoices):
    KYRGYZ = "ky", _("Kyrgyz")
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    UZBEK = "uz", _("Uzbek")
    MIXED = "mixed", _("Several languages")


class SchoolQuerySet(ScopedQuerySet):
    def with_staff_counts(self):
        return self.annotate(staff_count=models.Count("staff", filter=models.Q(staff__is_active=True), distinct=True))


class School(models.Model):
    office = models.ForeignKey(
        DistrictOffice, verbose_name=_("education office"), on_delete=models.PROTECT, related_name="schools"
    )
    number = models.PositiveIntegerField(
        _("number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(bounds.LARGEST_SCHOOL_NUMBER)],
    )
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=SchoolKind.choices, default=SchoolKind.GENERAL)
    settlement = models.CharField(_("settlement"), max_length=150, blank=True)
    instruction_language = models.CharField(
        _("language of instruction"), max_length=10, choices=InstructionLanguage.choices
    )
    is_support_school = models.BooleanField(_("support school"), default=False)
    support_order_number = models.CharField(_("support school order number"), max_length=50, blank=True)
    support_order_date = models.DateField(
        _("support school order date"), null=True, blank=True, validators=[bounds.WITHIN_REACH]
    )
    updated_at = models.DateTimeField(auto_now=True)

    scope_paths = ScopePaths(office="office", school="pk")
    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["number", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "number"],
                condition=models.Q(number__isnull=False),
                name="school_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(number__isnull=True)
                | models.Q(number__gte=1, number__lte=bounds.LARGEST_SCHOOL_NUMBER),
                name="school_number_plausible",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("schools:school_detail", args=[self.pk])

    def clean(self):
        if self.is_support_school and not (self.support_order_number and self.support_order_date):
            raise ValidationError(_("A support school needs the number and date of the order that approved it."))

    @property
    def content_language(self):
        """The HTML language tag of what the school typed (its council's name), or "" when it teaches in several."""
        return "" if self.instruction_language == InstructionLanguage.MIXED else self.instruction_language


class Subject(TranslatedName):
    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("school subject")
        verbose_name_plural = _("school subjects")
        ordering = ["code"]


class Position(models.TextChoices):
    SUBJECT_TEACHER = "subject_teacher", _("Subject teacher")
    PRIMARY_TEACHER = "primary_teacher", _("Primary teacher")
    PRESCHOOL_EDUCATOR = "preschool_educator", _("Preschool educator")
    LIBRARIAN = "librarian", _("Librarian")
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    METHODIST = "methodist", _("Methodist")
    OTHER = "other", _("Other")


NAME_FIELDS = ("surname", "given_name", "patronymic")
POSITION_LABELS = dict(Position.choices)


class StaffQuerySet(ScopedQuerySet):
    def search(self, text):
        """Every word of `text` must occur in the full name, whatever its case, Cyrillic included.

        It reads the stored `search_name`, the full name as the imports compare names (`core.cells.name_key`:
        lowered, ё read as е): lowering the names in the query itself cost a call into Python for every person
        of the office on SQLite (about 14 of the district staff search's 34 ms)."""
        queryset = self
        for word in cells.name_key(text).split():
            queryset = queryset.filter(search_name__contains=word)
        return queryset

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for person in objs:
            person.search_name = person.name_key()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if set(fields) & set(NAME_FIELDS):
            objs = list(objs)
            for person in objs:
                person.search_name = person.name_key()
            fields = [*fields, "search_name"]
        return super().bulk_update(objs, fields, *args, **kwargs)


class StaffMember(models.Model):
    school = models.ForeignKey(School, verbose_name=_("school"), on_delete=models.PROTECT, related_name="staff")
    user = models.OneToOneField(
        "User",
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_member",
    )
    surname = models.CharField(_("surname"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=6,
        choices=[("female", _("Female")), ("male", _("Male"))],
        blank=True,
        help_text=_("Russian wording on certificates follows it; without it the wording needs no gender."),
    )
    position = models.CharField(_("position"), max_length=30, choices=Position.choices)
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjects taught"), blank=True)
    hire_date = models.DateField(_("hire date"), validators=[bounds.SINCE_1940])
    is_active = models.BooleanField(_("active"), default=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True)
    email_reminders = models.BooleanField(
        _("reminders by e-mail"),
        default=True,
        help_text=_("Course reminders (and, for a director, the monthly digest) by e-mail."),
    )
    personal_number = models.CharField(
        _("personal number"),
        max_length=14,
        blank=True,
        help_text=_("Kyrgyz PIN (14 digits) or Kazakh IIN (12 digits)."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    # The full name as names are compared (core.cells.name_key), kept by save(), bulk_create() and bulk_update()
    # (StaffQuerySet): what the search reads.
    search_name = models.CharField(max_length=302, editable=False, default="")

    scope_paths = ScopePaths(office="school__office", school="school", staff="pk")
    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["surname", "given_name", "patronymic", "pk"]
        indexes = [models.Index(fields=["school", "surname", "given_name"], name="staff_school_name_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["personal_number"],
                condition=~models.Q(personal_number=""),
                name="staff_personal_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(hire_date__gte=bounds.EARLIEST_DATE), name="staff_hire_date_plausible"
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, update_fields=None, **kwargs):
        self.search_name = self.name_key()
        if update_fields is not None and set(update_fields) & set(NAME_FIELDS):
            update_fields = {*update_fields, "search_name"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self):
        return reverse("schools:staff_detail", args=[self.pk])

    def get_position_display(self):
        # Django's own builds a dictionary of every choice on each call, and lists show it on every row.
        return POSITION_LABELS.get(self.position, self.position)

    def name_key(self):
        return cells.name_key(self.full_name)

    @property
    def full_name(self):
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)

    def years_since_hire(self, today=None):
        today = today or clock.today()
        years = today.year - self.hire_date.year
        if (today.month, today.day) < (self.hire_date.month, self.hire_date.day):
            years -= 1
        return years

    def clean(self):
        if self.hire_date and self.hire_date > clock.today():
            raise ValidationError({"hire_date": _("The hire date cannot be in the future.")})


class StaffTransfer(models.Model):
    """A move to another school; the person's records stay with the person."""

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="transfers")
    from_school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    to_school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    moved_on = models.DateField(_("moved on"))
    recorded_by = models.ForeignKey("User", on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("transfer to another school")
        verbose_name_plural = _("transfers to other schools")
        ordering = ["-moved_on", "-pk"]

    def __str__(self):
        return f"{self.staff_member}: {self.from_school} → {self.to_school}"


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    office = models.ForeignKey(
        DistrictOffice,
        verbose_name=_("education office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For district methodists."),
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For school directors and deputies."),
    )
    language = models.CharField(_("interface language"), max_length=2, choices=LANGUAGE_CHOICES, blank=True)
    must_change_password = models.BooleanField(
        _("must change password"), default=False, help_text=_("Set for accounts created with a first password.")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self):
        super().clean()
        if self.role == Role.METHODIST and not self.office_id:
            raise ValidationError({"office": _("A district methodist belongs to an education office.")})
        if self.role == Role.DIRECTOR and not self.school_id:
            raise ValidationError({"school": _("A director belongs to a school.")})

    @cached_property
    def scope(self):
        """What this user may see; computed once per request (the user object lives for one request)."""
        if not self.is_active:
            return NOTHING
        if self.is_superuser:
            return Scope(role=self.role, everything=True)
        if self.role == Role.METHODIST:
            # The office comes with the user row (core.backends), so its zone costs no query.
            zone = self.office.time_zone if self.office_id else ""
            return Scope(role=self.role, office_id=self.office_id, time_zone=zone)
        if self.role == Role.DIRECTOR and self.school_id:
            # The school and its office come with the user row (core.backends); elsewhere, two small queries.
            office = self.school.office
            return Scope(role=self.role, office_id=office.pk, school_id=self.school_id, time_zone=office.time_zone)
        if self.role == Role.TEACHER:
            staff = StaffMember.objects.filter(user=self).select_related("school__office").first()
            type(self).staff_member.related.set_cached_value(self, staff)  # pages asking for it next ask no more
            if staff:
                return Scope(
                    role=self.role,
                    office_id=staff.school.office_id,
                    school_id=staff.school_id,
                    staff_id=staff.pk,
                    time_zone=staff.school.office.time_zone,
                )
        return NOTHING

    def __str__(self):
        return " ".join(part for part in (self.last_name, self.first_name) if part) or self.username

    @cached_property
    def has_staff_record(self):
        """Whether a staff record belongs to this account; core.backends reads it with the user row."""
        if hasattr(self, "staff_record_id"):
            return self.staff_record_id is not None
        return StaffMember.objects.filter(user=self).exists()

    @property
    def is_methodist(self):
        return self.scope.role == Role.METHODIST

    @property
    def is_director(self):
        return self.scope.role == Role.DIRECTOR

    @property
    def is_teacher(self):
        return self.scope.role == Role.TEACHER
