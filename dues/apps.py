from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dues"
    verbose_name = "党费"
    # org-level pages are gated on a model without a person field, so members only get "我的党费"
    menu = [
        ("党费台账", "dues:ledger", "dues.dueshandover"),
        ("欠缴党费", "dues:arrears", "dues.dueshandover"),
        ("我的党费", "dues:mine", None),
    ]
