"""Every page a teacher, mentor, director or methodist reaches works on a 360-pixel phone.

The walking test's walker lists the pages each persona reaches from the home page on the demo (one page
per URL pattern); headless Chromium then opens each at 360 × 740, signed in through the login form, and
asks three questions a phone reader would: does the page scroll sideways, is any visible text smaller
than 11 px as drawn (SVG text counts at its drawn size), and does every form field have a name a screen
reader can say. Then axe-core (tests/vendor/axe-core, for tests only; MPL-2.0) checks the same page, and
its serious and critical violations fail the test too. A screenshot of each page is saved under
test-results/.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from schools.demo import DEMO_PASSWORD
from schools.models import User
from tests.conftest import SCREENSHOTS
from tests.walking import Walk, walk_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
# The personas who open Ustat on a phone, and the league's coordinator, whose report directors read.
PERSONAS = ["teacher", "mentor", "director", "methodist", "methodist.kz"]
SMALLEST_TEXT_PX = 11
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ["serious", "critical"]

# Injected through the DevTools protocol, which the page's CSP does not govern (a <script> tag would be refused).
AXE_VIOLATIONS = """async (impacts) => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.filter((violation) => impacts.includes(violation.impact)).map((violation) =>
    `axe ${violation.impact} ${violation.id} (${violation.help}): `
    + violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', '));
}"""

# Run in the page: every problem a phone reader would meet, as readable lines.
PHONE_PROBLEMS = """(smallest) => {
  const problems = [];
  const describe = (element) => {
    const id = element.id ? '#' + element.id : '';
    const classes = typeof element.className === 'string' && element.className.trim()
      ? '.' + element.className.trim().split(/\\s+/).join('.') : '';
    return element.tagName.toLowerCase() + id + classes;
  };
  const visible = (element) => element.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});

  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth) {
    // The outermost elements past the edge that no scrolling box of their own holds in.
    const clipped = (element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const past = (element) => element.getBoundingClientRect().right > window.innerWidth + 0.5;
    const wide = [...document.body.querySelectorAll('*')]
      .filter((element) => visible(element) && past(element) && !clipped(element))
      .filter((element) => !element.parentElement || !past(element.parentElement))
      .slice(0, 3).map(describe);
    problems.push(`scrolls sideways: ${width} px wide (${wide.join(', ')})`);
  }

  const small = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.data.trim() || !element || !visible(element)) continue;
    let size = parseFloat(getComputedStyle(element).fontSize);
    if (element instanceof SVGElement) {
      const matrix = element.getScreenCTM();
      if (matrix) size *= Math.hypot(matrix.a, matrix.b);
    }
    if (size < smallest - 0.05) {
      small.add(`${describe(element)} ${size.toFixed(1)} px: "${node.data.trim().slice(0, 30)}"`);
    }
  }
  for (const line of [...small].slice(0, 5)) problems.push(`text too small: ${line}`);

  const fields = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea');
  for (const field of fields) {
    const labelled = [...field.labels].some((label) => label.textContent.trim())
      || (field.getAttribute('aria-label') || '').trim()
      || (field.getAttribute('aria-labelledby') || '').split(/\\s+/).some(
        (id) => id && document.getElementById(id) && document.getElementById(id).textContent.trim())
      || (field.getAttribute('title') || '').trim();
    if (!labelled) problems.push(`field without a name: ${describe(field)}[name=${field.name}]`);
  }
  return problems;
}"""


def pages_reached(username):
    """One page per URL pattern among the HTML pages the walking test reaches for this persona."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    walk = Walk(client, limit=600, per_pattern=1).run()
    pages = {}
    for url, visit in walk.visits.items():
        if visit.page is None or url.startswith("/admin/"):
            continue
        pages.setdefault(walk_key(url)[0], url)
    return sorted(pages.items())


def file_name(username, url_name):
    return f"phone-{username}-" + re.sub(r"[^a-z0-9]+", "-", url_name.lower()).strip("-") + ".png"


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


@pytest.mark.parametrize("username", PERSONAS)
def test_every_page_a_persona_reaches_fits_a_phone_and_passes_axe(demo, live_server, browser, username):
    pages = pages_reached(username)
    assert len(pages) > 10, pages
    # Not `is_mobile`: a mobile viewport widens itself to fit the page, which would hide what this test looks for.
    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    SCREENSHOTS.mkdir(exist_ok=True)
    axe = AXE.read_text()
    problems = []
    for url_name, url in pages:
        page.goto(live_server.url + url)
        found = page.evaluate(PHONE_PROBLEMS, SMALLEST_TEXT_PX)
        page.evaluate(axe)
        found += page.evaluate(AXE_VIOLATIONS, FAILING_IMPACTS)
        problems += [f"{url} ({url_name}): {problem}" for problem in found]
        page.screenshot(path=SCREENSHOTS / file_name(username, url_name), full_page=True)
    context.close()
    print(f"\n{username}: {len(pages)} pages at {PHONE['width']} px")
    assert not problems, "\n".join(problems)
