from django.contrib import admin

from partners.models import (
    Adoption,
    AdoptionStageChange,
    Contribution,
    Direction,
    League,
    LeagueEvent,
    LeagueMembership,
    PartnerOrganisation,
    Project,
    ProviderLink,
)


class MembershipInline(admin.TabularInline):
    model = LeagueMembership
    raw_id_fields = ("school",)
    extra = 0


class DirectionInline(admin.TabularInline):
    model = Direction
    extra = 0


@admin.register(League)
class LeagueAdmin(admin.ModelAdmin):
    list_display = ("name", "office", "academic_year", "target_projects", "target_schools", "coordinator")
    list_filter = ("office",)
    inlines = [DirectionInline, MembershipInline]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("title", "owner_school", "direction", "state", "started_on")
    list_filter = ("league", "state")
    search_fields = ("title",)
    raw_id_fields = ("owner_school", "direction")


class StageChangeInline(admin.TabularInline):
    model = AdoptionStageChange
    extra = 0
    readonly_fields = ("from_stage", "to_stage", "changed_at", "changed_by", "reason")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    """Stages change through the app, which keeps their history; here they are only looked at."""

    list_display = ("project", "school", "stage", "adopted_on")
    list_filter = ("stage",)
    raw_id_fields = ("project", "school", "contact_person")
    inlines = [StageChangeInline]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LeagueEvent)
class LeagueEventAdmin(admin.ModelAdmin):
    list_display = ("topic", "kind", "held_on", "host_school")
    list_filter = ("league", "kind")


class ProviderLinkInline(admin.TabularInline):
    model = ProviderLink
    extra = 0


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "office")
    list_filter = ("office", "kind")
    search_fields = ("name",)
    inlines = [ProviderLinkInline]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ("organisation", "kind", "given_on", "value", "currency")
    list_filter = ("kind",)
    filter_horizontal = ("schools", "courses")
