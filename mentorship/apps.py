from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipConfig(AppConfig):
    name = "mentorship"
    verbose_name = _("Mentorship")

    def ready(self):
        from certificates import sources
        from mentorship import periods
        from mentorship.certificates import SOURCE

        sources.register(SOURCE)
        periods.connect()
