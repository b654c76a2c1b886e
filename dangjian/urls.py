from importlib import import_module

from django.contrib import admin
from django.urls import include, path
from django.utils.module_loading import module_has_submodule
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from core.home import healthz
from core.registry import project_apps


def api_router():
    """Every app's ``api.ROUTES`` ((prefix, viewset, basename), …) on one browsable root."""
    router = DefaultRouter()
    for config in project_apps():
        if module_has_submodule(config.module, "api"):
            for prefix, viewset, basename in getattr(import_module(f"{config.name}.api"), "ROUTES", []):
                router.register(prefix, viewset, basename=basename)
    return router


def app_urls():
    """Every project app with a ``urls.py`` is mounted at /<app label>/ (core at the root)."""
    return [
        path(f"{config.label}/", include(f"{config.name}.urls"))
        for config in project_apps()
        if config.label != "core" and module_has_submodule(config.module, "urls")
    ]


admin.site.site_header = admin.site.site_title = "党建工作管理平台 · 系统后台"

urlpatterns = [
    path("", include("core.urls")),
    *app_urls(),
    path("api/", include((api_router().urls, "api"))),
    path("api/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("healthz", healthz),
]
