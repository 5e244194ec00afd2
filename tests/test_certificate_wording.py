"""A certificate's every line is in one language: each block in its own, never another language's wording around
a name, and a line that reads the same in both languages printed once. Read back from the PDF with pdftotext."""

import subprocess
from datetime import date

import pytest
from django.core.cache import cache

from certificates.models import Layout
from certificates.wording import wording
from mentorship.certificates import issue_for_appointment
from qualification.certificates import issue_for_records
from qualification.models import CourseRun
from tests import factories
from tests import factories_mentorship as mf

# Letters of the Kyrgyz and Kazakh alphabets that Russian does not have.
NOT_RUSSIAN = set("ңөүәғқұһіҢӨҮӘҒҚҰҺІ")
KYRGYZ_OFFICE = {
    "name_ky": "Ала-Бука районунун билим берүү бөлүмү",
    "name_kk": "Ала-Бука аудандық білім бөлімі",
    "name_ru": "Ала-Букинский районный отдел образования",
}
SIGNATORY_TITLES = {
    "signatory_title": "Бөлүм башчысы",
    "signatory_title_ky": "Билим берүү бөлүмүнүн башчысы",
    "signatory_title_kk": "Білім бөлімінің басшысы",
    "signatory_title_ru": "Заведующий отделом образования",
}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def office():
    office = factories.make_office(**KYRGYZ_OFFICE)
    factories.make_certificate_settings(office, signatory_name="Э. К. Токтосунов", **SIGNATORY_TITLES)
    return office


@pytest.fixture
def person(office):
    return factories.make_staff(
        factories.make_school(office), surname="Өмүрова", given_name="Айгүл", patronymic="Токтосуновна", gender="female"
    )


def course_certificate(office, person, methodist, layout, **course_fields):
    fields = {"title": "Санарип сабаттуулук", "title_ru": "Цифровая грамотность", "title_kk": "Цифрлық сауаттылық"}
    course = factories.make_course(office, **{**fields, **course_fields})
    run = CourseRun.objects.create(course=course, starts_on=date(2026, 3, 10), ends_on=date(2026, 3, 14))
    record = factories.make_record(person, course, run=run, started_on=run.starts_on, completed_on=run.ends_on)
    _document, new, _existing = issue_for_records(record_ids=[record.pk], layout=layout, by=methodist)
    return new[0]


def mentorship_certificate(office, person, methodist, layout):
    track = mf.make_track(office, name_ky="Көркөм өнөр", name_kk="Көркем өнер", name_ru="Искусство")
    appointment = mf.make_appointment(person, track)
    return issue_for_appointment(appointment=appointment, by=methodist, layout=layout)


def pdf_lines(certificate):
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", certificate.pdf.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def proper_names(certificate):
    """Lines that are names, numbers and addresses: the same in every language."""
    return [
        certificate.holder_name,
        f"№ {certificate.serial}",
        certificate.signatory_name,
        certificate.code,
        certificate.get_verification_url(),
    ]


def languages_of(line, certificate):
    """The languages whose wording contains this line (a long text wraps onto several lines)."""
    texts = {}
    for block in wording(certificate)["blocks"]:
        values = [block.office_name, block.heading, block.certifies, block.what, f"«{block.title}»"]
        texts[block.language] = [*values, block.details, block.signatory_title, block.issued]
    line = line.lower()  # office names print in capitals
    return {language for language, values in texts.items() if any(line in value.lower() for value in values)}


KINDS = {"course": course_certificate, "mentorship": mentorship_certificate}


@pytest.mark.parametrize("layout", Layout.values)
@pytest.mark.parametrize("kind", KINDS)
def test_every_line_of_the_pdf_belongs_to_one_language_block(office, person, methodist, kind, layout):
    certificate = KINDS[kind](office, person, methodist, layout)
    names = proper_names(certificate)
    for line in pdf_lines(certificate):
        if any(line in name or name in line for name in names):
            continue
        found = languages_of(line, certificate)
        assert found, f"{line!r} is in no language block of {layout}"
        assert found <= set(Layout.languages(layout)), line
        if len(found) > 1:  # the same words in both languages: printed once
            assert pdf_lines(certificate).count(line) == 1, line


@pytest.mark.parametrize("layout", ["ky+ru", "kk+ru", "ru"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_russian_block_has_no_kyrgyz_or_kazakh_letters_outside_names(office, person, methodist, kind, layout):
    certificate = KINDS[kind](office, person, methodist, layout)
    russian = next(block for block in wording(certificate)["blocks"] if block.language == "ru")
    for text in (russian.office_name, russian.certifies, russian.what, russian.title, russian.details):
        assert not set(text) & NOT_RUSSIAN, text
    assert not set(russian.signatory_title) & NOT_RUSSIAN
    text = " ".join(pdf_lines(certificate))
    assert russian.title in text and russian.signatory_title in text
    assert "(а)" not in text and "(ла)" not in text


def test_the_russian_wording_follows_the_holders_gender_or_needs_none(office, person, methodist, teacher_b):
    female = course_certificate(office, person, methodist, "ru")
    assert "прошла курс повышения квалификации" in " ".join(pdf_lines(female))
    teacher_b.gender = ""
    teacher_b.save()
    unknown = course_certificate(office, teacher_b, methodist, "ru", title="Инклюзия", title_ru="Инклюзия")
    text = " ".join(pdf_lines(unknown))
    assert "удостоверяет" in text and "прохождение курса повышения квалификации" in text
    assert "прошла" not in text and "прошёл" not in text


def test_words_that_read_the_same_in_both_languages_print_once(office, person, methodist):
    lines = pdf_lines(course_certificate(office, person, methodist, "ky+ru"))
    assert lines.count("СЕРТИФИКАТ") == 1
    assert "СЕРТИФИКАТ / СЕРТИФИКАТ" not in " ".join(lines)


def test_a_course_without_a_russian_title_prints_the_title_as_entered_and_nothing_else_kyrgyz(
    office, person, methodist
):
    certificate = course_certificate(office, person, methodist, "ky+ru", title_ru="")
    ky, ru = wording(certificate)["blocks"]
    assert ru.title == "Санарип сабаттуулук"  # the title as entered, a name in any language
    assert ru.what == "прошла курс повышения квалификации"
    assert ky.title == "Санарип сабаттуулук"


def test_the_signatory_title_prints_in_each_language_of_the_layout(office, person, methodist):
    text = " ".join(pdf_lines(course_certificate(office, person, methodist, "kk+ru")))
    assert "Білім бөлімінің басшысы" in text and "Заведующий отделом образования" in text
    assert "Билим берүү бөлүмүнүн башчысы" not in text
