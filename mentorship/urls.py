from django.urls import path

from mentorship import views

app_name = "mentorship"
urlpatterns = [
    path("", views.home, name="home"),
    path("tracks/", views.tracks, name="tracks"),
    path("tracks/new/", views.track_edit, name="track_create"),
    path("tracks/<int:pk>/edit/", views.track_edit, name="track_edit"),
    path("settings/", views.settings_edit, name="settings"),
    path("mentors/", views.mentors, name="mentors"),
    path("mentors/register/", views.appointment_register, name="appointment_register"),
    path("mentors/<int:pk>/", views.appointment_detail, name="appointment_detail"),
    path("mentors/<int:pk>/edit/", views.appointment_edit, name="appointment_edit"),
    path("mentors/<int:pk>/photo/", views.appointment_photo, name="appointment_photo"),
    path("mentors/<int:pk>/certificate/", views.appointment_certificate, name="appointment_certificate"),
    path("pairs/", views.pairs, name="pairs"),
    path("pairs/new/", views.pair_create_view, name="pair_create"),
    path("pairs/<int:pk>/", views.pair_detail, name="pair_detail"),
    path("pairs/<int:pk>/edit/", views.pair_edit, name="pair_edit"),
    path("pairs/<int:pk>/close/", views.pair_close_view, name="pair_close"),
    path("pairs/<int:pk>/log/", views.pair_log_view, name="pair_log"),
    path("calendar/", views.calendar_month, name="calendar"),
    # Public: calendar programs fetch it without a session; the token in the address is the secret.
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("activities/new/", views.activity_edit, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/photo/", views.activity_photo, name="activity_photo"),
    path("plan/", views.plan, name="plan"),
    path("plan/<int:year>/start/", views.plan_create, name="plan_create"),
    path("plan/<int:year>/items/new/", views.plan_item_edit, name="plan_item_create"),
    path("plan/items/<int:pk>/edit/", views.plan_item_edit, name="plan_item_edit"),
    path("plan/items/<int:pk>/state/", views.plan_item_state, name="plan_item_state"),
    path("corner/", views.corner, name="corner"),
    path("school/", views.school_page, name="school"),
    path("my/", views.my_page, name="my"),
    path("support-schools/", views.support_schools, name="support_schools"),
    path("report/", views.report, name="report"),
]
