from django.urls import include, path

from schools import views

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
    path("imports/", include("schools.import_urls")),
]
