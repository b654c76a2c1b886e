"""Import the organization tree from .xlsx: one row per organization, parents by code (in the file or already here)."""

from core.importing import ImportColumn, Importer
from core.parsing import parse_date
from core.views import ImportView
from orgs import services
from orgs.choices import BranchCategory, OrgType
from orgs.models import Organization

TYPE_BY_LABEL = {label: value for value, label in OrgType.choices} | {
    "党委": OrgType.COMMITTEE,
    "支部": OrgType.BRANCH,
    "总支": OrgType.GENERAL_BRANCH,
}
CATEGORY_BY_LABEL = {label: value for value, label in BranchCategory.choices} | {
    "教师": BranchCategory.TEACHER,
    "学生党支部": BranchCategory.STUDENT,
}


def parse_type(value):
    text = str(value).strip()
    if text in TYPE_BY_LABEL:
        return TYPE_BY_LABEL[text]
    if text in OrgType.values:
        return text
    raise ValueError(f"未知的组织类型“{text}”（可填：{'、'.join(OrgType.labels)}）")


def parse_category(value):
    text = str(value).strip()
    if text in CATEGORY_BY_LABEL:
        return CATEGORY_BY_LABEL[text]
    raise ValueError(f"未知的支部类别“{text}”（可填：{'、'.join(BranchCategory.labels)}）")


class OrganizationImporter(Importer):
    title = "导入党组织"
    columns = [
        ImportColumn("name", "名称", ("组织名称", "党组织名称"), required=True),
        ImportColumn("code", "编码", ("组织编码", "代码"), required=True),
        ImportColumn("org_type", "类型", ("组织类型",), required=True, parse=parse_type),
        ImportColumn("parent_code", "上级编码", ("上级组织编码", "上级代码")),
        ImportColumn("category", "支部类别", ("类别",), parse=parse_category),
        ImportColumn("short_name", "简称"),
        ImportColumn("established", "成立日期", ("成立时间",), parse=parse_date),
        ImportColumn("term_start", "任期开始", ("本届任期开始", "换届时间"), parse=parse_date),
        ImportColumn("term_end", "任期届满", ("本届任期届满", "届满时间"), parse=parse_date),
    ]

    def check(self, result):
        existing = set(
            Organization.objects.filter(code__in=[r.values.get("code") for r in result.rows]).values_list(
                "code", flat=True
            )
        )
        in_file = {}
        parents_needed = {r.values.get("parent_code") for r in result.rows if r.values.get("parent_code")}
        known_parents = {
            o.code: o for o in Organization.objects.restrict(self.user, "add").filter(code__in=parents_needed)
        }
        for row in result.rows:
            code = row.values.get("code")
            if not code:
                continue
            if code in existing:
                result.error(row, "编码", f"编码“{code}”已存在")
            if code in in_file:
                result.error(row, "编码", f"编码“{code}”与第 {in_file[code]} 行重复")
            in_file.setdefault(code, row.row)
            parent_code = row.values.get("parent_code")
            if parent_code and parent_code not in known_parents and parent_code not in in_file:
                result.error(
                    row,
                    "上级编码",
                    f"找不到上级组织“{parent_code}”（须已存在于您的管理范围内，或在本文件中更早的行）",
                )
            if not parent_code and row.values.get("org_type") != OrgType.COMMITTEE:
                result.error(row, "上级编码", "除校党委外，须填写上级组织编码")
            if row.values.get("org_type") in (
                OrgType.BRANCH,
                OrgType.FUNCTIONAL_BRANCH,
            ) and not row.values.get("category"):
                result.error(row, "支部类别", "党支部须填写支部类别")
        self.known_parents = known_parents

    def write(self, result):
        created = dict(self.known_parents)
        for row in result.rows:
            v = row.values
            parent = created.get(v.get("parent_code")) if v.get("parent_code") else None
            fields = {k: v.get(k) or None for k in ("established", "term_start", "term_end")}
            created[v["code"]] = services.create_organization(
                parent,
                self.user,
                name=v["name"],
                code=v["code"],
                org_type=v["org_type"],
                category=v.get("category") or "",
                short_name=v.get("short_name") or "",
                **fields,
            )
        return len(result.rows)


class OrganizationImportView(ImportView):
    model = Organization
    importer_class = OrganizationImporter
    success_url_name = "orgs:organization_list"
