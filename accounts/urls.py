from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.MeView.as_view(), name="me"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/add/", views.UserEditView.as_view(), name="user_add"),
    path("users/<int:pk>/", views.UserView.as_view(), name="user"),
    path("users/<int:pk>/edit/", views.UserEditView.as_view(), name="user_edit"),
    path("users/<int:pk>/changelog/", views.UserChangelogView.as_view(), name="user_changelog"),
    path("grants/add/", views.RoleGrantEditView.as_view(), name="rolegrant_add"),
    path("grants/<int:pk>/", views.RoleGrantView.as_view(), name="rolegrant"),
    path("grants/<int:pk>/edit/", views.RoleGrantEditView.as_view(), name="rolegrant_edit"),
    path("grants/<int:pk>/delete/", views.RoleGrantDeleteView.as_view(), name="rolegrant_delete"),
]
