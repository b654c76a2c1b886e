"""DRF permission: the module right the HTTP method needs (kept apart from core.api to avoid an import cycle)."""

from rest_framework import permissions

from core.scoping import get_scope, scope_module

METHOD_ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


def request_action(request):
    return METHOD_ACTIONS.get(request.method, "change")


class ModulePermission(permissions.BasePermission):
    """Authenticated, and holding the module right the method needs."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        model = getattr(getattr(view, "queryset", None), "model", None)
        if model is None:
            return True
        return get_scope(request.user).allows(scope_module(model), request_action(request), model)
