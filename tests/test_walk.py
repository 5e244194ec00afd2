"""The walking test: every persona starts at the home page and follows every link and GET form the pages
render, as a reader clicking through the demo would.

A rendered link must be well formed and must answer (200, or a redirect to somewhere that answers): a
page never links to what its reader may not open. The links that carry meaning are checked for it:
the next page shows other rows, an export holds the rows the page counts, a card's number is the
number of rows its link lists, a state card lists only that state, the calendar moves by a month, and
a sort order changes the order. On Kyrgyz and Kazakh pages no visible text is English or Russian.
"""

import csv
import io
import re
import time
from dataclasses import dataclass
from datetime import date
from io import StringIO
from urllib.parse import urlencode, urlsplit

import openpyxl
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, models, transaction
from django.test import Client, override_settings
from django.utils import formats, translation
from django.utils.translation import trans_real

from core import submissions
from qualification.models import RenewalState
from schools.models import User
from tests.walking import Page, Walk, query_of, same_site_path, walk_key

# Persona, the language it walks in. The demo's accounts carry their own language (ky in Ala-Buka, kk
# in Kyzylorda); the teacher and the mentor also walk in Kazakh, so both languages see every role.
WALKS = [
    ("methodist", "ky"),
    ("methodist.kz", "kk"),
    ("director", "ky"),
    ("director.kz", "kk"),
    ("teacher", "ky"),
    ("teacher", "kk"),
    ("mentor", "ky"),
    ("mentor", "kk"),
    ("admin", "ru"),
]
PAGE_LIMIT = 600
PER_PATTERN = 2

USTAT_APPS = {"schools", "qualification", "certificates", "mentorship", "methodcouncil", "partners"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seeds the demo once for this module and rolls it back afterwards."""
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    # The demo signs its documents as under `make run`, with keys of this module's own.
    signing_keys = override_settings(USTAT_SIGNING_DIR=tmp_path_factory.mktemp("signing"))
    with django_db_blocker.unblock(), fast_hashing, signing_keys, transaction.atomic():
        call_command("demo_signing_keys", stdout=StringIO())
        call_command("seed_demo", stdout=StringIO())
        if connection.vendor == "postgresql":
            # Rows written inside this transaction have no planner statistics yet (autovacuum cannot see
            # them); without them PostgreSQL picked a plan for the director's pages that ran for minutes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield
        transaction.set_rollback(True)


# --- what a page says it shows -------------------------------------------------------------------------


def result_count(response):
    """The number of rows a list page says it found (its "Found: N" line), else its table's rows."""
    page = Page("", response.content.decode())
    return page.result_count if page.result_count is not None else len(page.rows)


def export_rows(response):
    """The data rows of a downloaded XLSX or CSV (every row after the header)."""
    content_type = response.headers["Content-Type"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith(XLSX):
        sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
        rows = [row for row in sheet.iter_rows(values_only=True) if any(cell not in (None, "") for cell in row)]
    else:
        rows = [row for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) if any(row)]
    return rows[1:]


# --- the checks of meaning ------------------------------------------------------------------------------


# Forms that change no record: signing out, the language (a session setting), Django's own admin.
TOKEN_FREE_ACTIONS = ("/accounts/logout/", "/i18n/", "/admin/")


class Meaning:
    """Checks what the meaningful links of each visited page do; each kind once per URL pattern."""

    def __init__(self, walk, language):
        self.walk = walk
        self.language = language
        self.checked = set()
        self.counts = {"next page": 0, "export": 0, "card": 0, "state card": 0, "month": 0, "sort": 0}

    def once(self, kind, url):
        """True the first time a kind of link is seen for a URL pattern and a set of filled-in query keys
        (an export of the overdue list stands for the exports of every state's list)."""
        name, _meaning = walk_key(url)
        query = query_of(url)
        key = (kind, name, query.get("export"), frozenset(key for key, value in query.items() if value))
        if key in self.checked:
            return False
        self.checked.add(key)
        return True

    def fail(self, url, message):
        self.walk.problems.append(f"{url}: {message}")

    def fetch(self, url):
        response = self.walk.get(url)
        if response is not None and response.status_code != 200:
            self.fail(url, f"answered {response.status_code}")
            return None
        return response

    def __call__(self, visit):
        page = visit.page
        for link in page.links:
            href = link.href
            if "page-next" in link.classes:
                self.next_page(page, href)
            elif "export=" in href and query_of(href).get("export") in ("xlsx", "csv"):
                self.export(visit, href)
            elif "month-next" in link.classes or "month-previous" in link.classes:
                self.month(page, href, "month-next" if "month-next" in link.classes else "month-previous")
            elif "card" in link.classes.split():
                self.card(page, link)
        for form, _url in page.get_forms():
            if "order" in form.selects:
                self.sort(page, form)
        self.one_time_tokens(page)

    def one_time_tokens(self, page):
        """Every form that writes carries its one-time token, so a double click saves once."""
        for form in page.forms:
            action = same_site_path(page.url, form.action or page.url)
            if form.method != "post" or action.startswith(TOKEN_FREE_ACTIONS):
                continue
            if submissions.FIELD not in dict(form.fields):
                self.fail(page.url, f"the form to {action} has no one-time token")

    def next_page(self, page, href):
        url = same_site_path(page.url, href)
        if not self.once("next page", url):
            return
        self.counts["next page"] += 1
        response = self.fetch(url)
        if response is None:
            return
        following = Page(url, response.content.decode())
        if not following.rows or set(following.rows) & set(page.rows):
            self.fail(url, "the next page does not show other rows than the page before it")

    def export(self, visit, href):
        url = same_site_path(visit.url, href)
        if not self.once("export", url):
            return
        self.counts["export"] += 1
        response = self.fetch(url)
        if response is None:
            return
        disposition = response.headers.get("Content-Disposition", "")
        wanted = XLSX if query_of(url)["export"] == "xlsx" else "text/csv"
        if not disposition.startswith("attachment") or not response.headers["Content-Type"].startswith(wanted):
            self.fail(url, f"an export answered {response.headers['Content-Type']!r}, {disposition!r}")
            return
        if "table" in query_of(url):
            return  # one of several tables on a report page; test_exports reads those back
        shown, exported = result_count(visit.response), len(export_rows(response))
        if shown != exported:
            self.fail(url, f"the export holds {exported} rows, the page shows {shown}")

    def card(self, page, link):
        """A card that shows a number lists that many rows, and a state card only that state."""
        number = link.text.split()[-1] if link.text.split() else ""
        if not number.isdigit():
            return
        url = same_site_path(page.url, link.href)
        if not self.once(f"card {url}", url):
            return
        self.counts["card"] += 1
        response = self.fetch(url)
        if response is None:
            return
        if result_count(response) != int(number):
            self.fail(url, f"the card says {number}, its list shows {result_count(response)}")
        state = query_of(url).get("state")
        if state in RenewalState.values:
            self.counts["state card"] += 1
            with translation.override(self.language):
                label = str(RenewalState(state).label)
            listed = Page(url, response.content.decode())
            if any(label not in row for row in listed.rows):
                self.fail(url, f"the {state!r} card lists rows in another state")

    def month(self, page, href, direction):
        url = same_site_path(page.url, href)
        if not self.once(direction, url):
            return
        self.counts["month"] += 1
        response = self.fetch(url)
        if response is None:
            return
        year, month = (int(part) for part in query_of(url)["month"].split("-"))
        with translation.override(self.language):
            heading = formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")
        if heading not in Page(url, response.content.decode()).headings:
            self.fail(url, f"the month link does not show {heading}")

    def sort(self, page, form):
        orders = [value for value in form.selects["order"] if value]
        if len(orders) < 2 or not self.once("sort", urlsplit(page.url).path):
            return
        self.counts["sort"] += 1
        seen = {}
        for order in orders:
            fields = [(name, value) for name, value in form.fields if name not in ("order", "page")]
            url = page.form_url(form, [*fields, ("order", order)])
            response = self.fetch(url)
            if response is not None:
                seen[order] = Page(url, response.content.decode()).rows
        for order in orders:
            if order.startswith("-") or order.lstrip("-") not in seen:
                continue
            ascending, descending = seen.get(order), seen.get("-" + order)
            if ascending and descending and ascending == descending:
                self.fail(page.url, f"sorting by {order!r} and by '-{order}' shows the same order")


# --- the language check -----------------------------------------------------------------------------


def _catalogs(language):
    """(Ustat's own catalog, every catalog Django merged) for one language, as msgid → msgstr."""
    merged = trans_real.DjangoTranslation(language, domain="django")._catalog
    own = {}
    for path in reversed(settings.LOCALE_PATHS):  # locale/ and Ustat's wording of Django's messages
        own.update(trans_real.gettext_module.translation("django", path, [language])._catalog)
    return {key: value for key, value in own.items() if isinstance(key, str) and key}, dict(merged)


class ForeignText:
    """Tells whether a text on a page in `language` can only be a message left in English or in Russian.

    Plain messages match exactly; messages with placeholders ("%s (descending)", "Found: %(count)s") match
    as patterns, so that a label composed at run time is caught too.
    """

    def __init__(self, language):
        own, merged = _catalogs(language)
        russian_own, russian_merged = _catalogs("ru")
        everything_own = set(merged.values())
        english = {key for key in russian_own if own.get(key, key) != key and key not in everything_own}
        russian_only = {
            text
            for key, text in russian_own.items()
            if own.get(key) and own[key] != text and text not in everything_own
        }
        native_language_names = {name for _code, name in settings.LANGUAGES}  # each language's own name, on purpose
        self.exact = (english | russian_only | stored_choice_keys()) - native_language_names
        own_words = {word for text in merged.values() if isinstance(text, str) for word in WORD.findall(text.lower())}
        patterns = []
        for key, russian in russian_merged.items():
            if not isinstance(key, str) or not PLACEHOLDER.search(key) or merged.get(key, key) == russian:
                continue
            for foreign in (key, russian):
                # Only a word the reader's language never uses marks a composed text as foreign: "Сертификат
                # № 0853" is a document number in Kyrgyz as much as in Russian.
                if set(WORD.findall(PLACEHOLDER.sub("", foreign).lower())) - own_words:
                    patterns.append(
                        "".join(
                            "(?:.+?)" if PLACEHOLDER.fullmatch(part) else re.escape(part)
                            for part in PLACEHOLDER.split(foreign)
                        )
                    )
        self.composed = re.compile("|".join(f"(?:{pattern})" for pattern in sorted(set(patterns))))
        self.typed = typed_texts()

    def __contains__(self, text):
        text = NUMBERED.sub("", text)
        if text in self.typed:
            return False  # what people typed is in their language, whatever the reader's
        return text in self.exact or self.composed.fullmatch(text) is not None


# A league's name already ends with "лигасы": a message that adds "лигасынын" after it says it twice.
DOUBLED_LEAGUE = re.compile(r"лигасы\W+лига", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]{3,}")
NUMBERED = re.compile(r"^\d+\.\s+")


def typed_texts():
    """Every text people typed into Ustat's own models: names, titles, places, notes."""
    texts = set()
    for model in apps.get_models():
        if model._meta.app_label not in USTAT_APPS:
            continue
        columns = [
            column.name
            for column in model._meta.concrete_fields
            if isinstance(column, models.CharField | models.TextField) and not column.choices
        ]
        if columns:
            for row in model.objects.values_list(*columns):
                texts.update(value.strip() for value in row if value)
    return texts


PLACEHOLDER = re.compile(r"(%\(\w+\)[sd]|%[sd])")


def stored_choice_keys():
    """Stored values of choice fields that read as words ("no_record", "active"): shown raw, they are English."""
    keys = set()
    for model in apps.get_models():
        if model._meta.app_label not in USTAT_APPS:
            continue
        for model_field in model._meta.get_fields():
            choices = getattr(model_field, "choices", None)
            if isinstance(model_field, models.Field) and choices:
                keys |= {str(value) for value, _label in choices if isinstance(value, str) and len(value) > 2}
    return {key for key in keys if key.isascii() and key.replace("_", "").isalpha()}


# --- the walks --------------------------------------------------------------------------------------------


@dataclass
class Walked:
    walk: Walk
    meaning: Meaning
    leftovers: dict
    seconds: float


@pytest.fixture(scope="module")
def walks(demo_data):
    """The walks done so far in this module, so that the coverage test reuses the personas' walks."""
    return {}


def walked(walks, username, language):
    if (username, language) not in walks:
        walks[username, language] = _walk(username, language)
    return walks[username, language]


def _walk(username, language):
    user = User.objects.get(username=username)
    User.objects.filter(pk=user.pk).update(language=language)
    client = Client()
    client.force_login(user)
    foreign = ForeignText(language) if language in ("ky", "kk") else set()
    leftovers = {}
    walk = Walk(client, limit=PAGE_LIMIT, per_pattern=PER_PATTERN)
    meaning = Meaning(walk, language)

    def on_page(visit):
        if visit.page is None:
            texts = calendar_names(visit.response)
        else:
            meaning(visit)
            texts = visit.page.texts
        for text in texts:
            if text in foreign or DOUBLED_LEAGUE.search(text):
                leftovers.setdefault(text, []).append(visit.url)

    walk.on_page = on_page
    started = time.monotonic()
    walk.run()
    return Walked(walk, meaning, leftovers, time.monotonic() - started)


def calendar_names(response):
    """The names a calendar feed gives itself, which a calendar app shows as the reader's calendar."""
    if not response.headers.get("Content-Type", "").startswith("text/calendar"):
        return []
    lines = response.content.decode().replace("\r\n ", "").splitlines()
    return [line.split(":", 1)[1] for line in lines if line.startswith(("X-WR-CALNAME:", "NAME:"))]


@pytest.mark.django_db
@pytest.mark.parametrize(("username", "language"), WALKS, ids=[f"{user}-{lang}" for user, lang in WALKS])
def test_every_rendered_link_answers_and_does_what_it_says(walks, username, language, capsys):
    result = walked(walks, username, language)
    walk = result.walk
    with capsys.disabled():
        print(
            f"\n{username} ({language}): {len(walk.visits)} pages, {walk.links_followed} links followed, "
            f"{result.seconds:.1f} s; checked {result.meaning.counts}"
        )
    assert len(walk.visits) < PAGE_LIMIT, "the walk hit its cap: raise PAGE_LIMIT or narrow walk_key"
    assert not walk.problems, "\n".join(walk.problems)
    assert not result.leftovers, "\n".join(f"{text!r} on {urls[:3]}" for text, urls in result.leftovers.items())


@pytest.mark.django_db
def test_the_walk_reaches_every_page_of_the_app(walks):
    """Every URL pattern a reader can open is reached by some persona's walk, except the ones listed below."""
    reached = set()
    for username, language in WALKS:
        walk = walked(walks, username, language).walk
        reached |= {walk_key(url)[0] for url in walk.answered | walk.post_actions}
    missing = sorted(name for name in _readable_url_names() if name not in reached)
    assert missing == sorted(NOT_REACHED_BY_A_LINK), "\n".join(missing)


def _readable_url_names():
    from tests.test_url_sweep import ALL_URLS, PUBLIC_URL_NAMES

    return {
        name
        for name, _url in ALL_URLS
        if name and not name.startswith("admin:") and name not in PUBLIC_URL_NAMES | NOT_PAGES
    }


NOT_PAGES = {"password_change_done"}  # shown once, after a password is changed
# Pages that no link of the demo leads to, each with why and where it is tested instead.
NOT_REACHED_BY_A_LINK = {
    # A batch and its download exist only after a methodist issues one (test_certificates, the browser journey).
    "certificates:batch",
    "certificates:batch_download",
    # The demo carries no uploaded files: photos, scans, council documents and project files (their own tests).
    "mentorship:activity_photo",
    "mentorship:appointment_photo",
    "methodcouncil:document_file",
    "partners:adoption_evidence",
    "partners:project_file",
    "partners:project_file_delete",
    "qualification:record_scan",
    # The demo links no course provider to an organisation yet (test_partners_pages).
    "partners:provider_link_delete",
    # An import's review, confirm, cancel and error pages follow an upload (test_imports).
    "cohort_import:cancel",
    "cohort_import:confirm",
    "cohort_import:errors",
    "schools:import_staff_cancel",
    "schools:import_staff_confirm",
    "schools:import_staff_errors",
    # The attestation results' check and its cancel follow an upload (test_attestation_exchange).
    "qualification:exchange_import",
    "qualification:exchange_import_cancel",
    # A rule's recomputation exists only after a methodist applies a rule; the rule page then links it
    # (test_rule_presets follows that link while the task waits and once it has run).
    "qualification:recomputation",
    # An unsigned meeting's delete and a recommendation's removal: the director's home leads to the unsigned
    # minutes, whose meeting is not the newest and has no recommendation yet (test_history_paths removes both).
    "methodcouncil:meeting_delete",
    "methodcouncil:recommendation_delete",
}


def test_a_doubled_question_mark_in_a_rendered_link_is_caught():
    page = Page("/staff/", '<a class="page-link page-next" href="??page=2">Next</a>')
    walk = Walk(client=None)
    assert list(walk.targets(page)) == []
    assert walk.problems == ["/staff/: href '??page=2' ('Next'): doubled '?'"]


@pytest.mark.parametrize(
    "href", ["?=1", "?page=2&&state=x", "https://elsewhere.example/staff/", "//elsewhere.example/"]
)
def test_an_empty_query_key_or_another_host_is_caught(href):
    walk = Walk(client=None)
    assert list(walk.targets(Page("/", f'<a href="{href}">x</a>'))) == []
    assert len(walk.problems) == 1


def test_a_get_form_is_followed_with_the_values_it_shows():
    html = """<form method="get"><input name="q" value="Асан"><select name="state">
      <option value="">—</option><option value="overdue" selected>x</option></select>
      <input type="checkbox" name="active"><button type="submit">Find</button></form>"""
    assert list(Walk(client=None).targets(Page("/qualification/status/", html))) == [
        "/qualification/status/?" + urlencode({"q": "Асан", "state": "overdue"})
    ]
