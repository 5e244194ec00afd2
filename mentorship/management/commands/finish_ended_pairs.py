from django.core.management.base import BaseCommand

from core import clock
from mentorship.models import Pair
from mentorship.periods import finish_ended_pairs
from schools.models import DistrictOffice


class Command(BaseCommand):
    help = "Finishes the mentor–mentee pairs whose period ended before today, each office on its own date. Run daily."

    def handle(self, *args, **options):
        total = 0
        for office in DistrictOffice.objects.order_by("pk"):
            total += finish_ended_pairs(
                today=clock.today(office.time_zone or None), pairs=Pair.objects.filter(track__office=office)
            )
        self.stdout.write(f"{total} pairs finished")
