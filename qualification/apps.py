from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualificationConfig(AppConfig):
    name = "qualification"
    verbose_name = _("Qualification")

    def ready(self):
        from certificates import sources
        from qualification.certificates import SOURCE

        sources.register(SOURCE)
        from django.db.models.signals import post_save

        from schools.models import DistrictOffice

        post_save.connect(_new_office_gets_categories, sender=DistrictOffice, dispatch_uid="attestation-categories")


def _new_office_gets_categories(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from qualification.models import ensure_categories

        ensure_categories(instance)
