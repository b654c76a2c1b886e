from django.urls import path

from notices import views

app_name = "notices"
urlpatterns = [
    path("inbox/", views.MessageListView.as_view(), name="message_list"),
    path("inbox/read-all/", views.MarkAllReadView.as_view(), name="message_read_all"),
    path("inbox/<int:pk>/", views.MessageView.as_view(), name="message"),
    path("todo/", views.TodoView.as_view(), name="todo"),
    path("preferences/", views.PreferenceView.as_view(), name="preferences"),
    path("rules/", views.RuleListView.as_view(), name="rule_list"),
    path("notices/", views.NoticeListView.as_view(), name="notice_list"),
    path("notices/add/", views.NoticeEditView.as_view(), name="notice_add"),
    path("notices/<int:pk>/", views.NoticeView.as_view(), name="notice"),
    path("notices/<int:pk>/edit/", views.NoticeEditView.as_view(), name="notice_edit"),
    path("notices/<int:pk>/delete/", views.NoticeDeleteView.as_view(), name="notice_delete"),
    path("notices/<int:pk>/changelog/", views.NoticeChangelogView.as_view(), name="notice_changelog"),
    path("notices/<int:pk>/send/", views.NoticeSendView.as_view(), name="notice_send"),
    path("notices/<int:pk>/receipts/", views.NoticeReceiptListView.as_view(), name="notice_receipts"),
    path("robots/", views.RobotWebhookListView.as_view(), name="robotwebhook_list"),
    path("robots/add/", views.RobotWebhookEditView.as_view(), name="robotwebhook_add"),
    path("robots/<int:pk>/", views.RobotWebhookView.as_view(), name="robotwebhook"),
    path("robots/<int:pk>/edit/", views.RobotWebhookEditView.as_view(), name="robotwebhook_edit"),
    path("robots/<int:pk>/delete/", views.RobotWebhookDeleteView.as_view(), name="robotwebhook_delete"),
    path(
        "robots/<int:pk>/changelog/", views.RobotWebhookChangelogView.as_view(), name="robotwebhook_changelog"
    ),
    path("robots/<int:pk>/test/", views.RobotWebhookTestView.as_view(), name="robotwebhook_test"),
]
