# Kyrgyz formats as written in official documents: "22-ноябрь 2026-ж." (Django's own writes "22 Ноябрь
# 2026 ж."). Month names come in lower case from our catalog.
from django.conf.locale.ky.formats import *  # noqa: F403

DATE_FORMAT = "j-E Y-ж."
DATETIME_FORMAT = "j-E Y-ж. H:i"
YEAR_MONTH_FORMAT = "F Y-ж."
MONTH_DAY_FORMAT = "j-E"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
