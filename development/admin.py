from django.contrib import admin

from development.models import RuleSet, StepDefinition


class StepInline(admin.TabularInline):
    model = StepDefinition
    extra = 0


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """Switching DEV-2026 on (once confirmed) or changing a default parameter is a superuser's act."""

    list_display = ["code", "name", "active", "effective_from"]
    inlines = [StepInline]
