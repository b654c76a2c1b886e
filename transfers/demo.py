"""Demo data: transfers of the last year, a mobile-member ledger, graduates kept at school, lost-contact cases."""

import datetime as dt

from django.utils import timezone

from members.choices import PARTY_MEMBER_STATUSES, PersonCategory
from members.models import Person
from orgs.choices import BRANCH_TYPES
from orgs.models import Organization
from transfers import rules
from transfers.models import (
    ContactRecord,
    GraduateRetention,
    LostContactCase,
    MobileMember,
    MobileReport,
    StandingDecision,
    Transfer,
)

CITIES = [
    "太原市",
    "大同市",
    "忻州市",
    "北京市海淀区",
    "深圳市南山区",
    "上海市浦东新区",
    "西安市",
    "石家庄市",
]
UNITS = ["市委组织部", "县委组织部", "人才交流中心党委", "某科技公司党委", "某中学党支部", "某乡镇党委"]


def _person_lists():
    members = list(
        Person.objects.filter(political_status__in=PARTY_MEMBER_STATUSES)
        .select_related("organization")
        .order_by("pk")
    )
    students = [p for p in members if p.category == PersonCategory.STUDENT]
    return members, students


def load(ctx):
    if Transfer.objects.exists():
        ctx["log"]("  组织关系数据已存在，跳过")
        return
    rng, small = ctx["rng"], ctx["small"]
    today = timezone.localdate()
    members, students = _person_lists()
    branches = list(Organization.objects.active().filter(org_type__in=BRANCH_TYPES))
    if not members or len(branches) < 2:
        ctx["log"]("  无党员或党支部，跳过组织关系数据")
        return
    scale = 1 if small else 3
    rng.shuffle(members)
    pool = iter(members)

    transfers = []
    for i in range(12 * scale):  # letters out over the last year: most received, some overdue
        p = next(pool, None)
        if p is None:
            break
        issued = today - dt.timedelta(days=rng.randint(5, 360))
        days = rng.choice([30, 30, 30, 60, 90])
        received = issued + dt.timedelta(days=rng.randint(3, 25)) if rng.random() < 0.7 else None
        transfers.append(
            Transfer(
                kind="out",
                status="received" if received and received <= today else "issued",
                person=p,
                organization=p.organization,
                letter_no=f"转{issued.year}-{i + 1:04d}",
                external_org=rng.choice(CITIES) + rng.choice(UNITS),
                external_address=rng.choice(CITIES),
                issued_on=issued,
                valid_days=days,
                valid_until=rules.letter_valid_until(issued, days),
                dues_paid_to=issued.replace(day=1),
                received_on=received if received and received <= today else None,
                reason=rng.choice(["工作调动", "毕业离校", "考取研究生", "随迁"]),
            )
        )
    for _ in range(6 * scale):  # members who arrived from outside or from another branch
        p = next(pool, None)
        if p is None:
            break
        on = today - dt.timedelta(days=rng.randint(5, 360))
        if rng.random() < 0.5:
            transfers.append(
                Transfer(
                    kind="in",
                    status="received",
                    person=p,
                    organization=p.organization,
                    letter_no=f"外{on.year}-{rng.randint(10, 999)}",
                    external_org=rng.choice(CITIES) + rng.choice(UNITS),
                    issued_on=on - dt.timedelta(days=7),
                    valid_days=30,
                    valid_until=rules.letter_valid_until(on - dt.timedelta(days=7), 30),
                    received_on=on,
                    reason="工作调入",
                )
            )
        else:
            source = rng.choice([b for b in branches if b.pk != p.organization_id])
            transfers.append(
                Transfer(
                    kind="within",
                    status="received",
                    person=p,
                    organization=source,
                    target_org=p.organization,
                    issued_on=on,
                    valid_days=30,
                    valid_until=rules.letter_valid_until(on, 30),
                    received_on=on,
                    reason="校内调整",
                )
            )
    Transfer.objects.bulk_create(transfers)

    mobiles = []
    for _ in range(8 * scale):
        p = next(pool, None)
        if p is None:
            break
        left = today - dt.timedelta(days=rng.randint(200, 900))
        mobiles.append(
            MobileMember(
                direction="outgoing",
                person=p,
                name=p.name,
                organization=p.organization,
                location=rng.choice(CITIES),
                contact_phone=f"139{rng.randint(10000000, 99999999)}",
                certificate_no=f"LD{rng.randint(1000, 9999)}",
                left_on=left,
                dues_paid_locally=rng.random() < 0.3,
            )
        )
    for i in range(2 * scale):
        mobiles.append(
            MobileMember(
                direction="incoming",
                name=f"流入党员{i + 1}",
                home_org_name=rng.choice(CITIES) + "某村党支部",
                organization=rng.choice(branches),
                location="本校后勤服务中心",
                contact_phone=f"137{rng.randint(10000000, 99999999)}",
                certificate_no=f"HD{i + 100}",
                left_on=today - dt.timedelta(days=rng.randint(200, 600)),
                dues_paid_locally=True,
            )
        )
    MobileMember.objects.bulk_create(mobiles)
    MobileReport.objects.bulk_create(
        MobileReport(
            entry=m,
            organization=m.organization,
            year=year,
            reported_on=dt.date(year, 6, 15),
            content="在外工作学习情况良好，按时参加流入地组织生活。",
        )
        for m in mobiles
        for year in (today.year - 1, today.year)
        if rng.random() < 0.6
    )

    grads = [
        s for s in students if s.pk not in {x.person_id for x in transfers} | {m.person_id for m in mobiles}
    ]
    retentions = []
    for p in grads[: 4 * scale]:
        graduated = dt.date(today.year - rng.choice([0, 1, 2]), 6, 30)
        if graduated > today:
            graduated = dt.date(today.year - 1, 6, 30)
        retentions.append(
            GraduateRetention(
                person=p,
                organization=p.organization,
                graduated_on=graduated,
                until=rules.retention_until(graduated),
                contact_name="辅导员" + p.name[0] + "老师",
                contact_phone="13800000000",
                whereabouts=rng.choice(CITIES) + "（待业）",
                abroad=rng.random() < 0.25,
                last_contact_on=graduated + dt.timedelta(days=90),
            )
        )
    GraduateRetention.objects.bulk_create(retentions)

    cases = []
    for _ in range(3 * scale):
        p = next(pool, None)
        if p is None:
            break
        last = today - dt.timedelta(days=rng.randint(120, 500))
        cases.append(
            LostContactCase(
                person=p,
                organization=p.organization,
                opened_on=last + dt.timedelta(days=90),
                last_contact_on=last,
                signals=["6 个月未交纳党费"],
            )
        )
    LostContactCase.objects.bulk_create(cases)
    ContactRecord.objects.bulk_create(
        ContactRecord(
            person=c.person,
            organization=c.organization,
            purpose="search",
            case=c,
            on=c.opened_on + dt.timedelta(days=7),
            method=rng.choice(["phone", "unit", "letter"]),
            by_whom="支部书记",
            result="电话停机，函询家庭未获回复",
        )
        for c in cases
    )
    StandingDecision.objects.bulk_create(
        StandingDecision(
            person=c.person,
            organization=c.organization,
            kind="stop",
            case=c,
            reason="失联满 6 个月，多方查找未果",
            proposed_on=today,
        )
        for c in cases
        if rules.stop_proposal_allowed_from(c.last_contact_on) <= today
    )
    ctx["log"](
        f"  组织关系：转接 {len(transfers)}，流动党员 {len(mobiles)}，保留关系毕业生 {len(retentions)}，失联查找 {len(cases)}"
    )
