from django.core.management.base import BaseCommand

from qualification.reminders import send_reminders
from qualification.renewal import refresh_offices_with_a_new_rule


class Command(BaseCommand):
    help = "E-mails people whose 72-hour course is due soon or overdue, and a digest to each director. Run daily."

    def handle(self, *args, **options):
        refreshed = refresh_offices_with_a_new_rule()
        personal, digests = send_reminders()
        self.stdout.write(
            f"Offices recomputed under a new rule: {len(refreshed)}; reminders sent: {personal}; digests: {digests}."
        )
