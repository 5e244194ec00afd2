from django.contrib import admin

from methodcouncil.models import ConsideredDocument, Council, CouncilMember, Decision, Meeting


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    raw_id_fields = ("staff_member",)
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "academic_year", "school", "office")
    list_filter = ("office", "academic_year")
    search_fields = ("name", "school__name")
    raw_id_fields = ("school",)
    inlines = [CouncilMemberInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    """Read-mostly: numbering and signing go through the app, which keeps numbers gap-free and protocols locked."""

    list_display = ("council", "number", "date", "state")
    list_filter = ("state", "council__office")
    readonly_fields = ("council", "number", "state", "signed_at", "signed_by")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("text", "responsible", "deadline", "state")
    list_filter = ("state",)
    raw_id_fields = ("agenda_item", "responsible")


@admin.register(ConsideredDocument)
class ConsideredDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "council", "approved_on")
    list_filter = ("kind",)
    raw_id_fields = ("council", "considered_at")
