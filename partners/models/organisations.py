"""Partner organisations, what they contribute, and which of them provide courses."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import bounds, clock
from core.scoping import ScopedQuerySet, ScopePaths
from qualification.models import Course, Provider
from schools.models import DistrictOffice, School


class OrganisationKind(models.TextChoices):
    STATE = "state", _("State body")
    DONOR = "donor", _("International donor")
    NGO = "ngo", _("Non-governmental organisation")
    TRAINING = "training", _("Training provider")
    BUSINESS = "business", _("Business")


class PartnerOrganisation(models.Model):
    office = models.ForeignKey(
        DistrictOffice, verbose_name=_("education office"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=10, choices=OrganisationKind.choices)
    is_archived = models.BooleanField(
        _("archived"), default=False, help_text=_("No longer a partner: kept with its contributions, out of the list.")
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    contacts = models.TextField(
        _("contacts"), blank=True, help_text=_("Contact person, phone, e-mail, website: whatever helps reach them.")
    )

    scope_paths = ScopePaths(office="office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"],
                name="partner_name_unique",
                violation_error_message=_("The office already has a partner organisation of this name."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:organisation_detail", args=[self.pk])


class ContributionKind(models.TextChoices):
    EQUIPMENT = "equipment", _("Equipment")
    PROGRAMME = "programme", _("Programme")
    TRAININGS = "trainings", _("Trainings")
    FUNDING = "funding", _("Funding")


class Currency(models.TextChoices):
    KGS = "KGS", _("som (KGS)")
    KZT = "KZT", _("tenge (KZT)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("euro (EUR)")


class Contribution(models.Model):
    history_parent = "organisation"

    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("what was given"), max_length=10, choices=ContributionKind.choices)
    description = models.TextField(_("description"))
    schools = models.ManyToManyField(
        School, verbose_name=_("schools"), blank=True, related_name="partner_contributions"
    )
    courses = models.ManyToManyField(
        Course, verbose_name=_("courses"), blank=True, related_name="partner_contributions"
    )
    given_on = models.DateField(_("date"), validators=[bounds.SINCE_1940])
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)

    scope_paths = ScopePaths(office="organisation__office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-given_on", "-pk"]

    def __str__(self):
        return f"{self.organisation}: {self.get_kind_display()}"

    def clean(self):
        errors = {}
        if self.given_on and self.given_on > clock.today():
            errors["given_on"] = ValidationError(_("The date cannot be in the future."), code="future")
        if self.value is not None and not self.currency:
            errors["currency"] = ValidationError(_("Give the currency of the value."), code="currency")
        if self.currency and self.value is None:
            errors["value"] = ValidationError(_("Give the value, or leave the currency empty."), code="value")
        if errors:
            raise ValidationError(errors)


class ProviderLink(models.Model):
    """Ties a course provider of the qualification catalogue to the partner organisation behind it."""

    history_parent = "organisation"

    provider = models.OneToOneField(
        Provider, verbose_name=_("course provider"), on_delete=models.CASCADE, related_name="partner_link"
    )
    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="provider_links")

    scope_paths = ScopePaths(office="organisation__office")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("linked course provider")
        verbose_name_plural = _("linked course providers")

    def __str__(self):
        return f"{self.organisation} — {self.provider}"

    def clean(self):
        if self.provider_id and self.organisation_id and self.provider.office_id != self.organisation.office_id:
            raise ValidationError(
                {"provider": _("The provider must belong to the same education office.")}, code="office"
            )
