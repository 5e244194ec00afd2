"""A batch of certificates comes out in the order the methodist hands them out: school by school, then by name."""

import io
import re
import subprocess
import zipfile

import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from qualification.certificates import issue_for_records
from tests import factories
from tests.walking import Page

# Created in this order, so that neither the order of creation (ids) nor the names alone give the print order.
PEOPLE = [
    (7, "Токтогулов", "Нурлан"),
    (2, "Асанова", "Бермет"),
    (10, "Абдыкеров", "Азамат"),
    (2, "Жумабаева", "Гүлнара"),
    (7, "Байсалов", "Эрлан"),
    (2, "Асанова", "Айгерим"),
    (10, "Бекова", "Назира"),
    (7, "Алиев", "Руслан"),
    (2, "Эшматова", "Зарина"),
    (10, "Абдыкеров", "Бакыт"),
]
# School No. 2 before No. 10 (by number, not by name: "№10" sorts before "№2"), then surname, then given name.
# Ten of them, so that file numbers "1" to "10" must be padded to sort in print order.
PRINT_ORDER = [
    "Асанова Айгерим",
    "Асанова Бермет",
    "Жумабаева Гүлнара",
    "Эшматова Зарина",
    "Алиев Руслан",
    "Байсалов Эрлан",
    "Токтогулов Нурлан",
    "Абдыкеров Азамат",
    "Абдыкеров Бакыт",
    "Бекова Назира",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def records(office, school_a, school_b):
    factories.make_certificate_settings(office)
    schools = {2: school_a, 7: school_b, 10: factories.make_school(office, number=10, name="№10 орто мектеби")}
    course = factories.make_course(office, title="Инклюзивдик билим берүү")
    return [
        factories.make_record(factories.make_staff(schools[number], surname=surname, given_name=given_name), course)
        for number, surname, given_name in PEOPLE
    ]


def holders_of_pages(path):
    """The holder printed on each page of a PDF, page by page, as pdftotext reads them."""
    pages = int(next(line.split()[-1] for line in _pdfinfo(path) if line.startswith("Pages:")))
    holders = []
    for number in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        holders.append([name for name in PRINT_ORDER if name in text])
    return holders


def _pdfinfo(path):
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode("utf-8").splitlines()


def holders_of_entries(names):
    return [[name for name in PRINT_ORDER if name in entry] for entry in names]


def test_a_batch_issued_from_the_page_prints_and_zips_school_by_school_then_by_name(
    methodist_client, records, tmp_path
):
    # The page asks for the course first; the records of the chosen one are listed to issue.
    issue_url = reverse("certificates:issue")
    forms = Page(issue_url, methodist_client.get(issue_url).content.decode()).forms
    chooser = next(form for form in forms if form.method == "get" and "course" in form.selects)
    (course,) = [value for value in chooser.selects["course"] if value]
    issue_url = f"{issue_url}?course={course}"
    page = Page(issue_url, methodist_client.get(issue_url).content.decode())
    form = next(form for form in page.forms if form.method == "post" and "records" in dict(form.fields))
    data = {"layout": "ky", "records": [value for name, value in form.fields if name == "records"]}
    data |= {name: value for name, value in form.fields if name != "records"}
    assert len(data["records"]) == len(PEOPLE)

    batch_page = methodist_client.post(issue_url, data, follow=True)
    links = Page(batch_page.request["PATH_INFO"], batch_page.content.decode()).links
    merged_href = next(link.href for link in links if link.href.endswith("download.pdf"))
    zip_href = next(link.href for link in links if link.href.endswith("download.zip"))

    merged = tmp_path / "merged.pdf"
    merged.write_bytes(b"".join(methodist_client.get(merged_href).streaming_content))
    assert holders_of_pages(merged) == [[name] for name in PRINT_ORDER]

    archive = zipfile.ZipFile(io.BytesIO(b"".join(methodist_client.get(zip_href).streaming_content)))
    names = archive.namelist()
    assert holders_of_entries(names) == [[name] for name in PRINT_ORDER]
    assert sorted(names) == names, "an unpacked folder sorted by name lists the files in print order"
    serials = Certificate.objects.in_bulk(field_name="serial")
    assert len({name.split()[1] for name in names} & set(serials)) == len(PEOPLE), "each file names its serial"


def test_certificates_issued_before_the_batch_keep_their_place_in_every_chunk(
    records, methodist, monkeypatch, tmp_path
):
    # Chunks of three; the first and the third hold a certificate issued earlier, which comes back apart from the new.
    monkeypatch.setattr(services, "RENDER_CHUNK", 3)
    earlier = [records[1], records[0]]  # Асанова Бермет (2nd in print), Токтогулов Нурлан (7th)
    issue_for_records(record_ids=[record.pk for record in earlier], layout="ky", by=methodist)

    batch = services.create_batch(record_ids=[record.pk for record in records], layout="ky", by=methodist)
    services.run_batch(batch)

    batch.refresh_from_db()
    assert (batch.state, batch.done, batch.total) == ("done", len(PEOPLE), len(PEOPLE))
    assert Certificate.objects.count() == len(PEOPLE)
    assert holders_of_pages(batch.merged_pdf.path) == [[name] for name in PRINT_ORDER]
    with zipfile.ZipFile(batch.zip_file.path) as archive:
        names = archive.namelist()
    assert holders_of_entries(names) == [[name] for name in PRINT_ORDER]
    # The earlier serials are lower, yet an unpacked folder still lists the files in print order.
    assert sorted(names) == names


def test_the_batch_page_shows_the_count_issued_so_far_and_refreshes_until_done(
    records, methodist, methodist_client, monkeypatch
):
    methodist.language = "ru"
    methodist.save(update_fields=["language"])
    monkeypatch.setattr(services, "RENDER_CHUNK", 2)
    batch = services.create_batch(record_ids=[record.pk for record in records], layout="ky", by=methodist)
    batch_url = reverse("certificates:batch", args=[batch.pk])
    shown = []
    store_chunk = services._store_chunk

    # Chunks are laid out ahead; the page is looked at as each one is about to be stored.
    def look_then_store(*chunk):
        shown.append(methodist_client.get(batch_url).content.decode())
        return store_chunk(*chunk)

    monkeypatch.setattr(services, "_store_chunk", look_then_store)
    services.run_batch(batch)
    shown.append(methodist_client.get(batch_url).content.decode())

    total = len(PEOPLE)
    for done, html in zip(range(0, total + 1, 2), shown, strict=True):
        assert f"Выдано {done} из {total}" in html
        assert re.search(rf'<progress[^>]* max="{total}" value="{done}"', html)
        assert ('<meta http-equiv="refresh"' in html) == (done < total)
