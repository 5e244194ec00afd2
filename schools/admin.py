from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core import versions
from schools.models import DistrictOffice, School, StaffMember, StaffTransfer, Subject, User


class RenewsCachedPages:
    """An edit here changes what offices' cached pages show (`core.versions`): as after the same edit in the
    app, they are drawn again on the next read, for the office the row belonged to and the one it belongs to."""

    office_path = None  # from the row to its office's id

    def _offices(self, queryset):
        return set(queryset.values_list(self.office_path, flat=True))

    def save_model(self, request, obj, form, change):
        before = self._offices(type(obj).objects.filter(pk=obj.pk)) if change else set()
        super().save_model(request, obj, form, change)
        versions.office_changed(before | self._offices(type(obj).objects.filter(pk=obj.pk)))

    def delete_model(self, request, obj):
        offices = self._offices(type(obj).objects.filter(pk=obj.pk))
        super().delete_model(request, obj)
        versions.office_changed(offices)

    def delete_queryset(self, request, queryset):
        offices = self._offices(queryset)
        super().delete_queryset(request, queryset)
        versions.office_changed(offices)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Role in Ustat"), {"fields": ("role", "office", "school", "language")}),
    )
    list_display = ("username", "last_name", "first_name", "role", "office", "school", "is_active")
    list_filter = ("role", "is_active", "office")
    autocomplete_fields = ("school",)


@admin.register(DistrictOffice)
class DistrictOfficeAdmin(RenewsCachedPages, admin.ModelAdmin):
    office_path = "pk"
    list_display = ("name_ru", "region", "country", "code")


@admin.register(School)
class SchoolAdmin(RenewsCachedPages, admin.ModelAdmin):
    office_path = "office"
    list_display = ("number", "name", "office", "kind", "is_support_school")
    list_filter = ("office", "kind", "is_support_school")
    search_fields = ("name", "number")


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("code", "name_ky", "name_kk", "name_ru")


@admin.register(StaffMember)
class StaffMemberAdmin(RenewsCachedPages, admin.ModelAdmin):
    office_path = "school__office"
    list_display = ("surname", "given_name", "patronymic", "school", "position", "is_active")
    list_filter = ("position", "is_active", "school__office")
    search_fields = ("surname", "given_name")
    autocomplete_fields = ("school", "user")
    filter_horizontal = ("subjects",)


@admin.register(StaffTransfer)
class StaffTransferAdmin(admin.ModelAdmin):
    list_display = ("staff_member", "from_school", "to_school", "moved_on")
