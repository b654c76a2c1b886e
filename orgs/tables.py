from core.tables import Column, Table


class OrganizationTable(Table):
    columns = [
        Column("name", "名称", order_by="name", link=True),
        Column("code", "编码", order_by="code"),
        Column("org_type", "类型", order_by="org_type"),
        Column("category", "支部类别"),
        Column("parent_name", "上级组织", accessor=lambda o: getattr(o, "parent_name", "") or ""),
        Column("member_count", "党员（含下级）"),
        Column("branch_count", "支部数"),
        Column("term_end", "任期届满", order_by="term_end"),
        Column("status", "状态"),
    ]


class PositionTable(Table):
    columns = [
        Column("person", "姓名", accessor="person.name", order_by="person__name"),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("post", "职务", order_by="post", link=True),
        Column("start", "任职日期", order_by="start"),
        Column("end", "免职日期", order_by="end"),
    ]
