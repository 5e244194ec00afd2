from django.contrib import admin

from certificates.models import Certificate, CertificateSettings


@admin.register(CertificateSettings)
class CertificateSettingsAdmin(admin.ModelAdmin):
    list_display = ("office", "signatory_name", "signatory_title", "default_layout", "signing_keystore")


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: certificates are issued, revoked and re-issued through the app, which keeps them whole."""

    list_display = ("serial", "holder_name", "title", "issued_on", "is_current", "revoked_at")
    search_fields = ("serial", "code", "holder_name")
    list_filter = ("kind", "is_current", "office")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
