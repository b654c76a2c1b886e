from django.db import models


class MeetingType(models.TextChoices):
    GENERAL_MEETING = "general_meeting", "支部党员大会"
    COMMITTEE_MEETING = "committee_meeting", "支委会"
    GROUP_MEETING = "group_meeting", "党小组会"
    PARTY_LECTURE = "party_lecture", "党课"
    THEME_DAY = "theme_day", "主题党日"
    ORG_LIFE_MEETING = "org_life_meeting", "组织生活会"
    APPRAISAL = "appraisal", "民主评议党员"
    CENTRAL_GROUP_STUDY = "central_group_study", "中心组学习"
    DEMOCRATIC_LIFE_MEETING = "democratic_life_meeting", "民主生活会"
    GENERAL_BRANCH_COMMITTEE = "general_branch_committee", "党总支委员会会议"


# Meetings of a committee: LIFE-QUORUM applies and only committee members are expected.
COMMITTEE_TYPES = (MeetingType.COMMITTEE_MEETING, MeetingType.GENERAL_BRANCH_COMMITTEE)
# Meetings whose problems and rectification items are tracked (issue point 7).
REVIEW_TYPES = (MeetingType.ORG_LIFE_MEETING, MeetingType.DEMOCRATIC_LIFE_MEETING)
# One record may count for a second type (e.g. 主题党日 held together with the 支部党员大会).
# Pairs the organization department allows; order does not matter.
COMBINABLE = {
    frozenset({MeetingType.THEME_DAY, MeetingType.GENERAL_MEETING}),
    frozenset({MeetingType.THEME_DAY, MeetingType.PARTY_LECTURE}),
    frozenset({MeetingType.GENERAL_MEETING, MeetingType.PARTY_LECTURE}),
    frozenset({MeetingType.GROUP_MEETING, MeetingType.PARTY_LECTURE}),
    frozenset({MeetingType.ORG_LIFE_MEETING, MeetingType.APPRAISAL}),
}


class Attendees(models.TextChoices):
    ALL = "all", "全体党员"
    COMMITTEE = "committee", "委员会成员"
    GROUP = "group", "党小组成员"
    LEADING_GROUP = "leading_group", "领导班子（中心组）成员"


class Frequency(models.TextChoices):
    MONTH = "month", "每月"
    QUARTER = "quarter", "每季度"
    YEAR = "year", "每年"


class Condition(models.TextChoices):
    NONE = "", "无"
    HAS_COMMITTEE = "has_committee", "设支委会的支部"
    HAS_GROUPS = "has_groups", "设党小组的支部"


class AppliesTo(models.TextChoices):
    BRANCH = "branch", "党支部（含功能型）"
    GENERAL_BRANCH = "general_branch", "党总支"


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送"
    APPROVED = "approved", "已备案"
    RETURNED = "returned", "已退回"


class AbsenceReason(models.TextChoices):
    BUSINESS = "business", "公差"
    SICK = "sick", "病假"
    PERSONAL = "personal", "事假"
    OTHER = "other", "其他"


class LectureKind(models.TextChoices):
    PARTY_LECTURE = "party_lecture", "党课"
    IDEOLOGY_COURSE = "ideology_course", "思政课"
    FIRST_LESSON = "first_lesson", "开学第一课"
    LECTURE_SERIES = "lecture_series", "党课开讲啦"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    QUALIFIED = "qualified", "合格"
    BASIC = "basic", "基本合格"
    UNQUALIFIED = "unqualified", "不合格"


class AppraisalStatus(models.TextChoices):
    OPEN = "open", "进行中"
    FINISHED = "finished", "已完成"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "整改中"
    CLOSED = "closed", "已销号"
