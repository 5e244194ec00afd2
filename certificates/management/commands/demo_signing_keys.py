import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError

from certificates.demo_keys import ensure_demo_keys
from schools.demo.places import ALA_BUKA, KYZYLORDA
from schools.models import DistrictOffice


class Command(BaseCommand):
    help = (
        "Creates the demo certificate authority and a signing key for each demo office (and each office in the "
        "database) under USTAT_SIGNING_DIR, where they are missing. Safe to run again."
    )

    def handle(self, *args, **options):
        offices = {spec["code"]: (spec["code"], spec["name_ru"], spec["country"]) for spec in (ALA_BUKA, KYZYLORDA)}
        try:
            for office in DistrictOffice.objects.all():
                offices.setdefault(office.code, (office.code, office.name_ru, office.country))
        except DatabaseError:  # before the first migration: the demo offices are enough
            pass
        folder = settings.USTAT_SIGNING_DIR
        made = ensure_demo_keys(folder, offices.values(), passphrase=os.environ.get("USTAT_SIGNING_PASSPHRASE"))
        if made:
            self.stdout.write(f"Demo signing keys written to {folder}: {', '.join(path.name for path in made)}.")
