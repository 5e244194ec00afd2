"""Hardening: CSRF everywhere, headers, throttled logins, sessions, first passwords, stale edits, health."""

import io
import logging
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.uploads import validate_document
from tests import factories
from tests.test_url_sweep import ALL_URLS

PASSWORD = "correct-horse-battery"


@pytest.mark.parametrize(("name", "url"), ALL_URLS)
def test_every_post_without_a_csrf_token_is_refused(methodist, name, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(methodist)
    assert client.post(url, {"anything": "1"}).status_code == 403, (name, url)


def test_security_headers_on_every_page(methodist_client):
    response = methodist_client.get(reverse("schools:staff_list"))
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_production_settings_turn_on_https_only_cookies_and_hsts():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)"
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"}
    env.update({"DJANGO_SETTINGS_MODULE": "ustat.settings", "DJANGO_DEBUG": "false"})
    output = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert output.stdout.split() == ["True", "True", "True", "Lax", "31536000", "True"]


def test_not_found_page_is_translated_and_leaks_nothing(methodist, methodist_client):
    methodist.language = "ky"
    methodist.save()
    response = methodist_client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" not in content
    assert "Traceback" not in content and "urlpatterns" not in content


def login(client, username, password, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_that_user_from_that_address_only(methodist):
    attacker = Client()
    for _ in range(5):
        login(attacker, "methodist", "wrong-password")
    locked = login(attacker, "methodist", PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in attacker.session
    elsewhere = Client()
    assert login(elsewhere, "methodist", PASSWORD, address="10.0.0.2").status_code == 302


def test_logins_are_logged(methodist, caplog):
    with caplog.at_level(logging.INFO, logger="ustat.auth"):
        login(Client(), "methodist", "wrong-password")
        login(Client(), "methodist", PASSWORD)
    messages = [record.getMessage() for record in caplog.records if record.name == "ustat.auth"]
    assert any("login failed user=methodist address=10.0.0.1" in message for message in messages)
    assert any("login succeeded user=methodist" in message for message in messages)


def test_login_gives_a_new_session_key(methodist):
    client = Client()
    client.get(reverse("login"))
    client.cookies["sessionid"] = "anonymous-session-key-chosen-by-an-attacker"
    login(client, "methodist", PASSWORD)
    assert client.session.session_key != "anonymous-session-key-chosen-by-an-attacker"
    assert client.get(reverse("schools:staff_list")).status_code == 200


def test_logout_and_deactivation_end_the_session(methodist, director_a):
    client = Client()
    client.force_login(methodist)
    client.post(reverse("logout"))
    assert client.get(reverse("schools:staff_list")).status_code == 302

    other = Client()
    other.force_login(director_a)
    director_a.is_active = False
    director_a.save()
    assert other.get(reverse("schools:staff_list")).status_code == 302


def _stored_session(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key)


def test_a_request_after_five_minutes_renews_the_two_hour_idle_timeout(methodist_client):
    from django.contrib.sessions.models import Session

    from core.middleware import SessionIdleRefreshMiddleware

    url = reverse("schools:staff_list")
    methodist_client.get(url)
    session = methodist_client.session
    session[SessionIdleRefreshMiddleware.KEY] -= SessionIdleRefreshMiddleware.REFRESH_SECONDS
    session.save()
    # As if the last renewal had been an hour and fifty minutes ago.
    Session.objects.filter(session_key=session.session_key).update(expire_date=timezone.now() + timedelta(minutes=10))
    methodist_client.get(url)
    remaining = _stored_session(methodist_client).expire_date - timezone.now()
    assert timedelta(hours=2) - timedelta(minutes=1) < remaining <= timedelta(hours=2)


def test_requests_within_five_minutes_do_not_write_the_session(methodist_client):
    url = reverse("schools:staff_list")
    methodist_client.get(url)
    expiry = _stored_session(methodist_client).expire_date
    methodist_client.get(url)
    assert _stored_session(methodist_client).expire_date == expiry


def test_a_session_idle_for_two_hours_has_ended(methodist_client):
    from django.contrib.sessions.models import Session

    url = reverse("schools:staff_list")
    methodist_client.get(url)
    Session.objects.filter(session_key=methodist_client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = methodist_client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_created_account_must_choose_its_own_password(director_a_client, teacher_a):
    response = director_a_client.post(reverse("schools:staff_account_create", args=[teacher_a.pk]))
    account, password = response.context["account"], response.context["password"]
    assert account.must_change_password
    client = Client()
    assert login(client, account.username, password).status_code == 302
    assert client.get(reverse("schools:staff_detail", args=[teacher_a.pk])).url == reverse("password_change")
    weak = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    assert weak.context["form"].errors
    client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "Бакыт-2026-жаңы", "new_password2": "Бакыт-2026-жаңы"},
    )
    assert client.get(reverse("schools:staff_detail", args=[teacher_a.pk])).status_code == 200


def test_a_second_account_for_the_same_person_is_refused(director_a_client, teacher_user, teacher_a):
    director_a_client.post(reverse("schools:staff_account_create", args=[teacher_a.pk]))
    teacher_a.refresh_from_db()
    assert teacher_a.user == teacher_user


def test_concurrent_edits_do_not_silently_overwrite(director_a_client, teacher_a):
    url = reverse("schools:staff_edit", args=[teacher_a.pk])
    version = director_a_client.get(url).context["form"]["version"].value()
    form = {
        "surname": "Өмүрова",
        "given_name": "Айгүл",
        "position": "subject_teacher",
        "hire_date": "2010-09-01",
        "is_active": "on",
        "version": version,
    }
    assert director_a_client.post(url, {**form, "phone": "+996 555 000 001"}).status_code == 302
    second = director_a_client.post(url, {**form, "phone": "+996 555 000 002"})
    assert second.status_code == 200
    assert "stale" in [error.code for error in second.context["form"].non_field_errors().as_data()]
    teacher_a.refresh_from_db()
    assert teacher_a.phone == "+996 555 000 001"


def test_healthz_reports_the_database_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


@pytest.mark.parametrize("name", ["scan\x00.pdf", "scan.pdf.exe", "scan"])
def test_upload_names_with_nul_bytes_paths_or_wrong_endings_are_refused(name):
    pdf = b"%PDF-1.4\n%%EOF\n"
    upload = SimpleUploadedFile("scan.pdf", pdf)
    upload.name = name  # Django's parser would clean the name; the validator must not rely on it
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_document(upload)


def test_a_photo_whose_header_claims_a_giant_image_is_refused_not_decoded():
    import struct
    import zlib

    from django.core.exceptions import ValidationError
    from PIL import Image

    from core.uploads import validate_photo

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "PNG")
    png = bytearray(buffer.getvalue())
    header = png.find(b"IHDR")
    png[header + 4 : header + 12] = struct.pack(">II", 20_000, 20_000)  # 400 million pixels
    png[header + 17 : header + 21] = struct.pack(">I", zlib.crc32(bytes(png[header : header + 17])))
    with pytest.raises(ValidationError):
        validate_photo(SimpleUploadedFile("photo.png", bytes(png)))


def test_an_upload_with_a_path_is_stored_under_a_random_name(teacher_a):
    from core.uploads import RandomUploadPath

    upload = SimpleUploadedFile("../../etc/passwd.pdf", b"%PDF-1.4\n%%EOF\n")
    assert upload.name == "passwd.pdf"
    record = factories.make_record(teacher_a, scan=upload)
    stored = RandomUploadPath("course-records", field="scan")(record, "../../etc/passwd.pdf")
    assert stored.startswith("course-records/") and stored.endswith(".pdf") and ".." not in stored


def test_staff_detail_offers_account_creation_only_without_an_account(director_a_client, teacher_a, teacher_user):
    page = director_a_client.get(reverse("schools:staff_detail", args=[teacher_a.pk])).content.decode()
    assert reverse("schools:staff_account_create", args=[teacher_a.pk]) not in page
