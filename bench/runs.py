import csv
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.generate import generate


def _timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def generate_data(report, scale):
    elapsed, counts = _timed(lambda: generate(scale))
    report.add("data generated", elapsed / 1000, "s", ", ".join(f"{v:,} {k}" for k, v in counts.items()))


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _measure(client, url, repeat, before_each=None):
    client.get(url)  # warm caches and the session
    times = []
    for _ in range(repeat):
        if before_each:
            before_each()
        elapsed, response = _timed(lambda: client.get(url))
        assert response.status_code == 200, (url, response.status_code)
        times.append(elapsed)
    if before_each:
        before_each()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return times, len(queries)


def _page(report, client, label, url, repeat, before_each=None):
    times, queries = _measure(client, url, repeat, before_each)
    report.add(
        f"{label}: median",
        statistics.median(times),
        "ms",
        f"p95 {_percentile(times, 0.95):.1f} ms, {queries} queries",
    )


YARDSTICK = "minimal page (no database), before and after the pages: median"


def page_figures(report, repeat):
    from core import versions
    from schools.models import User

    director = Client()
    director.force_login(User.objects.get(username="bench-director"))
    methodist = Client()
    methodist.force_login(User.objects.get(username="bench-methodist-0"))
    report.note("Pages (Django test client, server time)")
    # The machine's speed drifts between runs; the sign-in page of an anonymous visitor (no database),
    # measured around the pages, shows how far.
    anonymous = Client()
    yardstick = _measure(anonymous, "/accounts/login/", repeat)[0]
    _page(report, director, "director's status page", "/qualification/status/", repeat)
    # Its table comes from the cache until the office's next change; this is what the first reader after one pays.
    office_id = User.objects.get(username="bench-director").school.office_id
    _page(
        report,
        director,
        "director's status page, drawn after a change",
        "/qualification/status/",
        repeat,
        before_each=lambda: versions.office_changed([office_id]),
    )
    _page(report, director, "status page filtered to overdue", "/qualification/status/?state=overdue", repeat)
    _page(report, methodist, "methodist's district overview", "/qualification/overview/", repeat)
    _page(report, director, "plan for next year (school)", "/qualification/plan/", repeat)
    _page(report, methodist, "plan for next year (methodist, every school)", "/qualification/plan/", repeat)
    _page(
        report,
        methodist,
        "plan for next year (methodist), drawn after a change",
        "/qualification/plan/",
        max(3, repeat // 5),
        before_each=lambda: versions.office_changed([office_id]),
    )
    _page(report, methodist, "staff search by name", "/staff/?q=өмүрова", repeat)
    _page(report, director, "attestation list", "/qualification/attestation/", repeat)
    _page(report, methodist, "mentors list", "/mentorship/mentors/", repeat)
    _page(report, director, "council decisions board", "/council/decisions/", repeat)
    _page(report, methodist, "council decisions board (methodist)", "/council/decisions/", repeat)
    _page(report, methodist, "methodist's home (dashboard)", "/", repeat)
    _page(report, director, "director's home (dashboard)", "/", repeat)
    admin = Client()
    admin.force_login(User.objects.get(username="bench-admin"))
    _page(report, admin, "country-wide renewal summary (every office)", "/qualification/summary/", repeat)
    yardstick += _measure(anonymous, "/accounts/login/", repeat)[0]
    report.add(YARDSTICK, statistics.median(yardstick), "ms", "how fast the machine was during this run")


def compare_with_district(report, folder, vendor):
    """Each page at this scale against the same page in the newest district run on the same database.

    Every country office is the size of the district office, so a director's or a methodist's page shows the
    same number of rows at both scales: the ratio is what the larger database costs.
    """
    runs = []  # the district runs that measured the pages (a run with --skip-pages did not)
    for path in sorted(folder.glob(f"district-{vendor}-*.csv")):
        with path.open() as source:
            figures = {row["figure"]: float(row["value"]) for row in csv.DictReader(source) if row["unit"] == "ms"}
        if YARDSTICK in figures:
            runs.append((path, figures))
    if not runs:
        report.add("country ÷ district", "", "", f"no district run on {vendor} in {folder.name}/ to compare with")
        return
    path, district = runs[-1]
    country_yardstick = next(value for figure, value, _unit, _note in report.rows if figure == YARDSTICK)
    district_yardstick = district.get(YARDSTICK)
    report.note(
        f"Country ÷ district, per page (district figures from {path.name}); aim ≤ 1.2×. "
        f"The minimal page took {country_yardstick:.1f} ms here and {district_yardstick:.1f} ms there."
    )
    for figure, value, unit, _note in list(report.rows):
        # The country-wide summary covers every office by design: it has no like-for-like district page.
        if unit != "ms" or not figure.endswith(": median") or figure == YARDSTICK or "country-wide" in figure:
            continue
        if district.get(figure) and district_yardstick:
            raw = value / district[figure]
            report.add(
                f"{figure.removesuffix(': median')}: country ÷ district",
                raw,
                "×",
                f"{value:.1f} ms against {district[figure]:.1f} ms; "
                f"{raw * district_yardstick / country_yardstick:.2f}× in units of the minimal page",
            )
