from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "development"
    verbose_name = "发展党员"
    menu = [
        ("发展档案", "development:developmentfile_list", "development.developmentfile"),
        ("工作清单", "development:worklists", "development.developmentfile"),
        ("思想汇报", "development:thoughtreport_list", "development.thoughtreport"),
        ("公示", "development:publicity_list", "development.publicity"),
        ("发展统计", "development:stats", "development.developmentfile"),
        ("节假日与调休", "development:calendarday_list", "development.calendarday"),
        ("表格模板", "development:doc_templates", "development.developmentfile"),
    ]
