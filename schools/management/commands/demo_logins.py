from django.core.management.base import BaseCommand

from schools.demo import DEMO_LOGINS, DEMO_PASSWORD
from schools.models import User

URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Prints the demo accounts and their password."

    def handle(self, *args, **options):
        existing = set(
            User.objects.filter(username__in=[name for name, _ in DEMO_LOGINS]).values_list("username", flat=True)
        )
        width = max(len(name) for name, _ in DEMO_LOGINS)
        self.stdout.write(f"Ustat demo at {URL}, every account's password: {DEMO_PASSWORD}")
        self.stdout.write("")
        self.stdout.write(f"  {'username':<{width}}  {'password':<{len(DEMO_PASSWORD)}}  who")
        for username, description in DEMO_LOGINS:
            missing = "" if username in existing else "  (not created yet: run `manage.py seed_demo`)"
            self.stdout.write(f"  {username:<{width}}  {DEMO_PASSWORD}  {description}{missing}")
        self.stdout.write("")
