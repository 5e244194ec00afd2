"""Certificates: snapshots printed once, kept for good, and verifiable by anyone from their code."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.scoping import ScopedQuerySet, ScopePaths
from schools.models import DistrictOffice, StaffMember

# Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 16 × 5 bits = 80 random bits
TYPO_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_verification_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text):
    """The canonical XXXX-XXXX-XXXX-XXXX form of what someone typed, or None if it cannot be a code."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum()).translate(TYPO_FIXES)
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


class CertificateKind(models.TextChoices):
    COURSE = "course", _("Course completion")
    RETRAINING = "retraining", _("Retraining diploma")
    MENTORSHIP = "mentorship", _("Mentorship")
    PARTICIPATION = "participation", _("Participation")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


class Layout(models.TextChoices):
    KYRGYZ = "ky", _("Kyrgyz")
    KAZAKH = "kk", _("Kazakh")
    RUSSIAN = "ru", _("Russian")
    KYRGYZ_RUSSIAN = "ky+ru", _("Kyrgyz and Russian")
    KAZAKH_RUSSIAN = "kk+ru", _("Kazakh and Russian")

    @classmethod
    def languages(cls, layout):
        return layout.split("+")


class CertificateSettings(models.Model):
    """What an office prints on its certificates: who signs, and in which languages by default."""

    office = models.OneToOneField(DistrictOffice, on_delete=models.CASCADE, related_name="certificate_settings")
    signatory_name = models.CharField(_("signatory's name"), max_length=200)
    signatory_title = models.CharField(_("signatory's title"), max_length=200)
    # The title in each language of a bilingual layout; a language left empty prints `signatory_title`.
    signatory_title_ky = models.CharField(_("signatory's title in Kyrgyz"), max_length=200, blank=True)
    signatory_title_kk = models.CharField(_("signatory's title in Kazakh"), max_length=200, blank=True)
    signatory_title_ru = models.CharField(_("signatory's title in Russian"), max_length=200, blank=True)
    default_layout = models.CharField(_("default language layout"), max_length=5, choices=Layout.choices)
    # Where the office's signing key is (a PKCS#12 file on the server), set by an administrator; empty means
    # USTAT_SIGNING_DIR/<office code>.p12. The key itself and its passphrase are never stored here.
    signing_keystore = models.CharField(
        _("signing key file"),
        max_length=500,
        blank=True,
        help_text=_("Path on the server of the PKCS#12 file the national authority issued to the office."),
    )

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")

    def __str__(self):
        return str(self.office)


class SerialCounter(models.Model):
    """The last serial number used by an office in a year; taken under a row lock so numbers never repeat."""

    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="serial_counter_unique")]

    def __str__(self):
        return f"{self.office_id}/{self.year}: {self.last}"


class CertificateQuerySet(ScopedQuerySet):
    def current(self):
        return self.filter(is_current=True)


class Certificate(models.Model):
    office = models.ForeignKey(DistrictOffice, on_delete=models.PROTECT, related_name="certificates")
    serial = models.CharField(_("serial number"), max_length=30, unique=True)
    code = models.CharField(_("verification code"), max_length=19, unique=True, default=new_verification_code)
    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    holder = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="certificates")
    course_record = models.ForeignKey(
        "qualification.CourseRecord", on_delete=models.PROTECT, null=True, blank=True, related_name="certificates"
    )
    mentor_appointment = models.ForeignKey(
        "mentorship.MentorAppointment", null=True, blank=True, on_delete=models.PROTECT, related_name="certificates"
    )
    # The snapshot: what was printed, as it was on the day of issue.
    holder_name = models.CharField(_("holder's name as printed"), max_length=300)
    holder_gender = models.CharField(max_length=6, blank=True)
    title = models.CharField(_("title"), max_length=300)
    title_ky = models.CharField(max_length=300, blank=True)
    title_kk = models.CharField(max_length=300, blank=True)
    title_ru = models.CharField(max_length=300, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    office_name_ky = models.CharField(max_length=200)
    office_name_kk = models.CharField(max_length=200)
    office_name_ru = models.CharField(max_length=200)
    signatory_name = models.CharField(_("signatory's name"), max_length=200)
    signatory_title = models.CharField(_("signatory's title"), max_length=200)
    signatory_title_ky = models.CharField(max_length=200, blank=True)
    signatory_title_kk = models.CharField(max_length=200, blank=True)
    signatory_title_ru = models.CharField(max_length=200, blank=True)
    layout = models.CharField(_("language layout"), max_length=5, choices=Layout.choices)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pdf = models.FileField(upload_to="certificates/%Y/", blank=True)
    # Its life afterwards.
    is_current = models.BooleanField(default=True, help_text="False once revoked or superseded.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="holder__school__office", school="holder__school", staff="holder")
    # What the history records besides fields: (label, choices) for core.audit.labelled_changes.
    history_fields = {"status": (_("Status"), CertificateStatus.choices)}
    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course_record"], condition=models.Q(is_current=True), name="one_current_certificate_per_record"
            ),
            models.UniqueConstraint(
                fields=["mentor_appointment"],
                condition=models.Q(is_current=True),
                name="one_current_certificate_per_appointment",
            ),
        ]

    def __str__(self):
        return self.serial

    def get_absolute_url(self):
        return reverse("certificates:detail", args=[self.pk])

    def get_verification_url(self):
        return settings.USTAT_PUBLIC_BASE_URL + reverse("verify_code", args=[self.code])

    @property
    def office_name(self):
        language = (get_language() or "ru")[:2]
        return getattr(self, f"office_name_{language}", "") or self.office_name_ru

    @property
    def status(self):
        if self.revoked_at:
            return CertificateStatus.REVOKED
        if not self.is_current:
            return CertificateStatus.SUPERSEDED
        return CertificateStatus.VALID

    def text_in(self, field, language):
        """A snapshot text in one language: its own wording for that language, else the wording as entered."""
        return getattr(self, f"{field}_{language}", "") or getattr(self, field)

    def download_name(self):
        return f"{self.serial} {self.holder_name}.pdf"


class IssueBatch(models.Model):
    """Many certificates issued in one action; a background task fills it and leaves the print files."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being issued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    office = models.ForeignKey(DistrictOffice, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    layout = models.CharField(max_length=5, choices=Layout.choices)
    record_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    certificates = models.ManyToManyField(Certificate, blank=True, related_name="+")
    merged_pdf = models.FileField(upload_to="certificate-batches/", blank=True)
    zip_file = models.FileField(upload_to="certificate-batches/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.pk}: {self.done}/{self.total}"


class WrongGuesses(models.Model):
    """Unknown codes tried from one address in the current window: the verification page's rate limit.

    Counted by one UPDATE per wrong guess, so two guesses at the same moment are both counted (a cache's
    add-then-increment loses one when the window ends between the two).
    """

    address = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_ends = models.DateTimeField()

    def __str__(self):
        return f"{self.address}: {self.count}"
