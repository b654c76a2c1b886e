"""Import people (花名册) from .xlsx in the layouts people really have.

Several sheets (one per branch: the sheet name is the branch when no column says so), one
or two header rows, the column aliases below, dates in any common form. Preview first;
commit writes every row or none. Also from the command line: ``manage.py import_members FILE``.

Recognised headers (any of the names; spaces, colons, brackets and * are ignored):
  姓名 · 性别 · 民族 · 出生日期/出生年月/出生时间 · 身份证号/身份证号码/公民身份号码/身份证 ·
  学历/最高学历 · 人员类别/类别/人员类型 · 所在支部/所在党支部/所在党组织/党支部/支部 ·
  入党日期/入党时间 · 转正日期/转正时间 · 手机/手机号码/联系电话/手机号/电话 ·
  工号/学号/工号或学号/工号/学号 · 政治面貌/党员类型/身份 · 邮箱/电子邮箱 · 职称/职务 ·
  所在单位/单位/工作单位/院系
Dates: 2023.9.1, 2023-09-01, 2023/9/1, 2023年9月1日, 20230901, 202309 (first of the month) or date cells.
Every 身份证号 is checked (check digit, birth date, agreement with 出生日期, not already registered).
"""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from core.importing import ImportColumn, Importer
from core.parsing import clean_text, parse_date
from members import idnumber
from members.choices import ETHNIC_GROUPS, Education, Gender, MemberSource, PersonCategory, PoliticalStatus
from members.models import OrgMembership, Person
from orgs.models import Organization


def _choice_parser(choices, extra=None, what="值"):
    table = (
        {label: value for value, label in choices} | {value: value for value, _ in choices} | (extra or {})
    )

    def parse(value):
        text = clean_text(value)
        if text in table:
            return table[text]
        raise ValueError(f"无法识别的{what}“{text}”（可填：{'、'.join(label for _, label in choices)}）")

    return parse


def parse_ethnicity(value):
    text = clean_text(value)
    if text in ETHNIC_GROUPS:
        return text
    if text + "族" in ETHNIC_GROUPS:
        return text + "族"
    raise ValueError(f"无法识别的民族“{text}”")


def parse_id(value):
    return idnumber.validate(clean_text(value))


def parse_phone(value):
    text = clean_text(value).replace("-", "").replace(" ", "")
    if not text.isdigit() or not 7 <= len(text) <= 15:
        raise ValueError(f"电话号码格式不正确：“{text}”")
    return text


COLUMNS = [
    ImportColumn("name", "姓名", required=True),
    ImportColumn("gender", "性别", parse=_choice_parser(Gender.choices, {"男性": "M", "女性": "F"}, "性别")),
    ImportColumn("ethnicity", "民族", parse=parse_ethnicity),
    ImportColumn("birth_date", "出生日期", ("出生年月", "出生时间"), parse=parse_date),
    ImportColumn("id_number", "身份证号", ("身份证号码", "公民身份号码", "身份证"), parse=parse_id),
    ImportColumn(
        "education",
        "学历",
        ("最高学历",),
        parse=_choice_parser(
            Education.choices,
            {
                "本科": "bachelor",
                "硕士": "master",
                "博士": "doctor",
                "研究生": "master",
                "专科": "college",
                "大专": "college",
            },
            "学历",
        ),
    ),
    ImportColumn(
        "category",
        "人员类别",
        ("类别", "人员类型"),
        parse=_choice_parser(
            PersonCategory.choices,
            {
                "教师": "staff",
                "教工": "staff",
                "职工": "staff",
                "本科生": "student",
                "研究生": "student",
                "退休": "retired",
                "离休": "retired",
            },
            "人员类别",
        ),
    ),
    ImportColumn("organization", "所在支部", ("所在党支部", "所在党组织", "党支部", "支部")),
    ImportColumn("joined_on", "入党日期", ("入党时间",), parse=parse_date),
    ImportColumn("full_member_on", "转正日期", ("转正时间",), parse=parse_date),
    ImportColumn("phone", "手机", ("手机号码", "联系电话", "手机号", "电话"), parse=parse_phone),
    ImportColumn("staff_no", "工号/学号", ("工号", "学号", "工号或学号")),
    ImportColumn(
        "political_status",
        "政治面貌",
        ("党员类型", "身份"),
        parse=_choice_parser(
            PoliticalStatus.choices,
            {
                "正式": "full_member",
                "预备": "probationary",
                "中共党员": "full_member",
                "中共预备党员": "probationary",
                "积极分子": "activist",
            },
            "政治面貌",
        ),
    ),
    ImportColumn("email", "邮箱", ("电子邮箱", "Email")),
    ImportColumn("title", "职称/职务", ("职称", "职务")),
    ImportColumn("unit", "所在单位", ("单位", "工作单位", "院系")),
]


class PersonImporter(Importer):
    title = "导入人员花名册"
    columns = COLUMNS
    template_columns = [c.label for c in COLUMNS]

    def organizations(self):
        """Branches rows may name: those the user may add people to (all of them for the command line)."""
        qs = (
            Organization.objects.all()
            if self.user is None
            else Organization.objects.restrict(self.user, "add")
        )
        return qs.active().only("id", "name", "short_name", "code", "path")

    def row_context(self, item, sheet_title):
        if not item.values.get("organization"):
            item.values["organization"] = sheet_title.strip()

    def check(self, result):
        orgs = {}
        for org in self.organizations():
            for key in (org.name, org.short_name, org.code):
                if key:
                    orgs.setdefault(key, org)
        hashes, staff_nos = {}, {}
        for row in result.rows:
            v = row.values
            org = orgs.get(v.get("organization") or "")
            if org is None:
                result.error(row, "所在支部", f"找不到党组织“{v.get('organization')}”（须在您的管理范围内）")
            row.extra["organization"] = org
            number = v.get("id_number")
            if number:
                born, from_id = v.get("birth_date"), idnumber.birth_date_of(number)
                if born and born.day == 1 and (born.year, born.month) == (from_id.year, from_id.month):
                    # 出生年月 gives only the month (read as the 1st): the ID number has the day
                    born = v["birth_date"] = from_id
                if born and from_id != born:
                    result.error(row, "身份证号", f"身份证号中的出生日期与出生日期 {born:%Y-%m-%d} 不一致")
                h = idnumber.lookup_hash(number)
                if h in hashes:
                    result.error(
                        row, "身份证号", f"与工作表“{hashes[h].sheet}”第 {hashes[h].row} 行的身份证号重复"
                    )
                hashes.setdefault(h, row)
                row.extra["hash"] = h
                if not v.get("gender"):
                    v["gender"] = idnumber.gender_of(number)
            elif not v.get("gender"):
                result.error(row, "性别", "未填写性别，且没有身份证号可推断")
            if v.get("joined_on") and v.get("full_member_on") and v["full_member_on"] < v["joined_on"]:
                result.error(row, "转正日期", "转正日期早于入党日期")
            staff_no = v.get("staff_no")
            if staff_no:
                staff_no = str(staff_no)
                v["staff_no"] = staff_no
                if staff_no in staff_nos:
                    result.error(
                        row,
                        "工号/学号",
                        f"与工作表“{staff_nos[staff_no].sheet}”第 {staff_nos[staff_no].row} 行重复",
                    )
                staff_nos.setdefault(staff_no, row)
        taken_hashes = set(
            Person.objects.filter(id_number_hash__in=list(hashes)).values_list("id_number_hash", flat=True)
        )
        taken_nos = set(
            Person.objects.filter(Q(staff_no__in=list(staff_nos))).values_list("staff_no", flat=True)
        )
        for h in taken_hashes:
            result.error(hashes[h], "身份证号", "该身份证号已登记在系统中")
        for no in taken_nos:
            result.error(staff_nos[no], "工号/学号", f"工号/学号“{no}”已存在")

    def write(self, result):
        today = timezone.localdate()
        people = []
        for row in result.rows:
            v = row.values
            number = v.get("id_number") or ""
            people.append(
                Person(
                    name=v["name"],
                    gender=v.get("gender") or "",
                    ethnicity=v.get("ethnicity") or "汉族",
                    birth_date=v.get("birth_date") or (idnumber.birth_date_of(number) if number else None),
                    id_number_cipher=idnumber.encrypt(number) if number else "",
                    id_number_hash=row.extra.get("hash"),
                    phone=v.get("phone") or "",
                    email=v.get("email") or "",
                    staff_no=v.get("staff_no") or None,
                    category=v.get("category") or PersonCategory.STAFF,
                    education=v.get("education") or "",
                    title=v.get("title") or "",
                    unit=v.get("unit") or "",
                    organization=row.extra["organization"],
                    political_status=v.get("political_status")
                    or (
                        PoliticalStatus.FULL_MEMBER
                        if v.get("full_member_on")
                        else PoliticalStatus.PROBATIONARY
                        if v.get("joined_on")
                        else PoliticalStatus.MASSES
                    ),
                    joined_on=v.get("joined_on"),
                    full_member_on=v.get("full_member_on"),
                    source=MemberSource.IMPORTED if v.get("joined_on") else "",
                )
            )
        Person.objects.bulk_create(people, batch_size=500)
        OrgMembership.objects.bulk_create(
            [
                OrgMembership(person=p, organization=p.organization, start=today, reason="花名册导入")
                for p in people
            ],
            batch_size=500,
        )
        log_bulk_create(people, self.user)
        return len(people)


def log_bulk_create(objects, user):
    """One change-log entry per created object, as save() would have written (bulk_create skips signals)."""
    if not objects:
        return
    ct = ContentType.objects.get_for_model(type(objects[0]))
    actor = user if getattr(user, "is_authenticated", False) else None
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=ct,
                object_pk=str(o.pk),
                object_id=o.pk,
                object_repr=str(o)[:200],
                action=LogEntry.Action.CREATE,
                changes={"导入": ["", "花名册导入"]},
                actor=actor,
            )
            for o in objects
        ],
        batch_size=500,
    )
