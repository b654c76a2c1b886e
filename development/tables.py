from core.tables import Column, Table
from development.worklists import due_date, params


class DevelopmentFileTable(Table):
    columns = [
        Column("person", "姓名", accessor="person.name", order_by="person__name", link=True),
        Column("staff_no", "工号/学号", accessor="person.staff_no"),
        Column("category", "人员类别", accessor=lambda f: f.person.get_category_display()),
        Column("organization", "所在党组织", accessor="organization.name", order_by="organization__path"),
        Column("political_status", "政治面貌", accessor=lambda f: f.person.get_political_status_display()),
        Column("current_step", "已完成步骤", order_by="current_step"),
        Column("status", "状态", order_by="status"),
        Column("applied_on", "递交申请", order_by="applied_on"),
        Column("activist_on", "确定积极分子", order_by="activist_on"),
        Column("candidate_on", "确定发展对象", order_by="candidate_on"),
        Column("admitted_on", "支部大会接收", order_by="admitted_on"),
        Column("probation_end", "预备期满", order_by="probation_end"),
    ]


def work_list_table(key, due_label="日期"):
    p = params()  # once per page, not once per row
    return Table(
        [
            Column("person", "姓名", accessor="person.name", order_by="person__name", link=True),
            Column("staff_no", "工号/学号", accessor="person.staff_no"),
            Column("organization", "所在党组织", accessor="organization.name", order_by="organization__path"),
            Column(
                "political_status", "政治面貌", accessor=lambda f: f.person.get_political_status_display()
            ),
            Column("applied_on", "递交申请", order_by="applied_on"),
            Column("activist_on", "确定积极分子", order_by="activist_on"),
            Column("due", due_label, accessor=lambda f: due_date(key, f, p) or ""),
        ]
    )


class ThoughtReportTable(Table):
    columns = [
        Column("title", "标题", order_by="title", link=True),
        Column("person", "提交人", accessor="file.person.name", order_by="file__person__name"),
        Column("organization", "党组织", accessor="file.organization.name"),
        Column("submitted_on", "提交日期", order_by="submitted_on"),
        Column("commented_on", "批阅日期", order_by="commented_on"),
    ]


class PublicityTable(Table):
    columns = [
        Column("person", "姓名", accessor="file.person.name", order_by="file__person__name", link=True),
        Column("kind", "公示类型", order_by="kind"),
        Column("organization", "党组织", accessor="file.organization.name"),
        Column("start", "开始", order_by="start"),
        Column("end", "结束", order_by="end"),
        Column("working_days", "工作日"),
    ]


class CalendarDayTable(Table):
    columns = [
        Column("date", "日期", order_by="date", link=True),
        Column("kind", "类型", order_by="kind"),
        Column("name", "说明"),
        Column("organization", "设置单位", accessor="organization.name"),
    ]
