from django.urls import path

from methodcouncil import decision_views, meeting_views, views

app_name = "methodcouncil"
urlpatterns = [
    path("", views.home, name="home"),
    path("overview/", views.overview, name="overview"),
    path("mine/", decision_views.mine, name="mine"),
    path("councils/", views.councils, name="councils"),
    path("councils/new/", views.council_create, name="council_create"),
    path("councils/<int:pk>/", views.council, name="council"),
    path("councils/<int:pk>/members/", views.council_members, name="council_members"),
    path("councils/<int:pk>/associations/", views.council_associations, name="council_associations"),
    path("councils/<int:pk>/meetings/", meeting_views.meetings, name="meetings"),
    path("councils/<int:pk>/meetings/new/", meeting_views.meeting_create, name="meeting_create"),
    path("councils/<int:pk>/plan/", views.council_plan, name="council_plan"),
    path("councils/<int:council_pk>/documents/new/", views.document_edit, name="document_create"),
    path("plan-items/<int:pk>/delete/", views.plan_item_delete, name="plan_item_delete"),
    path("meetings/<int:pk>/", meeting_views.meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", meeting_views.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/attendance/", meeting_views.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/items/<int:item_pk>/minutes/", meeting_views.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/sign/", meeting_views.meeting_sign, name="meeting_sign"),
    path("meetings/<int:pk>/amend/", meeting_views.meeting_amend, name="meeting_amend"),
    path("meetings/<int:pk>/protocol.pdf", meeting_views.meeting_protocol, name="meeting_protocol"),
    path("decisions/", decision_views.decisions, name="decisions"),
    path("decisions/<int:pk>/state/", decision_views.decision_state, name="decision_state"),
    path("decisions/<int:pk>/recommend/", decision_views.recommendation_create, name="recommendation_create"),
    path("recommendations/<int:pk>/delete/", decision_views.recommendation_delete, name="recommendation_delete"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/file/", views.document_file, name="document_file"),
]
