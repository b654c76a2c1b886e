from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "工作计划与督办"
    menu = [
        ("督查督办", "plans:dashboard", "plans.assignment"),
        ("工作计划", "plans:plan_list", "plans.plan"),
        ("任务落实", "plans:assignment_list", "plans.assignment"),
        ("书记例会", "plans:regularmeeting_list", "plans.regularmeeting"),
        ("责任清单", "plans:dutylist_list", "plans.dutylist"),
        ("责任书", "plans:responsibilityletter_list", "plans.responsibilityletter"),
    ]
