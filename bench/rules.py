"""The rule figures: the what-if of a draft rule over a whole office (5,000 staff at district scale), as the
function and as the rule page's preview, and the background recomputation that applying a rule starts.

Writes nothing lasting: the preview saves no rule, and the recomputation is timed under the rule in force, which
stores the same standing again.
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def _timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def rule_figures(report, repeat=5):
    from core import clock
    from qualification.models import RenewalPolicy
    from qualification.presets import BY_KEY
    from qualification.renewal import policy_for_office, refresh_office
    from qualification.whatif import what_if
    from schools.models import StaffMember, User

    report.note("Renewal rule: what-if and recomputation")
    methodist = User.objects.get(username="bench-methodist-0")
    office_id = methodist.office_id
    people = StaffMember.objects.filter(school__office_id=office_id, is_active=True).count()
    today = clock.today()
    current = policy_for_office(office_id)
    draft = RenewalPolicy(office_id=office_id, applies_from=today, **BY_KEY["kz-2019"].initial())

    times = []
    for _ in range(repeat):
        elapsed, result = _timed(lambda: what_if(office_id, current, draft, today))
        times.append(elapsed)
    with CaptureQueriesContext(connection) as queries:
        what_if(office_id, current, draft, today)
    report.add(
        f"what-if of a draft rule, {people:,} staff: median",
        statistics.median(times),
        "ms",
        f"max {max(times):.0f} ms, {len(queries)} queries, {result.moved:,} would move",
    )

    client = Client()
    client.force_login(methodist)
    data = {**BY_KEY["kz-2019"].initial(), "applies_from": today.isoformat(), "preview": "1"}
    client.post("/qualification/rule/", data)  # warm the session
    times = []
    for _ in range(repeat):
        elapsed, response = _timed(lambda: client.post("/qualification/rule/", data))
        assert response.status_code == 200 and b"what-if-title" in response.content, response.status_code
        times.append(elapsed)
    report.add(
        "rule page with the what-if preview (POST): median",
        statistics.median(times),
        "ms",
        f"max {max(times):.0f} ms; nothing saved",
    )

    elapsed, total = _timed(lambda: refresh_office(office_id))
    report.add(
        f"recomputation after applying a rule (the background task), {total:,} staff",
        elapsed / 1000,
        "s",
        f"{total / (elapsed / 1000):,.0f} people/s, in chunks of 500",
    )
