"""`make bench`: server time and query counts of the main pages, and the certificate figures.

Usage: python -m bench [--scale school|district|country] [--repeat N] [--skip-pages] [--skip-rules] [--skip-imports]
                       [--walk] [--load-seconds N]
       python -m bench --certificates-only [--rounds N] [--certificates N]   (the certificates against LibreOffice)
The database comes from DATABASE_URL (the Makefile runs it on SQLite and on a throw-away PostgreSQL);
without it, a fresh SQLite file under var/ is used. Results go to bench-results/ as Markdown and CSV.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", default="district", choices=["school", "district", "country"])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--skip-certificates", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-imports", action="store_true")
    parser.add_argument("--skip-rules", action="store_true", help="Leave out the what-if and recomputation figures.")
    parser.add_argument(
        "--certificates-only",
        action="store_true",
        help="Only the certificate figures (on the school scale unless --scale says otherwise).",
    )
    parser.add_argument("--rounds", type=int, default=4, help="Rounds of Ustat against LibreOffice, each side.")
    parser.add_argument("--certificates", type=int, default=200, help="Certificates in the batch against LibreOffice.")
    parser.add_argument("--load-seconds", type=int, default=0, help="Run the gunicorn + wrk load run this long.")
    parser.add_argument("--walk", action="store_true", help="Also time every page a walk from the home page reaches.")
    args = parser.parse_args()
    if args.certificates_only:
        args.skip_pages = args.skip_imports = args.skip_rules = True
        args.skip_certificates = False
        args.load_seconds = 0
        if "--scale" not in sys.argv:
            args.scale = "school"

    sys.path.insert(0, str(ROOT))
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / f"bench-{args.scale}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ustat.settings")
    os.environ["DJANGO_DEBUG"] = "true"  # plain HTTP for the test client; DEBUG itself is switched off below

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    from django.db import connection

    from bench.certificates import certificate_figures
    from bench.imports import import_figures
    from bench.load import load_figures
    from bench.plans import plan_figures
    from bench.report import Report
    from bench.rules import rule_figures
    from bench.runs import compare_with_district, generate_data, page_figures
    from bench.walk import walk_figures

    vendor = connection.vendor
    name = f"{args.scale}-{vendor}" + ("-certificates" if args.certificates_only else "")
    report = Report(ROOT / "bench-results", name)
    report.note(f"Scale {args.scale} on {vendor}")
    generate_data(report, args.scale)
    if not args.certificates_only:
        plan_figures(report)
    if not args.skip_pages:
        page_figures(report, args.repeat)
        if args.scale == "country":
            compare_with_district(report, ROOT / "bench-results", vendor)
    if args.walk:
        walk_figures(report)
    if not args.skip_rules:
        rule_figures(report)
    if args.load_seconds:
        load_figures(report, args.load_seconds)
    if not args.skip_certificates:
        certificate_figures(report, args.rounds, args.certificates)
    if not args.skip_imports:
        # Last: it adds a school of 5,000 people to the first office.
        import_figures(report)
    report.write()


if __name__ == "__main__":
    main()
