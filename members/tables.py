from core.tables import Column, Table


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
        Column("phone", "手机"),
    ]
