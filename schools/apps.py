from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = _("Schools and staff")

    def ready(self):
        from django.contrib.auth import signals as auth_signals

        from schools import auth_log
        from schools.catalogue import ensure_subject_catalogue
        from schools.search import register_sqlite_functions

        post_migrate.connect(ensure_subject_catalogue, sender=self, dispatch_uid="ustat_subject_catalogue")
        connection_created.connect(register_sqlite_functions, dispatch_uid="ustat_sqlite_functions")
        auth_signals.user_logged_in.connect(auth_log.log_login, dispatch_uid="ustat_log_login")
        auth_signals.user_login_failed.connect(auth_log.log_login_failure, dispatch_uid="ustat_log_login_failed")
        auth_signals.user_logged_out.connect(auth_log.log_logout, dispatch_uid="ustat_log_logout")
