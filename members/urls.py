from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/add/", views.PersonEditView.as_view(), name="person_add"),
    path("people/import/", views.PersonImportView.as_view(), name="person_import"),
    path("people/<int:pk>/", views.PersonView.as_view(), name="person"),
    path("people/<int:pk>/edit/", views.PersonEditView.as_view(), name="person_edit"),
    path("people/<int:pk>/delete/", views.PersonDeleteView.as_view(), name="person_delete"),
    path("people/<int:pk>/changelog/", views.PersonChangelogView.as_view(), name="person_changelog"),
]
