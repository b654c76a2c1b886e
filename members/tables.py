from core.tables import Column, Table
from members.completeness import completeness


class PersonTable(Table):
    columns = [
        Column("name", "姓名", order_by="name", link=True),
        Column("gender", "性别", order_by="gender"),
        Column("staff_no", "工号/学号", order_by="staff_no"),
        Column("category", "人员类别", order_by="category"),
        Column("political_status", "政治面貌", order_by="political_status"),
        Column("organization", "所在党组织", accessor="organization.name", order_by="organization__path"),
        Column("unit", "所在单位", order_by="unit"),
        Column("joined_on", "入党日期", order_by="joined_on"),
        Column("party_standing", "党籍状态", order_by="party_standing"),
        Column("phone", "手机"),
        Column("completeness", "信息完整度", accessor=lambda p: str(completeness(p))),
    ]


class MemberRecordTable(Table):
    columns = [
        Column("title", "名称/事由", order_by="title", link=True),
        Column("person", "人员", accessor="person.name", order_by="person__name"),
        Column("organization", "所在党组织", accessor="person.organization.name"),
        Column("category", "类别", order_by="category"),
        Column("kind", "种类", order_by="kind"),
        Column("decided_on", "决定日期", order_by="decided_on"),
        Column("expires_on", "影响期/察看期届满", order_by="expires_on"),
    ]


class ChangeRequestTable(Table):
    columns = [
        Column("person", "申请人", accessor="person.name", order_by="person__name", link=True),
        Column("organization", "所在党组织", accessor="person.organization.name"),
        Column("fields", "修改项", accessor=lambda r: "、".join(label for label, _o, _n in r.change_lines())),
        Column("status", "状态", order_by="status"),
        Column("created", "提交时间", order_by="created"),
    ]
