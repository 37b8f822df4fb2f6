from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from regions.models import Organisation, Region, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "website")
    search_fields = ("name", "slug")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "ods_code", "type", "region")
    list_filter = ("type", "region")
    search_fields = ("name", "ods_code")
    list_select_related = ("region",)


@admin.register(User)
class PscUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "national_role", "is_staff")
    list_filter = ("national_role", "is_api_client", "is_staff", "led_regions")
    filter_horizontal = ("led_regions", "groups", "user_permissions")
    fieldsets = UserAdmin.fieldsets + (
        ("Roles", {"fields": ("national_role", "led_regions", "is_api_client")}),
    )
