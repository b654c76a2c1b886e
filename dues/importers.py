"""Import the yearly bases (.xlsx): preview, then all rows or none."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from core.importing import ImportColumn, Importer
from core.parsing import clean_text
from dues import rules, services
from dues import scoping as dues_scope
from dues.choices import DuesKind
from dues.models import DuesBase
from members.importers import log_bulk_create

KIND_WORDS = {label: value for value, label in DuesKind.choices} | {
    "在职": DuesKind.SALARIED,
    "工资": DuesKind.SALARIED,
    "离退休": DuesKind.RETIRED,
    "退休": DuesKind.RETIRED,
    "学生": DuesKind.FLAT,
    "固定": DuesKind.FLAT,
    "无固定收入": DuesKind.FLAT,
}


def parse_money(value):
    try:
        amount = Decimal(clean_text(value).replace(",", "").replace("元", ""))
    except InvalidOperation:
        raise ValueError(f"金额格式不正确：“{value}”") from None
    if amount < 0:
        raise ValueError("金额不能为负数")
    return rules.money(amount)


def parse_year(value):
    text = clean_text(value).removesuffix("年")
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise ValueError(f"年度格式不正确：“{value}”")
    return int(text)


def parse_kind(value):
    text = clean_text(value)
    if text in KIND_WORDS:
        return KIND_WORDS[text]
    raise ValueError(f"无法识别的交纳类别“{text}”（可填：在职、离退休、学生）")


class DuesBaseImporter(Importer):
    title = "导入党费基数"
    columns = [
        ImportColumn("name", "姓名", required=True),
        ImportColumn("staff_no", "工号/学号", ("工号", "学号")),
        ImportColumn("year", "年度", ("年份",), required=True, parse=parse_year),
        ImportColumn("kind", "交纳类别", ("类别", "人员类别"), parse=parse_kind),
        ImportColumn(
            "base", "计算基数", ("基数", "月工资", "税后工资", "工资收入", "基本离退休费"), parse=parse_money
        ),
        ImportColumn("note", "备注"),
    ]

    def check(self, result):
        people = list(
            dues_scope.members(self.user, "change").only(
                "pk", "name", "staff_no", "category", "organization_id"
            )
        )
        by_no = {p.staff_no: p for p in people if p.staff_no}
        by_name = {}
        for p in people:
            by_name.setdefault(p.name, []).append(p)
        years = {row.values.get("year") for row in result.rows if row.values.get("year")}
        taken = set(
            DuesBase.objects.filter(person__in=people, year__in=years).values_list("person_id", "year")
        )
        seen = {}
        for row in result.rows:
            v = row.values
            person = None
            if v.get("staff_no"):
                person = by_no.get(str(v["staff_no"]))
                if person is None or person.name != v["name"]:
                    result.error(
                        row, "工号/学号", f"您管理范围内的党员中没有工号/学号“{v['staff_no']}”的{v['name']}"
                    )
                    continue
            else:
                matches = by_name.get(v["name"], [])
                if len(matches) != 1:
                    result.error(
                        row,
                        "姓名",
                        "您管理范围内有多名同名党员，请填写工号/学号"
                        if matches
                        else "您管理范围内没有这名党员",
                    )
                    continue
                person = matches[0]
            year = v.get("year")
            if not year:
                continue
            kind = v.get("kind") or services.default_kind(person)
            if kind != DuesKind.FLAT and v.get("base") in (None, ""):
                result.error(row, "计算基数", "按比例交纳的党员须填写计算基数")
                continue
            if (person.pk, year) in taken:
                result.error(row, "年度", f"{person.name} 的 {year} 年度基数已核定，请在系统中修改")
            if (person.pk, year) in seen:
                result.error(row, "姓名", f"与第 {seen[(person.pk, year)]} 行重复")
            seen[(person.pk, year)] = row.row
            base = None if kind == DuesKind.FLAT else v["base"]
            row.extra.update(
                person=person,
                kind=kind,
                base=base,
                calc=rules.monthly_amount(kind, base, dt.date(year, 1, 1)),
            )

    def write(self, result):
        objects = []
        for row in result.rows:
            calc = row.extra["calc"]
            objects.append(
                DuesBase(
                    person=row.extra["person"],
                    organization_id=row.extra["person"].organization_id,
                    year=row.values["year"],
                    kind=row.extra["kind"],
                    base=row.extra["base"],
                    rate=calc.rate,
                    bracket=calc.bracket,
                    monthly_amount=calc.amount,
                    capped=calc.capped,
                    rule_version=calc.version,
                    note=row.values.get("note") or "",
                )
            )
        DuesBase.objects.bulk_create(objects, batch_size=500)
        log_bulk_create(objects, self.user)
        return len(objects)
