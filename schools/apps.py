from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = _("Schools and staff")

    def ready(self):
        from schools.catalogue import ensure_subject_catalogue

        post_migrate.connect(ensure_subject_catalogue, sender=self, dispatch_uid="ustat_subject_catalogue")
