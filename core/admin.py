from django.contrib import admin

from core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """History is evidence: it can be read here, never written or changed."""

    list_display = ("at", "content_type", "object_id", "action", "source", "actor")
    list_filter = ("action", "source", "content_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
