from django.apps import AppConfig


class OrglifeConfig(AppConfig):
    name = "orglife"
    verbose_name = "组织生活"
    menu = [
        ("组织生活", "orglife:meeting_list", "orglife.meeting"),
        ("合规检查", "orglife:compliance", "orglife.meeting"),
        ("我的组织生活", "orglife:mine", None),
    ]
