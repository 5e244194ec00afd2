"""Every list people report from exports the rows shown on the page, with the page's filters applied."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from qualification.renewal import add_years
from tests import factories


def sheet_rows(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_plan_for_next_year_exports_the_people_due(director_a_client, school_a):
    due = factories.make_staff(school_a, surname="Мөөнөтү", hire_date=date(2000, 1, 1))
    factories.make_record(due, completed_on=add_years(date.today(), -4))
    rows = sheet_rows(director_a_client.get(reverse("qualification:plan"), {"export": "xlsx"}))
    assert [row[2] for row in rows[1:]] == ["Мөөнөтү Жаныл Абдимуталиповна"]


def test_decisions_board_exports_csv_with_bom(director_a_client):
    response = director_a_client.get(reverse("methodcouncil:decisions"), {"export": "csv"})
    assert response.status_code == 200
    assert response.content.decode("utf-8").startswith("\ufeff")


def test_pairs_export_opens_in_a_spreadsheet(methodist_client):
    rows = sheet_rows(methodist_client.get(reverse("mentorship:pairs"), {"export": "xlsx"}))
    assert len(rows[0]) == 8


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1+2", "@SUM(A1)"])
def test_csv_cells_that_would_run_as_formulas_are_quoted(value):
    from core.exports import export_response

    text = export_response("csv", "x", ["a"], [[value]]).content.decode("utf-8")
    assert f"'{value}" in text.replace('""', '"')


@pytest.mark.parametrize("surname", ['=HYPERLINK("http://x","y")', "+1+1", "-1", "@SUM(A1)"])
def test_a_surname_that_looks_like_a_formula_is_text_in_the_methodists_export(methodist_client, school_a, surname):
    factories.make_staff(school_a, surname=surname, given_name="Айгүл", patronymic="")
    response = methodist_client.get(reverse("qualification:status"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert surname in [cell.value for cell in cells]
