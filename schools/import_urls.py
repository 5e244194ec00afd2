"""Spreadsheet imports, included by schools/urls.py under "imports/" (so reversed as "schools:import_…")."""

from django.urls import path

from schools import import_views

urlpatterns = [
    path("", import_views.index, name="import_index"),
    path("staff/", import_views.staff_upload, name="import_staff"),
    path("staff/check/", import_views.staff_confirm, name="import_staff_confirm"),
    path("staff/errors/", import_views.staff_errors, name="import_staff_errors"),
    path("staff/cancel/", import_views.staff_cancel, name="import_staff_cancel"),
    path("staff/template/", import_views.staff_template, name="import_staff_template"),
    path("cohort/", import_views.cohort_upload, name="import_cohort"),
    path("cohort/check/", import_views.cohort_confirm, name="import_cohort_confirm"),
    path("cohort/errors/", import_views.cohort_errors, name="import_cohort_errors"),
    path("cohort/cancel/", import_views.cohort_cancel, name="import_cohort_cancel"),
    path("cohort/template/", import_views.cohort_template, name="import_cohort_template"),
]
