from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.backups import backup


class Command(BaseCommand):
    help = "Backs up the database (pg_dump or SQLite's online backup) and the uploaded files into one folder."

    def add_arguments(self, parser):
        default = Path(settings.BASE_DIR) / "var" / "backups" / datetime.now().strftime("ustat-%Y%m%d-%H%M%S")
        parser.add_argument("--output", default=str(default), help="Folder to create (must not exist).")

    def handle(self, *args, **options):
        folder = backup(options["output"])
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
