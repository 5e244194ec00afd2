"""The project's own health: lint, migrations, translations and the production configuration."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    }
    result = run(sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


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
