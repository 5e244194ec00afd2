from django.urls import path

from schools import staff_import_views, views

app_name = "schools"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("schools/", views.school_list, name="school_list"),
    path("schools/new/", views.school_create, name="school_create"),
    path("schools/<int:pk>/", views.school_detail, name="school_detail"),
    path("schools/<int:pk>/edit/", views.school_edit, name="school_edit"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/account/", views.staff_account_create, name="staff_account_create"),
    path("history/<str:label>/<int:pk>/", views.history, name="history"),
    path("imports/staff/", staff_import_views.staff_upload, name="import_staff"),
    path("imports/staff/check/", staff_import_views.staff_confirm, name="import_staff_confirm"),
    path("imports/staff/errors/", staff_import_views.staff_errors, name="import_staff_errors"),
    path("imports/staff/cancel/", staff_import_views.staff_cancel, name="import_staff_cancel"),
    path("imports/staff/template/", staff_import_views.staff_template, name="import_staff_template"),
]
