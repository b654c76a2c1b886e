from django.contrib import admin

from members.models import OrgMembership, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "staff_no", "political_status", "organization"]
    list_filter = ["political_status", "category"]
    search_fields = ["name", "staff_no", "phone"]
    raw_id_fields = ["organization"]


admin.site.register(OrgMembership)
