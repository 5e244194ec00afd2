"""Two people create meetings of the same council at the same moment: the numbers stay 1 and 2.

Each thread has its own database connection. The service is slowed down between choosing the number and
saving, so that without the lock on the council both would choose number 1. On PostgreSQL the second
waits for the first's row lock (`select_for_update`); on SQLite the IMMEDIATE transactions of the project's
settings make the second writer wait for the first.
"""

import threading
import time

import pytest
from django.db import connection

from methodcouncil import services
from tests import factories
from tests import factories_methodcouncil as mc
from tests.concurrency import threads_database

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_connections_creating_meetings_at_once_get_numbers_1_and_2(monkeypatch, tmp_path):
    school = factories.make_school(factories.make_office())
    council = mc.make_council(school)
    validate = services._validated

    def slow_validate(instance, **kwargs):
        time.sleep(0.3)  # the window in which the other connection would pick the same number
        return validate(instance, **kwargs)

    monkeypatch.setattr(services, "_validated", slow_validate)
    start = threading.Barrier(2)
    numbers, errors = [], []

    def create_meeting():
        try:
            start.wait()
            numbers.append(services.meeting_create(council=council, date=council.starts_on).number)
        except Exception as error:  # noqa: BLE001 — reported below with the numbers
            errors.append(error)
        finally:
            connection.close()

    with threads_database(tmp_path) as rows:
        threads = [threading.Thread(target=create_meeting) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        stored = rows("SELECT number FROM methodcouncil_meeting WHERE council_id = %s ORDER BY number", [council.pk])

    assert errors == []
    assert sorted(numbers) == [1, 2]
    assert stored == [(1,), (2,)]
