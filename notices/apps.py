from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "通知提醒"
    # the unread count next to 站内信 comes from {% unread_badge %} (notices/templatetags/notices.py)
    menu = [
        ("我的待办", "notices:todo", "notices.message"),
        ("站内信", "notices:message_list", "notices.message"),
        ("通知", "notices:notice_list", "notices.notice"),
        ("群机器人", "notices:robotwebhook_list", "notices.robotwebhook"),
        ("提醒规则", "notices:rule_list", "notices.notice"),
    ]
