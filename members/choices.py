from django.db import models


class Gender(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class PersonCategory(models.TextChoices):
    STAFF = "staff", "教职工"
    STUDENT = "student", "学生"
    RETIRED = "retired", "离退休"
    OTHER = "other", "其他"


class PoliticalStatus(models.TextChoices):
    MASSES = "masses", "群众"
    APPLICANT = "applicant", "入党申请人"
    ACTIVIST = "activist", "入党积极分子"
    CANDIDATE = "candidate", "发展对象"
    PROBATIONARY = "probationary", "预备党员"
    FULL_MEMBER = "full_member", "正式党员"


PARTY_MEMBER_STATUSES = (PoliticalStatus.PROBATIONARY, PoliticalStatus.FULL_MEMBER)


class Education(models.TextChoices):
    DOCTOR = "doctor", "博士研究生"
    MASTER = "master", "硕士研究生"
    BACHELOR = "bachelor", "大学本科"
    COLLEGE = "college", "大学专科"
    SECONDARY = "secondary", "中专及以下"


ETHNIC_GROUPS = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]


class PartyStanding(models.TextChoices):
    """党籍状态."""

    NORMAL = "normal", "正常"
    SUSPENDED = "suspended", "停止党籍"
    LEFT = "left", "出党"
    DECEASED = "deceased", "死亡"
    TRANSFERRED_OUT = "transferred_out", "组织关系已转出"


# Who is on an organization's roster: 停止党籍 members stay on it until a decision; the others are history.
ON_ROSTER_STANDINGS = (PartyStanding.NORMAL, PartyStanding.SUSPENDED)


class ExitType(models.TextChoices):
    """出党方式."""

    EXPELLED = "expelled", "开除党籍"
    REMOVED = "removed", "除名"
    LAPSED = "lapsed", "自行脱党除名"
    PERSUADED = "persuaded", "劝退"
    WITHDREW = "withdrew", "退党"
    CANCELLED = "cancelled", "取消预备党员资格"


class StandingEventKind(models.TextChoices):
    SUSPEND = "suspend", "停止党籍"
    RESTORE = "restore", "恢复党籍"
    EXIT = "exit", "出党"
    DEATH = "death", "死亡"
    TRANSFER_OUT = "transfer_out", "组织关系转出"


class MemberSource(models.TextChoices):
    """党员来源."""

    DEVELOPED = "developed", "本校发展"
    TRANSFERRED = "transferred", "转入"
    RESTORED = "restored", "恢复"
    IMPORTED = "imported", "导入"


class DisciplineKind(models.TextChoices):
    """党纪处分 (《中国共产党纪律处分条例》的五种)."""

    WARNING = "warning", "警告"
    SERIOUS_WARNING = "serious_warning", "严重警告"
    REMOVAL_FROM_POST = "removal", "撤销党内职务"
    PROBATION = "probation", "留党察看"
    EXPULSION = "expulsion", "开除党籍"


class OrgActionKind(models.TextChoices):
    """组织处理."""

    TALK_REMINDER = "talk", "谈话提醒"
    CRITICISM = "criticism", "批评教育"
    SELF_CHECK = "self_check", "责令检查"
    ADMONITION = "admonition", "诫勉"
    SUSPENSION = "suspension", "停职检查"
    ADJUSTMENT = "adjustment", "调整职务"
    RESIGNATION = "resignation", "责令辞职"
    DISMISSAL = "dismissal", "免职"
    DEMOTION = "demotion", "降职"


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    RETURNED = "returned", "已退回"
