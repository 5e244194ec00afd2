import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from schools.demo import DEMO_LOGINS
from schools.models import User

# The demo is seeded in these steps, in this order: the one place a new step is added (a domain app's
# `demo` package or module).
# A step may use what the steps above it created; it creates only what is missing, so running it again
# changes nothing, and it returns {label: count} for the summary.
SEEDERS = [
    "schools.demo.seed_schools",  # offices, schools, staff, the demo accounts
    "qualification.demo.seed_qualification",  # providers, courses, course records
    "certificates.demo.seed_certificates",  # each office's signatory
    "qualification.demo.seed_course_certificates",  # a few certificates for confirmed courses
    "mentorship.demo.seed_mentorship",  # tracks, mentors, pairs, activities, the mentor's login
    "mentorship.demo.seed_mentorship_evidence",  # the mentors' year of logs: meetings and lesson visits
    "methodcouncil.demo.seed_methodcouncil",  # councils, meetings, decisions
    "partners.demo.seed_partners",  # the league, partner organisations
]


class Command(BaseCommand):
    help = "Fills the database with the demo offices, schools, staff and accounts. Safe to run again."

    def handle(self, *args, **options):
        started = time.monotonic()
        counts = {}
        with transaction.atomic():
            for path in SEEDERS:
                counts.update(import_string(path)())
        # Counted again at the end: a later step creates a demo account too (the mentor's).
        counts["demo users"] = User.objects.filter(username__in=[username for username, _ in DEMO_LOGINS]).count()
        summary = ", ".join(f"{count:,} {label}" for label, count in counts.items())
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {elapsed:.1f} s: {summary}."))
