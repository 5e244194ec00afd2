from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodcouncilConfig(AppConfig):
    name = "methodcouncil"
    verbose_name = _("Methodical council")
