"""The course cohort import, included by the root URLconf under "imports/cohort/" beside the staff-list import
(so that the addresses people know stay as they were), in a namespace of its own: "cohort_import:…"."""

from django.urls import path

from qualification import cohort_import_views

app_name = "cohort_import"
urlpatterns = [
    path("", cohort_import_views.cohort_upload, name="upload"),
    path("check/", cohort_import_views.cohort_confirm, name="confirm"),
    path("errors/", cohort_import_views.cohort_errors, name="errors"),
    path("cancel/", cohort_import_views.cohort_cancel, name="cancel"),
    path("template/", cohort_import_views.cohort_template, name="template"),
]
