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
    path("people/<int:pk>/standing/", views.PersonStandingView.as_view(), name="person_standing"),
    path("completeness/", views.CompletenessView.as_view(), name="completeness"),
    path("records/", views.MemberRecordListView.as_view(), name="memberrecord_list"),
    path("records/add/", views.MemberRecordEditView.as_view(), name="memberrecord_add"),
    path("records/<int:pk>/", views.MemberRecordView.as_view(), name="memberrecord"),
    path("records/<int:pk>/edit/", views.MemberRecordEditView.as_view(), name="memberrecord_edit"),
    path("records/<int:pk>/delete/", views.MemberRecordDeleteView.as_view(), name="memberrecord_delete"),
    path("changes/", views.ChangeRequestListView.as_view(), name="changerequest_list"),
    path("changes/add/", views.ChangeRequestAddView.as_view(), name="changerequest_add"),
    path("changes/<int:pk>/", views.ChangeRequestView.as_view(), name="changerequest"),
    path("changes/<int:pk>/review/", views.ChangeRequestReviewView.as_view(), name="changerequest_review"),
]
