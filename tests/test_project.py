"""The project's own health: lint, migrations, translations and the production configuration."""

import gettext
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import django
import pytest
from django.core import mail

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["ky", "kk", "ru"]


def run(*args, env=None, cwd=ROOT):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted():
    result = run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_models_and_migrations_agree():
    result = run(sys.executable, "manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def production_environment():
    # The test run allows async-unsafe calls for the browser journeys; production never does.
    return {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_production_settings_pass_the_deploy_check():
    env = {
        **production_environment(),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "k3y-for-the-deploy-check-" + "x7Qz!pL2#vR9" * 4,
        "DJANGO_ALLOWED_HOSTS": "ustat.example.org",
        "DJANGO_EMAIL_HOST": "smtp.example.org",
        "DJANGO_ADMINS": ADMINS,
    }
    result = run(sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


ADMINS = '"Асанова, Айда" <aida@example.org>, Бакыт Осмонов <bakyt@example.kg>, ops@example.org'


def settings_in(env, name):
    code = f"import json, django; django.setup(); from django.conf import settings; print(json.dumps(settings.{name}))"
    env = {**production_environment(), "DJANGO_SETTINGS_MODULE": "ustat.settings", **env}
    return run(sys.executable, "-c", code, env=env)


def test_the_admins_are_read_from_the_environment():
    result = settings_in({"DJANGO_ADMINS": ADMINS}, "ADMINS")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        '"Асанова, Айда" <aida@example.org>',
        '"Бакыт Осмонов" <bakyt@example.kg>',
        "ops@example.org",
    ]
    assert json.loads(settings_in({"DJANGO_ADMINS": ""}, "ADMINS").stdout) == []


@pytest.mark.parametrize("value", ["aida at example.org", "aida@example.org; ops@example.org", "@example.org"])
def test_a_malformed_admins_list_is_refused(value):
    result = settings_in({"DJANGO_ADMINS": value}, "ADMINS")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_ADMINS must be e-mail addresses" in result.stderr


def test_an_error_is_mailed_to_the_admins_once_in_production(settings):
    settings.ADMINS = ["ops@example.org"]
    settings.DEBUG = True
    logging.getLogger("django.request").error("Internal Server Error: /qualification/")
    assert mail.outbox == []
    settings.DEBUG = False
    logging.getLogger("django.request").error("Internal Server Error: /qualification/")
    logging.getLogger("certificates.services").error("certificate batch 7 failed")
    logging.getLogger("certificates.services").warning("a font was replaced")
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["ops@example.org"], "[Ustat] ERROR: Internal Server Error: /qualification/"),
        (["ops@example.org"], "[Ustat] ERROR: certificate batch 7 failed"),
    ]


def test_development_key_fails_the_deploy_check():
    env = {**production_environment(), "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": ""}
    result = run(sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory):
    """The catalogs as makemessages would leave them after extracting today's source."""
    copy = tmp_path_factory.mktemp("ustat") / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "static", "bench-results", "test-results", "mutants"),
    )
    args = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"]
    args += [f"--locale={language}" for language in LANGUAGES]
    result = run(*args, "--ignore=tests/*", "--ignore=build/*", cwd=copy)
    assert result.returncode == 0, result.stderr
    return copy / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(fresh_catalogs, language):
    catalog = fresh_catalogs / language / "LC_MESSAGES" / "django.po"
    result = run("msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalog))
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


# Ustat's wording of the messages Django itself shows (form errors, date names): a catalog beside locale/ that
# makemessages never writes, merged by Django over its own (see LOCALE_PATHS).
DJANGO_MESSAGES = ROOT / "locale-django"


@pytest.mark.parametrize("language", LANGUAGES)
def test_djangos_messages_are_all_translated(language):
    catalog = DJANGO_MESSAGES / language / "LC_MESSAGES" / "django.po"
    result = run("msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalog))
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


def compiled_msgids(catalog, mo_file):
    result = run("msgfmt", "-o", str(mo_file), str(catalog))
    assert result.returncode == 0, result.stderr
    with open(mo_file, "rb") as compiled:
        keys = gettext.GNUTranslations(compiled)._catalog
    # A plural message is keyed (msgid, form); a message with a context, "context\x04msgid".
    return {key[0] if isinstance(key, tuple) else key for key in keys} - {""}


@pytest.fixture(scope="module")
def djangos_msgids(tmp_path_factory):
    """Every msgid of the installed Django and its contrib apps, from their English source catalogs."""
    folder = tmp_path_factory.mktemp("django-en")
    installed = Path(django.__file__).parent
    sources = [installed / "conf/locale/en/LC_MESSAGES/django.po"]
    sources += sorted(installed.glob("contrib/*/locale/en/LC_MESSAGES/django.po"))
    result = run("msgcat", "--use-first", "-o", str(folder / "all.po"), *map(str, sources))
    assert result.returncode == 0, result.stderr
    # The English catalogs leave every msgstr empty; msgen copies the msgids in, so that all compile.
    result = run("msgen", "-o", str(folder / "english.po"), str(folder / "all.po"))
    assert result.returncode == 0, result.stderr
    return compiled_msgids(folder / "english.po", folder / "english.mo")


@pytest.mark.parametrize("language", LANGUAGES)
def test_djangos_messages_are_exactly_djangos_msgids(djangos_msgids, language, tmp_path):
    """A msgid one character off Django's (a straight quote for a curly one) would silently never apply."""
    ours = compiled_msgids(DJANGO_MESSAGES / language / "LC_MESSAGES" / "django.po", tmp_path / "ours.mo")
    assert len(ours) > 200
    assert ours <= djangos_msgids, sorted(ours - djangos_msgids)
