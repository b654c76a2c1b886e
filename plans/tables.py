from core.tables import Column, Table


class PlanTable(Table):
    columns = [
        Column("title", "计划名称", order_by="title", link=True),
        Column("doc_number", "文号", order_by="doc_number"),
        Column("issued_on", "印发日期", order_by="issued_on"),
        Column("issuer", "发文单位"),
        Column("organization", "下达单位", accessor="organization.name", order_by="organization__path"),
        Column("task_count", "任务数", order_by="task_count"),
    ]


class TaskTable(Table):
    columns = [
        Column("plan", "计划", accessor="plan.title", order_by="plan__title"),
        Column("section", "主要内容", order_by="section_order"),
        Column("number", "序号", order_by="number"),
        Column("title", "工作任务", link=True),
        Column("units_text", "责任单位"),
        Column("deadline_text", "完成时限", order_by="due_date"),
        Column("assignment_count", "落实单位数", order_by="assignment_count"),
    ]


class AssignmentTable(Table):
    columns = [
        Column("organization", "责任单位", accessor="organization.name", order_by="organization__path"),
        Column("task", "工作任务", accessor=lambda a: f"{a.task.number}. {a.task.title}", link=True),
        Column("plan", "计划", accessor="task.plan.title", order_by="task__plan__title"),
        Column("role", "责任类型", order_by="role"),
        Column("owner", "负责人", accessor="owner.name"),
        Column("deadline", "完成时限", accessor="task.deadline_text", order_by="task__due_date"),
        Column("status", "状态", order_by="status"),
        Column("progress", "进度（%）", order_by="progress"),
    ]


class RegularMeetingTable(Table):
    columns = [
        Column("title", "会议名称", order_by="title", link=True),
        Column("held_on", "召开日期", order_by="held_on"),
        Column("organization", "召集单位", accessor="organization.name"),
        Column("place", "地点"),
        Column("host", "主持人"),
    ]


class DutyListTable(Table):
    columns = [
        Column("name", "清单", accessor=str, link=True),
        Column("kind", "清单类型", order_by="kind"),
        Column("year", "年度", order_by="year"),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("item_count", "条目数", order_by="item_count"),
    ]


class ResponsibilityLetterTable(Table):
    columns = [
        Column(
            "organization", "签订单位", accessor="organization.name", order_by="organization__path", link=True
        ),
        Column("superior", "上级党组织", accessor="superior.name"),
        Column("year", "年度", order_by="year"),
        Column("signer", "签订人（本级）"),
        Column("superior_signer", "签订人（上级）"),
        Column("signed_on", "签订日期", order_by="signed_on"),
    ]
