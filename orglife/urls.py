from django.urls import path

from orglife import views

app_name = "orglife"


def crud(prefix, name, list_view, edit, detail, delete, changelog):
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}_list"),
        path(f"{prefix}/add/", edit.as_view(), name=f"{name}_add"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=name),
        path(f"{prefix}/<int:pk>/edit/", edit.as_view(), name=f"{name}_edit"),
        path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{name}_delete"),
        path(f"{prefix}/<int:pk>/changelog/", changelog.as_view(), name=f"{name}_changelog"),
    ]


urlpatterns = [
    path("meetings/attendees/", views.AttendeesView.as_view(), name="meeting_attendees"),
    path("meetings/<int:pk>/docx/", views.MeetingDocxView.as_view(), name="meeting_docx"),
    *crud("meetings", "meeting", views.MeetingListView, views.MeetingEditView, views.MeetingView,
          views.MeetingDeleteView, views.MeetingChangelogView),
    *crud("rules", "meetingrule", views.MeetingRuleListView, views.MeetingRuleEditView, views.MeetingRuleView,
          views.MeetingRuleDeleteView, views.MeetingRuleChangelogView),
    *crud("plans", "plannedmeeting", views.PlannedMeetingListView, views.PlannedMeetingEditView,
          views.PlannedMeetingView, views.PlannedMeetingDeleteView, views.PlannedMeetingChangelogView),
    *crud("problems", "problem", views.ProblemListView, views.ProblemEditView, views.ProblemView,
          views.ProblemDeleteView, views.ProblemChangelogView),
    path("problems/<int:pk>/close/", views.ProblemCloseView.as_view(), name="problem_close"),
    *crud("lectures", "lecture", views.LectureListView, views.LectureEditView, views.LectureView,
          views.LectureDeleteView, views.LectureChangelogView),
    *crud("appraisals", "appraisal", views.AppraisalListView, views.AppraisalEditView, views.AppraisalView,
          views.AppraisalDeleteView, views.AppraisalChangelogView),
    *[
        path(f"meetings/<int:pk>/{op}/", views.MeetingActionView.as_view(op=op), name=f"meeting_{op}")
        for op in views.MeetingActionView.LABELS
    ],
    path("compliance/", views.ComplianceView.as_view(), name="compliance"),
    path("compliance/export/", views.ComplianceExportView.as_view(), name="compliance_export"),
    path("plan-vs-held/", views.PlanVsHeldView.as_view(), name="plan_vs_held"),
    path("book/", views.BookView.as_view(), name="book"),
    path("lecture-stats/", views.LectureStatsView.as_view(), name="lecture_stats"),
    path("mine/", views.MyOrgLifeView.as_view(), name="mine"),
]  # fmt: skip
