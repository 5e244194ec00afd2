from django.contrib import admin

from mentorship.models import Activity, MentorAppointment, MentorshipSettings, Pair, PlanItem, Track, WorkPlan


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "name_ky", "office", "code", "order", "responsible")
    list_filter = ("office",)


@admin.register(MentorshipSettings)
class MentorshipSettingsAdmin(admin.ModelAdmin):
    list_display = ("office", "max_mentees_per_mentor")


@admin.register(MentorAppointment)
class MentorAppointmentAdmin(admin.ModelAdmin):
    """Read-only here: the app's services check terms against each other and resize photos."""

    list_display = ("staff_member", "track", "order_number", "starts_on", "ends_on")
    list_filter = ("track__office", "track")
    search_fields = ("staff_member__surname", "order_number")
    raw_id_fields = ("staff_member",)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Pair)
class PairAdmin(admin.ModelAdmin):
    """Read-only here: the limit of mentees and the other pair rules live in the app's services."""

    list_display = ("appointment", "mentee", "track", "starts_on", "ends_on", "state")
    list_filter = ("state", "track__office", "track")
    search_fields = ("mentee__surname", "appointment__staff_member__surname")
    raw_id_fields = ("appointment", "mentee")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("topic", "kind", "starts_at", "host_school", "office", "is_announced")
    list_filter = ("office", "kind", "is_announced")
    search_fields = ("topic",)
    raw_id_fields = ("participants", "pair", "host_school", "plan_item")


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    fields = ("what", "planned_month", "planned_on", "responsible", "track", "state", "state_reason")


@admin.register(WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    list_display = ("__str__", "office", "note")
    list_filter = ("office",)
    inlines = [PlanItemInline]
