from django.urls import path

from orgs import views
from orgs.importers import OrganizationImportView

app_name = "orgs"
urlpatterns = [
    path("tree/", views.TreeView.as_view(), name="tree"),
    path("tree/<int:pk>/children/", views.TreeChildrenView.as_view(), name="tree_children"),
    path("tree/chart/", views.TreeChartView.as_view(), name="tree_chart"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/add/", views.OrganizationEditView.as_view(), name="organization_add"),
    path("organizations/import/", OrganizationImportView.as_view(), name="organization_import"),
    path("organizations/<int:pk>/", views.OrganizationView.as_view(), name="organization"),
    path("organizations/<int:pk>/edit/", views.OrganizationEditView.as_view(), name="organization_edit"),
    path(
        "organizations/<int:pk>/changelog/",
        views.OrganizationChangelogView.as_view(),
        name="organization_changelog",
    ),
    path("organizations/<int:pk>/move/", views.OrganizationMoveView.as_view(), name="organization_move"),
    path(
        "organizations/<int:pk>/dissolve/",
        views.OrganizationDissolveView.as_view(),
        name="organization_dissolve",
    ),
    path("organizations/<int:pk>/merge/", views.OrganizationMergeView.as_view(), name="organization_merge"),
    path("organizations/<int:pk>/split/", views.OrganizationSplitView.as_view(), name="organization_split"),
    path("positions/", views.PositionListView.as_view(), name="position_list"),
    path("positions/add/", views.PositionEditView.as_view(), name="position_add"),
    path("positions/<int:pk>/", views.PositionView.as_view(), name="position"),
    path("positions/<int:pk>/edit/", views.PositionEditView.as_view(), name="position_edit"),
    path("positions/<int:pk>/changelog/", views.PositionChangelogView.as_view(), name="position_changelog"),
    path("positions/<int:pk>/end/", views.PositionEndView.as_view(), name="position_end"),
    path(
        "people/<int:person_pk>/dual-leader/",
        views.DualLeaderProfileEditView.as_view(),
        name="dualleaderprofile_edit",
    ),
]
