"""Every page, not only the main ones: a methodist, a director and an administrator walk the site from the home
page (tests/walking.py: every link and GET form a page renders, one URL per pattern and meaningful query), and
each page they reached is timed. The report names every page over the aim, with its query count."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

AIM_MS = 25
WALKERS = ("bench-methodist-0", "bench-director", "bench-admin")


def _timed_pages(client, urls, repeat):
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue  # downloads (exports, PDFs) are not pages
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        yield url, statistics.median(times), len(queries)


def walk_figures(report, repeat=5):
    from schools.models import User
    from tests.walking import Walk

    report.note(f"Every page a walk reaches, each timed {repeat} times (median); those over {AIM_MS} ms are named")
    measured = []
    for username in WALKERS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        walk = Walk(client, limit=300).run()
        urls = [url for url in walk.visits if "export=" not in url and not url.startswith("/admin/")]
        pages = list(_timed_pages(client, urls, repeat))
        measured += [(milliseconds, queries, username, url) for url, milliseconds, queries in pages]
        report.add(f"pages walked as {username}", len(pages), "pages", f"{len(walk.problems)} problems on the way")
    over = sorted((page for page in measured if page[0] > AIM_MS), reverse=True)
    slowest = max(measured)
    report.add("walked pages over the aim", len(over), "pages", f"of {len(measured)}; the slowest: {slowest[3]}")
    for milliseconds, queries, username, url in over:
        report.add(f"over the aim: {url} ({username})", milliseconds, "ms", f"{queries} queries")
