from django.contrib import admin
from django.urls import include, path

from certificates import views as certificate_views
from home import views as home_views
from schools import views as school_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("accounts/password_change/", school_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("healthz", school_views.healthz, name="healthz"),
    path("i18n/setlang/", school_views.set_language, name="set_language"),
    path("", include("home.urls")),
    path("", include("schools.urls")),
    path("imports/", home_views.import_index, name="import_index"),
    path("imports/cohort/", include("qualification.import_urls")),
    path("qualification/", include("qualification.urls")),
    path("certificates/", include("certificates.urls")),
    path("mentorship/", include("mentorship.urls")),
    path("council/", include("methodcouncil.urls")),
    path("partners/", include("partners.urls")),
    path("verify/", certificate_views.verify, name="verify"),
    path("verify/document/", certificate_views.verify_document, name="verify_document"),
    path("verify/<str:code>/", certificate_views.verify_code, name="verify_code"),
    path("verify/<str:code>/credential/", certificate_views.verify_credential, name="verify_credential"),
    path("credentials/offices/<int:pk>/did.json", certificate_views.credential_issuer, name="credential_issuer"),
    path("credentials/offices/<int:pk>/status", certificate_views.credential_status, name="credential_status"),
    path("admin/", admin.site.urls),
]
