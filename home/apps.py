from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The top layer: the homes and dashboards, composed from panels that the domain apps define."""

    name = "home"
    verbose_name = _("Home")
