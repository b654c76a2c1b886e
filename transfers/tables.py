from core.tables import Column, Table


def _yes(value):
    return "是" if value else "否"


class TransferTable(Table):
    columns = [
        Column("person", "党员", accessor="person.name", order_by="person__name", link=True),
        Column("kind", "类型", order_by="kind"),
        Column("status", "状态", order_by="status"),
        Column(
            "organization", "转出/责任党组织", accessor="organization.name", order_by="organization__path"
        ),
        Column(
            "target", "转入方", accessor=lambda t: t.target_org.name if t.target_org_id else t.external_org
        ),
        Column("letter_no", "介绍信编号", order_by="letter_no"),
        Column("issued_on", "开具日期", order_by="issued_on"),
        Column("valid_until", "有效期至", order_by="valid_until"),
        Column(
            "dues_paid_to",
            "党费交至",
            accessor=lambda t: t.dues_paid_to.strftime("%Y-%m") if t.dues_paid_to else "",
        ),
        Column("received_on", "回执日期", order_by="received_on"),
        Column("batch", "批次", order_by="batch"),
    ]


class GraduateRetentionTable(Table):
    columns = [
        Column("person", "毕业生党员", accessor="person.name", order_by="person__name", link=True),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("graduated_on", "毕业日期", order_by="graduated_on"),
        Column("until", "最长保留至", order_by="until"),
        Column("contact_name", "联系人"),
        Column("contact_phone", "联系人电话"),
        Column("abroad", "出国（境）", accessor=lambda r: _yes(r.abroad), order_by="abroad"),
        Column("last_contact_on", "最近联系", order_by="last_contact_on"),
        Column("status", "状态", order_by="status"),
    ]


class MobileMemberTable(Table):
    columns = [
        Column("name", "姓名", accessor="display_name", order_by="name", link=True),
        Column("direction", "流向", order_by="direction"),
        Column("organization", "党支部", accessor="organization.name", order_by="organization__path"),
        Column("home_org_name", "原所在党组织"),
        Column("location", "流动去向/所在地"),
        Column("contact_phone", "联系方式"),
        Column("certificate_no", "活动证编号"),
        Column("left_on", "外出（流入）日期", order_by="left_on"),
        Column(
            "last_report_year",
            "最近报告年度",
            accessor=lambda m: m.last_report_year or "无",
            order_by="last_report_year",
        ),
        Column("dues_paid_locally", "在流入地交党费", accessor=lambda m: _yes(m.dues_paid_locally)),
        Column("status", "状态", order_by="status"),
    ]


class LostContactCaseTable(Table):
    columns = [
        Column("person", "党员", accessor="person.name", order_by="person__name", link=True),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("state", "状态", order_by="state"),
        Column("opened_on", "立案日期", order_by="opened_on"),
        Column("last_contact_on", "最后联系", order_by="last_contact_on"),
        Column("contact_count", "查找次数", order_by="contact_count"),
        Column("signals", "线索", accessor=lambda c: "；".join(c.signals)),
    ]


class StandingDecisionTable(Table):
    columns = [
        Column("person", "党员", accessor="person.name", order_by="person__name", link=True),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("kind", "事项", order_by="kind"),
        Column("discipline_level", "处分种类"),
        Column("status", "状态", order_by="status"),
        Column("proposed_on", "提出日期", order_by="proposed_on"),
        Column("approver", "批准机关"),
        Column("approval_ref", "批准文号"),
        Column("effective_on", "生效日期", order_by="effective_on"),
        Column("probation_ends", "察看期满", order_by="probation_ends"),
    ]
