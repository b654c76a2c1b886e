from django.contrib import admin

from core.models import Event

# The Django admin is for superusers only; everyone else works in the application's own pages.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created", "name", "message", "actor"]
    list_filter = ["name"]
    search_fields = ["message"]
