from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "工作计划与督办"
    menu = []
