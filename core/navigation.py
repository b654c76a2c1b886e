"""The module navigation. Each app's AppConfig may declare ``menu = [(label, url name, model label), …]``;
an entry shows when the user has that model's view right (model label None: everyone signed in)."""

from django.apps import apps

CORE_MENU = [("工作台", "core:home", None)]
TAIL_MENU = [("变更记录", "core:changelog", "school_admin"), ("API", "api:api-root", None)]


def menu_entries():
    entries = list(CORE_MENU)
    for config in apps.get_app_configs():
        entries.extend(getattr(config, "menu", []))
    return entries + TAIL_MENU
