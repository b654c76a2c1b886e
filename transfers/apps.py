from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "transfers"
    verbose_name = "组织关系"
    menu = [
        ("组织关系转接", "transfers:transfer_list", "transfers.transfer"),
        ("流动党员台账", "transfers:mobilemember_list", "transfers.mobilemember"),
        ("毕业生组织关系保留", "transfers:graduateretention_list", "transfers.graduateretention"),
        ("失联党员线索", "transfers:candidates", "transfers.lostcontactcase"),
        ("失联党员查找", "transfers:lostcontactcase_list", "transfers.lostcontactcase"),
        ("党籍事项", "transfers:standingdecision_list", "transfers.standingdecision"),
        ("组织关系统计", "transfers:stats", "transfers.transfer"),
    ]
