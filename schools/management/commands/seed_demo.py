import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app that has demo data adds its seeding function here, after the ones its data depends on.
# A seeder creates only what is missing (running it again changes nothing) and returns {label: count}.
SEEDERS = [
    "schools.demo.seed_schools",
    "qualification.demo.seed_qualification",
    "certificates.demo.seed_certificates",
    "mentorship.demo.seed_mentorship",
    "methodcouncil.demo.seed_methodcouncil",
    "partners.demo.seed_partners",
]


class Command(BaseCommand):
    help = "Fills the database with the demo offices, schools, staff and accounts. Safe to run again."

    def handle(self, *args, **options):
        started = time.monotonic()
        counts = {}
        with transaction.atomic():
            for path in SEEDERS:
                counts.update(import_string(path)())
        summary = ", ".join(f"{count:,} {label}" for label, count in counts.items())
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {elapsed:.1f} s: {summary}."))
