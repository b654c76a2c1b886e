from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from orgs.models import DualLeaderProfile, Organization, Position


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin):
    form = movenodeform_factory(Organization)
    list_display = ["name", "code", "org_type", "category", "status"]
    search_fields = ["name", "code"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "post", "start", "end"]
    list_filter = ["post"]
    search_fields = ["person__name", "organization__name"]
    raw_id_fields = ["person", "organization"]


admin.site.register(DualLeaderProfile)
