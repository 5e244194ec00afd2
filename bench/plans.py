"""Query plans and the renewal computation: which indexes answer the queries that grow with the data.

EXPLAIN runs on the generated data as it is (no planner settings changed), so the plan is the one a page
gets at this scale. Each figure names the indexes used and any table read from end to end.
"""

import re
import statistics
import time

from django.db import connection

INDEX_USE = re.compile(
    r"(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)"
    r"|USING (?:COVERING )?INDEX (\w+)|USING (INTEGER PRIMARY KEY|PRIMARY KEY)"
)
FULL_READ = re.compile(r"Seq Scan on (\w+)|\bSCAN (\w+)(?! USING)")


def _explain(queryset):
    if connection.vendor == "postgresql":
        text = queryset.explain(analyze=True)
        timing = re.search(r"Execution Time: ([\d.]+) ms", text)
        return text, float(timing.group(1)) if timing else None
    return queryset.explain(), None


def _names(pattern, text):
    return sorted({next(group for group in match.groups() if group) for match in pattern.finditer(text)})


def plan_figures(report):
    from datetime import date

    from qualification.models import CourseRecord, RecordState
    from qualification.renewal import refresh_renewal, with_renewal
    from schools.models import School, StaffMember

    report.note("Query plans (EXPLAIN on this data) and the renewal computation")
    school = School.objects.order_by("pk").first()
    staff = StaffMember.objects.filter(school=school, is_active=True)
    ids = list(staff.values_list("pk", flat=True))
    queries = {
        "plan: one school's staff with their standing (status page)": with_renewal(staff),
        "plan: one school's confirmed records (renewal refresh)": CourseRecord.objects.filter(
            staff_member_id__in=ids, state=RecordState.CONFIRMED, completed_on__lte=date.today()
        ).values_list("pk", "staff_member_id", "completed_on", "hours", "course__kind"),
        "plan: name search in an office": StaffMember.objects.filter(school__office=school.office_id).search("өмүр"),
    }
    for label, queryset in queries.items():
        text, execution_ms = _explain(queryset)
        full_reads = _names(FULL_READ, text)
        indexes = ", ".join(_names(INDEX_USE, text)) or "none"
        note = f"indexes: {indexes}; tables read whole: {', '.join(full_reads) or 'none'}"
        report.add(label, execution_ms if execution_ms is not None else "", "ms" if execution_ms else "", note)

    times = []
    for _ in range(10):
        started = time.perf_counter()
        refresh_renewal(ids)
        times.append((time.perf_counter() - started) * 1000)
    report.add(
        "renewal refresh of one school's staff: median of 10",
        statistics.median(times),
        "ms",
        f"{len(ids)} people, read, judged and stored again",
    )
