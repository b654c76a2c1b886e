from django.urls import path

from core import home

app_name = "core"
urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("changelog/", home.ChangelogView.as_view(), name="changelog"),
]
