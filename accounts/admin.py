from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import RoleGrant, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("人员", {"fields": ("person",)}))
    raw_id_fields = ["person"]


admin.site.register(RoleGrant)
