from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = _("Schools and staff")

    def ready(self):
        from schools.search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="ustat_sqlite_functions")
