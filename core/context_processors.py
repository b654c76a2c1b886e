from django.apps import apps
from django.urls import NoReverseMatch, reverse

from core.navigation import MENU
from core.scoping import get_scope


def navigation(request):
    """Menu entries the user may open, and which one is current."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = get_scope(user)
    items = []
    for label, url_name, module, model_label in MENU:
        if module == "core" and not is_school_admin(user):
            continue
        if model_label:
            model = apps.get_model(model_label)
            if not scope.allows(module, "view", model):
                continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": request.path.startswith(url) and url != "/"})
    return {"nav_items": items}


def is_school_admin(user):
    """School-level admins (组织部 and superusers) see the global change log."""
    scope = get_scope(user)
    return scope.is_superuser or any(
        g.paths is None and g.modules is None and g.person_id is None for g in scope.grants
    )
