from django.urls import path

from development import stats, views

app_name = "development"
urlpatterns = [
    path("files/", views.DevelopmentFileListView.as_view(), name="developmentfile_list"),
    path("files/add/", views.DevelopmentFileEditView.as_view(), name="developmentfile_add"),
    path("files/<int:pk>/", views.DevelopmentFileView.as_view(), name="developmentfile"),
    path(
        "files/<int:pk>/changelog/",
        views.DevelopmentFileChangelogView.as_view(),
        name="developmentfile_changelog",
    ),
    path(
        "files/<int:pk>/steps/<int:number>/", views.StepRecordAddView.as_view(), name="developmentfile_record"
    ),
    path("files/<int:pk>/papers/<str:kind>/", views.PaperView.as_view(), name="developmentfile_paper"),
    path("records/<int:pk>/", views.StepRecordView.as_view(), name="steprecord"),
    path("worklists/", views.WorkListIndexView.as_view(), name="worklists"),
    path("worklists/<str:kind>/", views.WorkListView.as_view(), name="worklist"),
    path("reports/", views.ThoughtReportListView.as_view(), name="thoughtreport_list"),
    path("reports/add/", views.ThoughtReportEditView.as_view(), name="thoughtreport_add"),
    path("reports/<int:pk>/", views.ThoughtReportView.as_view(), name="thoughtreport"),
    path("reports/<int:pk>/comment/", views.ThoughtReportCommentView.as_view(), name="thoughtreport_comment"),
    path("publicity/", views.PublicityListView.as_view(), name="publicity_list"),
    path("publicity/add/", views.PublicityEditView.as_view(), name="publicity_add"),
    path("publicity/<int:pk>/", views.PublicityView.as_view(), name="publicity"),
    path("publicity/<int:pk>/edit/", views.PublicityEditView.as_view(), name="publicity_edit"),
    path("publicity/<int:pk>/delete/", views.PublicityDeleteView.as_view(), name="publicity_delete"),
    path("publicity/<int:pk>/docx/", views.PublicityDocxView.as_view(), name="publicity_docx"),
    path("calendar/", views.CalendarDayListView.as_view(), name="calendarday_list"),
    path("calendar/add/", views.CalendarDayEditView.as_view(), name="calendarday_add"),
    path("calendar/<int:pk>/", views.CalendarDayView.as_view(), name="calendarday"),
    path("calendar/<int:pk>/edit/", views.CalendarDayEditView.as_view(), name="calendarday_edit"),
    path("calendar/<int:pk>/delete/", views.CalendarDayDeleteView.as_view(), name="calendarday_delete"),
    path("stats/", stats.StatisticsView.as_view(), name="stats"),
    path("templates/", views.DocTemplateView.as_view(), name="doc_templates"),
]
