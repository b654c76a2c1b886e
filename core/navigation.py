"""The module navigation: one entry per module; shown when the user has that module's view right."""

MENU = [
    # (label, url name, module, model label for the right check or None)
    ("工作台", "core:home", None, None),
    ("组织体系", "orgs:tree", "orgs", "orgs.organization"),
    ("党组织列表", "orgs:organization_list", "orgs", "orgs.organization"),
    ("职务任免", "orgs:position_list", "orgs", "orgs.position"),
    ("人员与党员", "members:person_list", "members", "members.person"),
    ("账号", "accounts:user_list", "accounts", "accounts.user"),
    ("变更记录", "core:changelog", "core", None),
    ("API", "api:api-root", None, None),
]
