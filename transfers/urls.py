from django.urls import path

from transfers import views

app_name = "transfers"
urlpatterns = [
    path("", views.TransferListView.as_view(), name="transfer_list"),
    path("add/", views.TransferOutView.as_view(), name="transfer_add"),
    path("within/", views.TransferWithinView.as_view(), name="transfer_within"),
    path("in/", views.TransferInView.as_view(), name="transfer_in"),
    path("graduation/", views.GraduationBatchView.as_view(), name="transfer_batch"),
    path("<int:pk>/", views.TransferView.as_view(), name="transfer"),
    path("<int:pk>/receipt/", views.TransferReceiptView.as_view(), name="transfer_receipt"),
    path("<int:pk>/cancel/", views.TransferCancelView.as_view(), name="transfer_cancel"),
    path("<int:pk>/letter/", views.TransferLetterView.as_view(), name="transfer_letter"),
    path("<int:pk>/changelog/", views.TransferChangelogView.as_view(), name="transfer_changelog"),
    path("retentions/", views.GraduateRetentionListView.as_view(), name="graduateretention_list"),
    path("retentions/add/", views.GraduateRetentionEditView.as_view(), name="graduateretention_add"),
    path("retentions/<int:pk>/", views.GraduateRetentionView.as_view(), name="graduateretention"),
    path(
        "retentions/<int:pk>/edit/", views.GraduateRetentionEditView.as_view(), name="graduateretention_edit"
    ),
    path(
        "retentions/<int:pk>/contact/",
        views.GraduateRetentionContactView.as_view(),
        name="graduateretention_contact",
    ),
    path(
        "retentions/<int:pk>/changelog/",
        views.GraduateRetentionChangelogView.as_view(),
        name="graduateretention_changelog",
    ),
    path("mobile/", views.MobileMemberListView.as_view(), name="mobilemember_list"),
    path("mobile/add/", views.MobileMemberEditView.as_view(), name="mobilemember_add"),
    path("mobile/<int:pk>/", views.MobileMemberView.as_view(), name="mobilemember"),
    path("mobile/<int:pk>/edit/", views.MobileMemberEditView.as_view(), name="mobilemember_edit"),
    path("mobile/<int:pk>/report/", views.MobileReportView.as_view(), name="mobilemember_report"),
    path("mobile/<int:pk>/end/", views.MobileEndView.as_view(), name="mobilemember_end"),
    path(
        "mobile/<int:pk>/changelog/", views.MobileMemberChangelogView.as_view(), name="mobilemember_changelog"
    ),
    path("lost/", views.LostContactCaseListView.as_view(), name="lostcontactcase_list"),
    path("lost/candidates/", views.CandidatesView.as_view(), name="candidates"),
    path("lost/add/", views.LostContactCaseAddView.as_view(), name="lostcontactcase_add"),
    path("lost/<int:pk>/", views.LostContactCaseView.as_view(), name="lostcontactcase"),
    path(
        "lost/<int:pk>/contact/", views.LostContactCaseContactView.as_view(), name="lostcontactcase_contact"
    ),
    path(
        "lost/<int:pk>/changelog/",
        views.LostContactCaseChangelogView.as_view(),
        name="lostcontactcase_changelog",
    ),
    path("standing/", views.StandingDecisionListView.as_view(), name="standingdecision_list"),
    path("standing/add/", views.StandingDecisionAddView.as_view(), name="standingdecision_add"),
    path("standing/<int:pk>/", views.StandingDecisionView.as_view(), name="standingdecision"),
    path(
        "standing/<int:pk>/approve/",
        views.StandingDecisionApproveView.as_view(),
        name="standingdecision_approve",
    ),
    path(
        "standing/<int:pk>/reject/",
        views.StandingDecisionRejectView.as_view(),
        name="standingdecision_reject",
    ),
    path(
        "standing/<int:pk>/apply/", views.StandingDecisionApplyView.as_view(), name="standingdecision_apply"
    ),
    path(
        "standing/<int:pk>/changelog/",
        views.StandingDecisionChangelogView.as_view(),
        name="standingdecision_changelog",
    ),
    path("people/<int:person_pk>/timeline/", views.PersonTimelineView.as_view(), name="person_timeline"),
    path("stats/", views.StatsView.as_view(), name="stats"),
]
