from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from core.home import healthz
from members.api import PersonViewSet
from orgs.api import OrganizationViewSet, PositionViewSet

router = DefaultRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("people", PersonViewSet, basename="person")
router.register("positions", PositionViewSet, basename="position")

admin.site.site_header = admin.site.site_title = "党建工作管理平台 · 系统后台"

urlpatterns = [
    path("", include("core.urls")),
    path("orgs/", include("orgs.urls")),
    path("members/", include("members.urls")),
    path("accounts/", include("accounts.urls")),
    path("api/", include((router.urls, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("healthz", healthz),
]
