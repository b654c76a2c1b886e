from core.tables import Column, Table


class MeetingTable(Table):
    columns = [
        Column("held_on", "召开日期", order_by="held_on", link=True),
        Column("type_label", "会议类型", order_by="meeting_type"),
        Column("topic", "主题", link=True),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("attendance", "实到/应到", accessor=lambda m: f"{m.present_count}/{m.expected_count}"),
        Column("status", "备案状态", order_by="status"),
        Column("is_public", "公开", accessor=lambda m: "是" if m.is_public else "否"),
    ]


class MeetingRuleTable(Table):
    columns = [
        Column("rule_id", "规则编号", order_by="rule_id", link=True),
        Column("meeting_type", "会议类型", order_by="meeting_type"),
        Column("applies_to", "适用组织"),
        Column("frequency", "频次周期"),
        Column("min_count", "至少次数"),
        Column("condition", "适用条件"),
        Column("effective_year", "生效年度", order_by="effective_year"),
        Column("active", "启用", accessor=lambda r: "是" if r.active else "否"),
        Column("organization", "所属", accessor="organization.name"),
    ]


class PlannedMeetingTable(Table):
    columns = [
        Column("planned_date", "计划日期", order_by="planned_date", link=True),
        Column("meeting_type", "会议类型", order_by="meeting_type"),
        Column("topic", "计划主题", link=True),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("held", "实际召开", accessor=lambda p: p.held_on or "未召开"),
    ]


class ProblemTable(Table):
    columns = [
        Column("description", "问题", link=True),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
        Column("owner", "责任人", accessor="owner.name"),
        Column("deadline", "整改时限", order_by="deadline"),
        Column("status", "状态", order_by="status"),
        Column("closed_on", "销号日期", order_by="closed_on"),
    ]


class LectureTable(Table):
    columns = [
        Column("given_on", "日期", order_by="given_on", link=True),
        Column("lecturer", "主讲人", accessor="lecturer.name", order_by="lecturer__name"),
        Column("kind", "类别", order_by="kind"),
        Column("title", "题目", link=True),
        Column("organization", "党组织", accessor="organization.name", order_by="organization__path"),
    ]


class AppraisalTable(Table):
    columns = [
        Column("year", "年度", order_by="year", link=True),
        Column(
            "organization", "党支部", accessor="organization.name", order_by="organization__path", link=True
        ),
        Column("status", "状态", order_by="status"),
        Column("n", "参评人数", accessor="n_results"),
        Column("excellent", "优秀人数", accessor="n_excellent"),
    ]
