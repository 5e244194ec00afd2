from django.urls import path

from qualification import exchange_views, rule_views, status_page, views

app_name = "qualification"
urlpatterns = [
    path("status/", status_page.status, name="status"),
    path("overview/", status_page.overview, name="overview"),
    path("summary/", views.country_summary, name="country_summary"),
    path("plan/", views.plan, name="plan"),
    path("digest/", views.digest, name="digest"),
    path("records/pending/", views.pending, name="pending"),
    path("records/<int:pk>/", views.record_detail, name="record_detail"),
    path("records/<int:pk>/confirm/", views.record_confirm_view, name="record_confirm"),
    path("records/<int:pk>/reject/", views.record_reject_view, name="record_reject"),
    path("records/<int:pk>/scan/", views.record_scan, name="record_scan"),
    path("my/", views.my_courses, name="my_courses"),
    path("my/report/", views.course_report, name="course_report"),
    path("my/request/", views.course_request_create, name="course_request"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/attestations/new/", views.attestation_record, name="attestation_record"),
    path("requests/", views.requests, name="requests"),
    path("requests/<int:pk>/decide/", views.request_decide_view, name="request_decide"),
    path("courses/", views.courses, name="courses"),
    path("courses/new/", views.course_edit, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("courses/<int:pk>/cohort/", views.cohort, name="cohort"),
    path("providers/", views.providers, name="providers"),
    path("providers/new/", views.provider_edit, name="provider_create"),
    path("providers/<int:pk>/edit/", views.provider_edit, name="provider_edit"),
    path("exchange/", exchange_views.exchange, name="exchange"),
    path("exchange/import/", exchange_views.import_check, name="exchange_import"),
    path("exchange/import/cancel/", exchange_views.import_cancel, name="exchange_import_cancel"),
    path("rule/", rule_views.policy, name="policy"),
    path("rule/recomputations/<int:pk>/", rule_views.recomputation, name="recomputation"),
]
