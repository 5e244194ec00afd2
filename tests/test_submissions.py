"""A form sent twice saves once: each create form, filled in as its page renders it, arrives two times."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from core import submissions
from qualification.models import Provider
from schools.models import StaffMember
from tests import factories
from tests.concurrency import threads_database
from tests.create_forms import CREATE_FORMS
from tests.walking import Page, writing_form


def rendered_form(client, url):
    """The form of a create page with the values it shows, its one-time token among them, and where it posts."""
    return writing_form(client, url, submissions.FIELD)


def send_twice(client, url, typed):
    action, shown = rendered_form(client, url)
    data = {**shown, **typed}
    first = client.post(action, data)
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)  # the same file again, as a browser resends it
    return first, client.post(action, data)


@pytest.mark.parametrize("create_form", CREATE_FORMS, ids=[form.__name__ for form in CREATE_FORMS])
def test_a_create_form_sent_twice_saves_once_and_both_land_on_the_saved_row(request, create_form):
    client_fixture, url, model, typed = create_form(request)
    client = request.getfixturevalue(client_fixture)
    before = model.objects.count()
    first, second = send_twice(client, url, typed)
    assert first.status_code == 302, first.context["form"].errors if first.context else first
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert model.objects.count() == before + 1
    assert "уже была отправлена" in " ".join(str(message) for message in get_messages(second.wsgi_request))


def test_a_form_that_came_back_with_errors_can_be_sent_again_once_corrected(director_a_client):
    url = reverse("schools:staff_create")
    action, shown = rendered_form(director_a_client, url)
    typed = {"surname": "Жолдошева", "given_name": "Нургүл", "position": "subject_teacher"}
    refused = director_a_client.post(action, {**shown, **typed, "hire_date": "not a date"})
    assert refused.status_code == 200
    again = Page(url, refused.content.decode())
    tokens = [dict(form.fields)[submissions.FIELD] for form in again.forms if submissions.FIELD in dict(form.fields)]
    assert tokens == [shown[submissions.FIELD]]  # the page keeps the token of the submission that did not save
    saved = director_a_client.post(action, {**shown, **typed, "hire_date": "2015-09-01"})
    assert saved.status_code == 302
    assert StaffMember.objects.filter(surname="Жолдошева").count() == 1


def test_a_token_is_one_users_own(methodist, office, teacher_a):
    """Another account sending the same token is a submission of its own, not a replay of the first."""
    url = reverse("qualification:provider_create")
    first_client, second_client = Client(), Client()
    first_client.force_login(methodist)
    second_client.force_login(factories.make_methodist(office, username="second"))
    action, shown = rendered_form(first_client, url)
    for client, name in ((first_client, "Академия"), (second_client, "Колледж")):
        assert client.post(action, {**shown, "name": name, "kind": "other"}).status_code == 302
    assert sorted(Provider.objects.values_list("name", flat=True)) == ["Академия", "Колледж"]


@pytest.mark.django_db(transaction=True)
def test_two_arrivals_at_the_same_moment_save_once(tmp_path):
    """Two connections send the same submission together: one saves, the other waits and lands on its row."""
    office = factories.make_office()
    methodist = factories.make_methodist(office, username="parallel")
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(methodist)
    action, shown = rendered_form(clients[0], reverse("qualification:provider_create"))
    data = {**shown, "name": "Академия", "kind": "other"}
    start = threading.Barrier(2)
    responses, errors = [], []

    def send(client):
        try:
            start.wait()
            responses.append(client.post(action, data))
        except Exception as error:  # noqa: BLE001 — reported below with the responses
            errors.append(error)
        finally:
            connection.close()

    with threads_database(tmp_path) as rows:
        threads = [threading.Thread(target=send, args=[client]) for client in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        providers = rows("SELECT count(*) FROM qualification_provider WHERE name = %s", ["Академия"])
        claims = rows("SELECT count(*) FROM schools_submission WHERE user_id = %s", [methodist.pk])

    assert errors == []
    assert sorted(response.status_code for response in responses) == [302, 302]
    assert len({response["Location"] for response in responses}) == 1
    assert (providers, claims) == ([(1,)], [(1,)])
