from django.apps import apps
from django.urls import NoReverseMatch, reverse

from core.navigation import menu_groups
from core.scoping import get_scope, scope_module


def navigation(request):
    """Menu groups with the entries the user may open, and which group is current."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = get_scope(user)
    groups = []
    for group_label, entries in menu_groups():
        items = []
        for label, url_name, model_label in entries:
            if model_label == "school_admin":
                if not is_school_admin(user):
                    continue
            elif model_label:
                model = apps.get_model(model_label)
                if not scope.allows(scope_module(model), "view", model):
                    continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"label": label, "url": url, "active": url != "/" and request.path.startswith(url)})
        if items:
            groups.append({"label": group_label, "items": items, "active": any(i["active"] for i in items)})
    return {"nav_groups": groups}


def is_school_admin(user):
    """School-level admins (组织部 and superusers) see the global change log."""
    scope = get_scope(user)
    return scope.is_superuser or any(
        g.paths is None and g.modules is None and g.person_id is None and "change" in g.actions
        for g in scope.grants
    )
