from django.contrib import admin
from django.urls import include, path

from schools import views as school_views

urlpatterns = [
    path("", school_views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", school_views.set_language, name="set_language"),
    path("", include("schools.urls")),
    path("qualification/", include("qualification.urls")),
    path("admin/", admin.site.urls),
]
