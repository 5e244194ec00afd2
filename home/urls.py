"""Pages of the top app that compose the domain apps; their paths stay where readers knew them."""

from django.urls import path

from home import attestation

app_name = "home"
urlpatterns = [
    path("qualification/attestation/", attestation.attestation, name="attestation"),
    path("certificates/attestation-file/<int:pk>/", attestation.attestation_file_pdf, name="attestation_file"),
    path(
        "certificates/attestation-file/<int:pk>/scans.zip", attestation.attestation_file_scans, name="attestation_scans"
    ),
]
