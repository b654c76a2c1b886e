"""The module navigation. Each app's AppConfig may declare ``menu = [(label, url name, model label), …]``;
an entry shows when the user has that model's view right (model label None: everyone signed in).
Entries are grouped by module (the AppConfig's verbose_name) into one dropdown each."""

from django.apps import apps

CORE_MENU = ("工作台", [("工作台", "core:home", None)])
TAIL_MENU = ("系统", [("变更记录", "core:changelog", "school_admin"), ("API", "api:api-root", None)])


def menu_groups():
    groups = [CORE_MENU]
    for config in apps.get_app_configs():
        if getattr(config, "menu", None):
            groups.append((config.verbose_name, list(config.menu)))
    groups.append(TAIL_MENU)
    return groups
