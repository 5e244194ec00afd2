from django.core.management.base import BaseCommand, CommandError

from core.backups import restore


class Command(BaseCommand):
    help = "Restores a backup made by `manage.py backup` into the configured database and media folder."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing the current data.")

    def handle(self, *args, **options):
        if not options["yes"] and input("This replaces the current database and files. Type 'yes': ") != "yes":
            raise CommandError("Nothing restored.")
        manifest = restore(options["folder"])
        total = sum(manifest["rows"].values())
        self.stdout.write(self.style.SUCCESS(f"Restored {total:,} rows from {manifest['created']}."))
