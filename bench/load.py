"""The load run: gunicorn with workers for two cores, and wrk as 20 users from a second process.

The status pages are compared with a page that touches no database (the sign-in page for an anonymous
visitor): the ratio between the two travels between machines, the absolute figures do not.
"""

import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PORT = 8799
DIRECTOR_PAGES = ["/qualification/status/", "/qualification/plan/", "/qualification/attestation/", "/"]
SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%.1f %%.1f %%.1f %%d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.errors.status))
end
"""


def _session_cookie(username):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from schools.models import User

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _wait_for(port, seconds=120):
    """Until the server answers /healthz: workers import the whole app before they serve."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not start")


def _wrk(paths, seconds, cookie=None):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(SCRIPT % ", ".join(f'"{path}"' for path in paths))
    # As behind the production proxy: HTTPS as far as Django can tell.
    command = ["wrk", "-t2", "-c20", f"-d{seconds}s", "--timeout", "10s", "-s", script.name]
    command += ["-H", "X-Forwarded-Proto: https"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, f"http://127.0.0.1:{PORT}/"], capture_output=True, text=True, check=True)
    Path(script.name).unlink()
    line = next(line for line in output.stdout.splitlines() if line.startswith("RESULT"))
    rps, p50, p95, errors = line.split()[1:]
    return float(rps), float(p50), float(p95), int(errors)


def load_figures(report, seconds=15):
    if not shutil.which("wrk"):
        report.add("load run", 0, "", "skipped: wrk is not installed (bin/install-system-packages installs it)")
        return
    from django.conf import settings

    report.note(f"Load run: gunicorn, 4 workers, production settings; wrk, 20 connections, {seconds} s each")
    cookie = _session_cookie("bench-director")
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the key that signed the session above
        "DJANGO_BEHIND_HTTPS_PROXY": "true",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "ustat.wsgi", "--workers", "4", "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        _wait_for(PORT)
        _wrk(["/accounts/login/"], 5)  # every worker has booted and served a few pages
        minimal = _wrk(["/accounts/login/"], seconds)
        status = _wrk(["/qualification/status/"], seconds, cookie)
        pages = _wrk(DIRECTOR_PAGES, seconds, cookie)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report.add(
        "minimal page (no database): requests/s",
        minimal[0],
        "req/s",
        f"p50 {minimal[1]:.1f} ms, p95 {minimal[2]:.1f} ms",
    )
    report.add(
        "director's status page: requests/s",
        status[0],
        "req/s",
        f"p50 {status[1]:.1f} ms, p95 {status[2]:.1f} ms, {status[3]} non-2xx answers",
    )
    report.add("status page ÷ minimal page", 100 * status[0] / minimal[0], "%", "aim ≥ 30 %, p95 ≤ 150 ms")
    report.add(
        "director's pages: requests/s",
        pages[0],
        "req/s",
        f"p50 {pages[1]:.1f} ms, p95 {pages[2]:.1f} ms, {pages[3]} non-2xx answers",
    )
    report.add("director's pages ÷ minimal page", 100 * pages[0] / minimal[0], "%", ", ".join(DIRECTOR_PAGES))
