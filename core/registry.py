"""The project's own apps (not Django's or third parties'), in INSTALLED_APPS order."""

from pathlib import Path

from django.apps import apps
from django.conf import settings


def project_apps():
    base = Path(settings.BASE_DIR).resolve()
    return [c for c in apps.get_app_configs() if Path(c.path).resolve().parent == base]
