from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "党员"
    menu = [
        ("人员与党员", "members:person_list", "members.person"),
        ("信息完整度", "members:completeness", "members.person"),
        ("奖惩与组织处理", "members:memberrecord_list", "members.memberrecord"),
        ("信息变更申请", "members:changerequest_list", "members.changerequest"),
    ]
