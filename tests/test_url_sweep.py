"""Every URL refuses anonymous visitors, except the few that are public on purpose."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Names of the URLs anyone may open; everything else must send an anonymous visitor to sign in.
PUBLIC_URL_NAMES = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "admin:login",
    "verify",
    "verify_code",
    "verify_document",  # a PDF anyone holds is checked without signing in; nothing uploaded is kept
    "verify_credential",  # a certificate's credential, for whoever has its code
    "credential_issuer",  # an office's DID document: its public key, for verifiers of its credentials
    "credential_status",  # an office's revocation list, read by verifiers of its credentials
    "healthz",
    "mentorship:calendar_feed",  # calendars subscribe with a secret token in the address, not a session
}
SAMPLE_VALUES = {"app_label": "schools", "uidb64": "MQ", "token": "set-password"}


def _concrete(pattern_text):
    """Turns a route or regex pattern into a URL with sample values for its parameters."""
    text = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE_VALUES.get(m.group(1), "1"), pattern_text)
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: SAMPLE_VALUES.get(m.group(1), "1"), text)
    return text.replace("^", "").replace("$", "")


def _all_urls(patterns=None, prefix="", namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _all_urls(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield name, "/" + _concrete(prefix + str(entry.pattern))


ALL_URLS = list(_all_urls())


def test_the_sweep_sees_the_apps_urls():
    names = {name for name, _ in ALL_URLS}
    assert {"home", "schools:staff_list", "schools:staff_edit", "admin:index"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), [entry for entry in ALL_URLS if entry[0] not in PUBLIC_URL_NAMES])
def test_anonymous_visitor_is_sent_to_sign_in(client, name, url):
    response = client.get(url)
    assert response.status_code == 302, (name, url, response.status_code)
    assert "/login/" in response.headers["Location"], (name, url, response.headers["Location"])


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC_URL_NAMES - {"set_language"}))
def test_public_pages_open_without_signing_in(client, name):
    url = dict(ALL_URLS)[name]
    response = client.get(url, follow=True)
    assert not any("/login/" in location for location, _status in response.redirect_chain), (name, url)
    assert response.status_code in (200, 404), (name, url)  # an unknown certificate code is a 404 page
