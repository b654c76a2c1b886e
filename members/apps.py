from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "党员"
    menu = [("人员与党员", "members:person_list", "members.person")]
