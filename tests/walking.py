"""A walker that reads pages as a browser would and follows what they render.

`Page` parses one response: the links (`<a href>`), the GET forms with the values a browser would send
unchanged, the rows of the first table, and every piece of text a reader sees (text, `title`,
`placeholder`, `aria-label`, button values, `<option>`). `Walk` starts at the home page and follows every
same-site link breadth-first, one URL per URL pattern and per distinct meaningful query.
"""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.urls import Resolver404, resolve

# Query keys whose value changes what a page means; other keys (a search text, a page number, a year)
# only count by their presence, so that "next year" does not lead to an endless chain of years.
MEANINGFUL_KEYS = {"export", "state", "show", "order", "table", "format", "kind", "track"}
# Django's own admin is walked to its index only: its pages are Django's, not Ustat's.
NOT_WALKED_PREFIXES = ("/admin/", "/static/")
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
INVISIBLE_ELEMENTS = {"script", "style", "template"}


@dataclass
class Form:
    action: str
    method: str
    fields: list = field(default_factory=list)  # (name, value) pairs a browser sends unchanged
    selects: dict = field(default_factory=dict)  # name -> every option value


@dataclass
class Link:
    href: str
    text: str
    classes: str


class Page(HTMLParser):
    def __init__(self, url, html):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: list[Link] = []
        self.forms: list[Form] = []
        self.texts: list[str] = []
        self.rows: list[str] = []  # text of each row in the first table body
        self.headings: list[str] = []
        self._link = None
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None  # [name, text] while inside a form's <textarea>
        self._skip = 0
        self._heading = None
        self._tbodies = 0
        self._in_first_tbody = False
        self._row = None
        self.result_count = None  # the number a list page says it found (`.result-count[data-count]`)
        self._other_language = []  # open elements marked with a `lang` of their own
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("lang") and tag != "html":
            self._other_language.append(tag)  # text in another language on purpose: the language switcher
        for name in VISIBLE_ATTRIBUTES:
            if attrs.get(name):
                self._say(attrs[name].strip())
        if tag in INVISIBLE_ELEMENTS:
            self._skip += 1
        elif tag == "a" and "href" in attrs:
            self._link = Link(attrs["href"] or "", "", attrs.get("class") or "")
        elif tag == "form":
            self._form = Form(action=attrs.get("action") or "", method=(attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None:
            self._input(attrs)
        elif tag == "textarea" and self._form is not None and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
        elif tag == "button" and attrs.get("value") and attrs.get("name") is None:
            self._say(attrs["value"].strip())
        else:
            self._structure(tag, attrs)

    def _structure(self, tag, attrs):
        if tag == "select":
            self._select = [attrs.get("name"), [], None]
        elif tag == "option" and self._select is not None:
            value = attrs.get("value")
            self._option = [value, ""]
            self._select[1].append(self._option)
            if "selected" in attrs:
                self._select[2] = value
        elif tag in ("h1", "h2"):
            self._heading = ""
        elif tag == "tbody":
            self._tbodies += 1
            self._in_first_tbody = self._tbodies == 1
        elif tag == "tr" and self._in_first_tbody:
            self._row = ""
        if "result-count" in (attrs.get("class") or "").split() and attrs.get("data-count", "").isdigit():
            self.result_count = int(attrs["data-count"])

    def _say(self, text):
        if not self._other_language:
            self.texts.append(text)

    def _input(self, attrs):
        kind = (attrs.get("type") or "text").lower()
        name = attrs.get("name")
        if kind in ("submit", "button", "reset", "image"):
            if attrs.get("value"):
                self._say(attrs["value"].strip())
            return
        if not name or (kind in ("checkbox", "radio") and "checked" not in attrs):
            return
        self._form.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))

    def handle_endtag(self, tag):
        if self._other_language and self._other_language[-1] == tag:
            self._other_language.pop()
        if tag in INVISIBLE_ELEMENTS:
            self._skip = max(0, self._skip - 1)
        elif tag == "a" and self._link is not None:
            self._link.text = " ".join(self._link.text.split())
            self.links.append(self._link)
            self._link = None
        elif tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that may follow the opening tag.
            self._form.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            self._option[1] = " ".join(self._option[1].split())
            self._say(self._option[1])
            self._option = None
        elif tag == "select" and self._select is not None:
            name, options, chosen = self._select
            if name and self._form is not None:
                values = [value if value is not None else text for value, text in options]
                if chosen is None and values:
                    chosen = values[0]
                if chosen is not None:
                    self._form.fields.append((name, chosen))
                self._form.selects[name] = values
            self._select = None
        elif tag in ("h1", "h2") and self._heading is not None:
            self.headings.append(" ".join(self._heading.split()))
            self._heading = None
        elif tag == "tbody":
            self._in_first_tbody = False
        elif tag == "tr" and self._row is not None:
            self.rows.append(" ".join(self._row.split()))
            self._row = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
            return
        if self._skip:
            return
        if self._link is not None:
            self._link.text += data
        if self._option is not None:
            self._option[1] += data
            return
        if self._heading is not None:
            self._heading += data
        if self._row is not None:
            self._row += " " + data
        text = data.strip()
        if text:
            self._say(text)

    def get_forms(self):
        """The URL each GET form opens when submitted with the values it shows."""
        for form in self.forms:
            if form.method == "get":
                yield form, self.form_url(form, form.fields)

    def form_url(self, form, fields):
        action = urljoin(self.url, form.action or urlsplit(self.url).path)
        return urlsplit(action).path + ("?" + urlencode(fields) if fields else "")


def writing_form(client, url, marker):
    """The POST form of a page that carries the `marker` field, as (where it posts, the values it shows)."""
    page = Page(url, client.get(url).content.decode())
    form = next(form for form in page.forms if form.method == "post" and marker in dict(form.fields))
    return same_site_path(url, form.action or url), dict(form.fields)


def malformed(href):
    """Why a rendered href is wrong, or None."""
    if "??" in href:
        return "doubled '?'"
    parts = urlsplit(href)
    if parts.scheme in ("http", "https") or href.startswith("//"):
        return f"absolute URL to {parts.netloc}"
    if parts.query:
        for pair in parts.query.split("&"):
            if not pair or pair.startswith("="):
                return "an empty query key"
    return None


def same_site_path(current_url, href):
    """The path and query a same-site href leads to, or None for fragments, mail and phone links."""
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    absolute = urljoin("http://testserver" + current_url, href)
    parts = urlsplit(absolute)
    if parts.netloc != "testserver":
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


def walk_key(url):
    """One URL per URL pattern and per distinct meaningful query."""
    parts = urlsplit(url)
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        name = parts.path
    query = parse_qsl(parts.query, keep_blank_values=True)
    meaning = frozenset((key, value if key in MEANINGFUL_KEYS else "") for key, value in query)
    return name, meaning


def query_of(url):
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


@dataclass
class Visit:
    url: str
    status: int
    page: Page | None
    response: object
    came_from: str


class Walk:
    """Breadth-first from the home page; `problems` collects every defect found on the way."""

    def __init__(self, client, limit=400, on_page=None, per_pattern=1):
        self.client = client
        self.per_pattern = per_pattern
        self.limit = limit
        self.on_page = on_page or (lambda visit: None)
        self.visits: dict[str, Visit] = {}
        self.seen_keys: dict = {}  # walk key → the URLs opened under it
        self.problems: list[str] = []
        self.links_followed = 0
        self.answered: set[str] = set()  # every URL that answered 200 or a redirect
        self.post_actions: set[str] = set()  # where the rendered POST forms send their data (not sent)

    def get(self, url):
        try:
            return self.client.get(url)
        except Exception as error:  # a 500: the test client raises the view's exception
            self.problems.append(f"{url}: raised {type(error).__name__}: {error}")
            return None

    def run(self, start="/"):
        queue = deque([(start, "(start)")])
        while queue and len(self.visits) < self.limit:
            url, came_from = queue.popleft()
            key = walk_key(url)
            if not self.admit(key, url):
                continue
            visit = self.visit(url, came_from)
            if visit is None:
                continue
            self.on_page(visit)
            if visit.page is None:
                continue
            for target in self.targets(visit.page):
                if not target.startswith(NOT_WALKED_PREFIXES) or target == "/admin/":
                    queue.append((target, url))
        return self

    def admit(self, key, url):
        """Opens a URL pattern with up to `per_pattern` different objects (the first meeting may be signed
        and show no edit links; the second may not), and each query of meaning once."""
        urls = self.seen_keys.setdefault(key, set())
        path = urlsplit(url).path
        if path in {urlsplit(seen).path for seen in urls} or len(urls) >= self.per_pattern:
            return False
        urls.add(url)
        return True

    def visit(self, url, came_from):
        self.links_followed += 1
        response = self.get(url)
        if response is None:
            return None
        status = response.status_code
        if status in (200, 302):
            self.answered.add(url)
        if status == 302:
            location = response.headers["Location"]
            if "/accounts/login/" in location:
                self.problems.append(f"{url} (linked from {came_from}): sends a signed-in reader to sign in")
                return None
            target = same_site_path(url, location)
            if target and self.admit(walk_key(target), target):
                return self.visit(target, url)
            return None
        if status != 200:
            self.problems.append(f"{url} (linked from {came_from}): answered {status}")
            return None
        page = None
        if response.headers.get("Content-Type", "").startswith("text/html"):
            page = Page(url, response.content.decode())
        visit = Visit(url, status, page, response, came_from)
        self.visits[url] = visit
        return visit

    def targets(self, page):
        for link in page.links:
            reason = malformed(link.href)
            if reason:
                self.problems.append(f"{page.url}: href {link.href!r} ({link.text!r}): {reason}")
                continue
            target = same_site_path(page.url, link.href)
            if target:
                yield target
        for form in page.forms:
            reason = malformed(form.action) if form.action else None
            if reason:
                self.problems.append(f"{page.url}: form action {form.action!r}: {reason}")
            elif form.method == "post":
                self.post_actions.add(page.form_url(form, []))
            else:
                yield page.form_url(form, form.fields)
