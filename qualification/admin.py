from django.contrib import admin

from qualification.models import Course, CourseRecord, CourseRequest, Provider, RenewalPolicy


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "office")
    list_filter = ("office", "kind")
    search_fields = ("name",)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "provider", "kind", "hours", "starts_on", "office")
    list_filter = ("office", "kind", "mode", "funding")
    search_fields = ("title",)


@admin.register(CourseRecord)
class CourseRecordAdmin(admin.ModelAdmin):
    """Read-only here: records change through the app, which keeps everyone's renewal standing in step."""

    list_display = ("staff_member", "course", "hours", "completed_on", "state")
    list_filter = ("state", "course__kind")
    search_fields = ("staff_member__surname", "course__title")
    raw_id_fields = ("staff_member", "course")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(RenewalPolicy)
class RenewalPolicyAdmin(admin.ModelAdmin):
    list_display = ("office", "min_hours", "period_years", "counting", "applies_from")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CourseRequest)
class CourseRequestAdmin(admin.ModelAdmin):
    list_display = ("staff_member", "topic", "state", "created_at")
    list_filter = ("state",)
