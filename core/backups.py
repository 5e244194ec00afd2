"""Backups of the database and the uploaded files, and their restore.

PostgreSQL goes through `pg_dump -Fc` / `pg_restore`; SQLite through its online backup API, which copies
a consistent snapshot while the site keeps running (a plain file copy of a live database can be torn).
Uploaded files (certificates, scans, photos) travel in the same folder as a tar archive.
"""

import json
import os
import sqlite3
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

DATABASE_FILE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


def _postgres_environment(database):
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return env


def postgres_arguments(database):
    """Connection options for the PostgreSQL command-line tools (a socket folder may come in OPTIONS)."""
    values = {
        "--host": database.get("HOST") or database.get("OPTIONS", {}).get("host"),
        "--port": database.get("PORT"),
        "--username": database.get("USER"),
    }
    return [part for option, value in values.items() if value for part in (option, str(value))]


def row_counts(alias="default"):
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in apps.get_models():
        table = model._meta.db_table
        if table in tables and not model._meta.proxy:
            counts[table] = model._base_manager.using(alias).count()
    return counts


def backup(folder, alias="default"):
    """Writes `folder/` with the database, the uploaded files and a manifest; returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=False)
    connection = connections[alias]
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        subprocess.run(
            [
                "pg_dump",
                "-Fc",
                "--no-owner",
                "-f",
                str(folder / DATABASE_FILE["postgresql"]),
                *postgres_arguments(database),
                database["NAME"],
            ],
            check=True,
            env=_postgres_environment(database),
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / DATABASE_FILE["sqlite"]) as target:
            connection.connection.backup(target)
    else:
        raise ValueError(f"No backup method for {connection.vendor}")
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname="media")
    manifest = {"vendor": connection.vendor, "created": datetime.now().isoformat(), "rows": row_counts(alias)}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return folder


def restore(folder, database=None, media_root=None):
    """Loads a backup into a database (the configured one unless given) and puts the files back."""
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    database = database or connections["default"].settings_dict
    vendor = "postgresql" if "postgresql" in database["ENGINE"] else "sqlite"
    if vendor != manifest["vendor"]:
        raise ValueError(f"This backup is of a {manifest['vendor']} database, not {vendor}.")
    if vendor == "postgresql":
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "-d",
                database["NAME"],
                *postgres_arguments(database),
                str(folder / DATABASE_FILE["postgresql"]),
            ],
            check=True,
            env=_postgres_environment(database),
        )
    else:
        connections.close_all()
        with sqlite3.connect(folder / DATABASE_FILE["sqlite"]) as source, sqlite3.connect(database["NAME"]) as target:
            source.backup(target)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar.gz") as archive:
        for member in archive.getmembers():
            if member.name == "media" or not member.name.startswith("media/"):
                continue
            member.name = member.name.removeprefix("media/")
            archive.extract(member, media_root, filter="data")
    return manifest
