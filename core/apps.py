from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel every app stands on: scoping, audit, uploads, exports, dates, search, charts, forms.

    It imports no domain app; `tests/test_layers.py` reads the imports to keep it so.
    """

    name = "core"
    verbose_name = _("Ustat kernel")

    def ready(self):
        from django.contrib.auth import signals as auth_signals

        from core import auth_log
        from core.search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="ustat_sqlite_functions")
        auth_signals.user_logged_in.connect(auth_log.log_login, dispatch_uid="ustat_log_login")
        auth_signals.user_login_failed.connect(auth_log.log_login_failure, dispatch_uid="ustat_log_login_failed")
        auth_signals.user_logged_out.connect(auth_log.log_logout, dispatch_uid="ustat_log_logout")
