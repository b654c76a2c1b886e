from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "orgs"
    verbose_name = "组织"
    menu = [
        ("组织体系", "orgs:tree", "orgs.organization"),
        ("党组织", "orgs:organization_list", "orgs.organization"),
        ("职务任免", "orgs:position_list", "orgs.position"),
    ]
