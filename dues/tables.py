from core.tables import Column, Table
from dues import months


def _month(attr):
    return lambda obj: months.label(getattr(obj, attr))


class DuesBaseTable(Table):
    columns = [
        Column("person", "党员", accessor="person.name", order_by="person__name", link=True),
        Column("organization", "所在党组织", accessor="organization.name", order_by="organization__path"),
        Column("year", "年度", order_by="year"),
        Column("kind", "交纳类别", order_by="kind"),
        Column("base", "计算基数（元）", order_by="base"),
        Column("bracket", "档次"),
        Column(
            "rate",
            "比例",
            accessor=lambda o: f"{(o.rate * 100).normalize():f}%" if o.rate is not None else "",
        ),
        Column("monthly_amount", "每月应交（元）", order_by="monthly_amount"),
    ]


class DuesPaymentTable(Table):
    columns = [
        Column("person", "党员", accessor="person.name", order_by="person__name", link=True),
        Column("organization", "所在党组织", accessor="organization.name", order_by="organization__path"),
        Column("months", "所交月份", accessor="months_label", order_by="from_month"),
        Column("paid_on", "缴纳日期", order_by="paid_on"),
        Column("due_amount", "应交（元）"),
        Column("amount", "实缴（元）", order_by="amount"),
        Column("extra_amount", "自愿多交（元）"),
        Column("method", "方式", order_by="method"),
        Column("reference", "流水号"),
        Column("paid_by", "代缴人"),
        Column("overdue_months", "补交月数"),
        Column("advance_months", "预交月数"),
    ]


class DuesReductionTable(Table):
    columns = [
        Column("person", "党员", accessor="person.name", order_by="person__name", link=True),
        Column("organization", "所在党组织", accessor="organization.name", order_by="organization__path"),
        Column("kind", "类型", order_by="kind"),
        Column("from_month", "起始月份", accessor=_month("from_month"), order_by="from_month"),
        Column("to_month", "截止月份", accessor=_month("to_month"), order_by="to_month"),
        Column("monthly_amount", "减交后每月（元）"),
        Column("status", "审批状态", order_by="status"),
    ]


class LapseCaseTable(Table):
    columns = [
        Column("person", "党员", accessor="person.name", order_by="person__name", link=True),
        Column("organization", "所在党组织", accessor="organization.name", order_by="organization__path"),
        Column("unpaid_from", "未交起始", accessor=_month("unpaid_from")),
        Column("unpaid_months", "连续未交月数", order_by="unpaid_months"),
        Column("opened_on", "立案日期", order_by="opened_on"),
        Column("status", "状态", order_by="status"),
        Column("outcome", "处理结果"),
    ]


class DuesHandoverTable(Table):
    columns = [
        Column(
            "organization", "党组织", accessor="organization.name", order_by="organization__path", link=True
        ),
        Column("month", "月份", accessor=_month("month"), order_by="month"),
        Column("ledger_amount", "台账收缴（元）"),
        Column("children_amount", "下级已确认（元）"),
        Column("declared_amount", "上缴（元）", order_by="declared_amount"),
        Column("ledger_difference", "与台账差额（元）"),
        Column("received_amount", "上级实收（元）"),
        Column("status", "状态", order_by="status"),
    ]


class DuesAnnualNoticeTable(Table):
    columns = [
        Column(
            "organization", "党组织", accessor="organization.name", order_by="organization__path", link=True
        ),
        Column("year", "年度", order_by="year"),
        Column("member_count", "应交人数"),
        Column("due_total", "应交合计（元）"),
        Column("paid_total", "实收合计（元）"),
        Column("extra_total", "自愿多交（元）"),
        Column("published_on", "公开日期", order_by="published_on"),
    ]
