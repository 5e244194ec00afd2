from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from schools.models import DistrictOffice, School, StaffMember, StaffTransfer, Subject, User


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
class DistrictOfficeAdmin(admin.ModelAdmin):
    list_display = ("name_ru", "region", "country", "code")


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "office", "kind", "is_support_school")
    list_filter = ("office", "kind", "is_support_school")
    search_fields = ("name", "number")


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("code", "name_ky", "name_kk", "name_ru")


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ("surname", "given_name", "patronymic", "school", "position", "is_active")
    list_filter = ("position", "is_active", "school__office")
    search_fields = ("surname", "given_name")
    autocomplete_fields = ("school", "user")
    filter_horizontal = ("subjects",)


@admin.register(StaffTransfer)
class StaffTransferAdmin(admin.ModelAdmin):
    list_display = ("staff_member", "from_school", "to_school", "moved_on")
