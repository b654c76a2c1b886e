import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Event
from dues import services
from dues.choices import ApprovalStatus, CaseOutcome, HandoverStatus
from dues.models import DuesHandover, DuesPayment, DuesReduction
from dues.tests.helpers import TODAY, member, pay, probationary, set_base
from members.choices import PersonCategory, PoliticalStatus

D = dt.date


def test_base_computes_monthly_amount_from_category(world):
    staff = set_base(member(world), base="5000.01")
    assert (staff.kind, staff.rate, staff.monthly_amount) == ("salaried", Decimal("0.015"), Decimal("75.00"))
    retiree = set_base(member(world, category=PersonCategory.RETIRED), base="5000")
    assert (retiree.kind, retiree.monthly_amount) == ("retired", Decimal("25.00"))
    student = set_base(member(world, "b1", category=PersonCategory.STUDENT), base=None)
    assert (student.kind, student.monthly_amount, student.base) == ("flat", Decimal("0.20"), None)


def test_only_party_members_get_a_base(world):
    with pytest.raises(ValidationError, match="只有党员"):
        set_base(member(world, political_status=PoliticalStatus.ACTIVIST))


def test_probationary_member_owes_from_the_admitting_meeting_month(world):
    # DUES-PROB: admitted on 31 March → March is owed, February is not
    p = probationary(world, D(2026, 3, 31))
    set_base(p, 2026, "3000")
    state = services.DuesState.load([p.pk], with_bases=True)
    assert state.starts[p.pk] == D(2026, 3, 1)
    assert state.due(p.pk, D(2026, 2, 1)) == Decimal("0.00")
    assert state.due(p.pk, D(2026, 3, 1)) == Decimal("15.00")
    with pytest.raises(ValidationError, match="应从2026年3月起缴纳"):
        pay(p, D(2026, 2, 1), D(2026, 3, 1), amount="15.00")
    pay(p, D(2026, 3, 1), D(2026, 3, 1))
    assert services.paid_up_to(p) == D(2026, 3, 1)


def test_member_admitted_on_the_first_owes_that_month(world):
    p = probationary(world, D(2026, 4, 1))
    set_base(p, 2026, "3000")
    assert services.DuesState.load([p.pk]).starts[p.pk] == D(2026, 4, 1)


def test_arrears_count_across_a_year_end(world):
    p = member(world)
    set_base(p, 2025, "4000")
    set_base(p, 2026, "4000")
    pay(p, D(2025, 1, 1), D(2025, 10, 1), paid_on=D(2025, 10, 20), back_reason="上线前补录")
    # on 15 Feb 2026: November, December, January unpaid; February is not late yet
    assert services.unpaid_months(p, D(2026, 2, 15)) == 3
    assert services.unpaid_months(p, D(2026, 2, 1)) == 3
    assert services.unpaid_months(p, D(2026, 1, 31)) == 2
    from members.models import Person

    rows = services.arrears(Person.objects.filter(pk=p.pk), D(2026, 2, 15))
    assert rows[0].months == 3 and rows[0].level == "warn"
    assert services.paid_up_to(p) == D(2025, 10, 1)


def test_warning_at_three_and_lapse_at_six(world):
    from members.models import Person

    p = member(world)
    set_base(p, 2026, "4000")
    pay(p, D(2026, 1, 1), D(2026, 2, 1), paid_on=D(2026, 2, 10))
    people = Person.objects.filter(pk=p.pk)
    assert services.arrears(people, D(2026, 5, 15))[0].level == ""  # Mar, Apr: 2
    assert services.arrears(people, D(2026, 6, 1))[0].level == "warn"  # Mar–May: 3
    assert services.arrears(people, D(2026, 8, 31))[0].level == "warn"  # Mar–Jul: 5
    with pytest.raises(ValidationError, match="未达到 6 个月"):
        services.open_lapse_case(p, None, on=D(2026, 8, 31))
    assert services.arrears(people, D(2026, 9, 1))[0].level == "lapse"  # Mar–Aug: 6 (DUES-LAPSE)
    case = services.open_lapse_case(p, None, on=D(2026, 9, 1))
    assert (case.unpaid_from, case.unpaid_months) == (D(2026, 3, 1), 6)
    with pytest.raises(ValidationError, match="已有待处理"):
        services.open_lapse_case(p, None, on=D(2026, 9, 1))
    services.close_lapse_case(case, None, outcome=CaseOutcome.PAID, note="已补交", on=D(2026, 9, 5))
    p.refresh_from_db()
    # the system never removes anyone: the member's status is untouched
    assert p.political_status == PoliticalStatus.FULL_MEMBER
    assert Event.objects.filter(name="欠缴办结").count() == 1


def test_back_payment_limit_six_months(world):
    # DUES-BACK: covering 6 overdue months needs no reason; 7 does
    p = member(world)
    set_base(p, 2026, "4000")
    with pytest.raises(ValidationError, match="超过 6 个月"):
        pay(p, D(2026, 1, 1), D(2026, 7, 1), paid_on=D(2026, 8, 3))
    six = pay(p, D(2026, 1, 1), D(2026, 6, 1), paid_on=D(2026, 7, 3))
    assert (six.overdue_months, six.back_reason) == (6, "")
    q = member(world)
    set_base(q, 2026, "4000")
    seven = pay(q, D(2026, 1, 1), D(2026, 7, 1), paid_on=D(2026, 8, 3), back_reason="出国访学，回国后补交")
    assert seven.overdue_months == 7


def test_payment_rules_amount_extra_advance_online(world):
    p = member(world)
    set_base(p, 2026, "4000")  # 40.00 a month
    with pytest.raises(ValidationError, match="少于应交金额 80.00"):
        pay(p, D(2026, 1, 1), D(2026, 2, 1), amount="79.99")
    with pytest.raises(ValidationError, match="流水号"):
        pay(p, D(2026, 1, 1), D(2026, 1, 1), method="online")
    first = pay(p, D(2026, 1, 1), D(2026, 2, 1), amount="100.00", paid_on=D(2026, 1, 10), paid_by="配偶代缴")
    assert (first.due_amount, first.extra_amount, first.advance_months) == (
        Decimal("80.00"),
        Decimal("20.00"),
        1,
    )
    with pytest.raises(ValidationError, match="党费已交至2026年2月"):
        pay(p, D(2026, 4, 1), D(2026, 4, 1))
    pay(
        p, D(2026, 3, 1), D(2026, 12, 1), method="online", reference="WX2026031000001", paid_on=D(2026, 3, 10)
    )
    with pytest.raises(ValidationError, match="2027 年度的党费基数尚未核定"):
        pay(p, D(2027, 1, 1), D(2027, 1, 1))
    assert services.paid_up_to(p) == D(2026, 12, 1)


def test_payment_date_cannot_be_in_the_future(world):
    p = member(world)
    set_base(p, 2026, "4000")
    payment = DuesPayment(
        person=p,
        paid_on=D(2026, 11, 16),
        from_month=D(2026, 1, 1),
        to_month=D(2026, 1, 1),
        amount=40,
        method="cash",
    )
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.record_payment(payment, None, today=TODAY)


def test_only_the_latest_payment_can_be_cancelled(world):
    p = member(world)
    set_base(p, 2026, "4000")
    first = pay(p, D(2026, 1, 1), D(2026, 1, 1))
    second = pay(p, D(2026, 2, 1), D(2026, 2, 1))
    with pytest.raises(ValidationError, match="最近一笔"):
        services.cancel_payment(first, None)
    services.cancel_payment(second, None)
    assert services.paid_up_to(p) == D(2026, 1, 1)


def test_reduction_needs_higher_approval_and_waiver_settles_months(world):
    # DUES-REDUCE: the branch decides, the general branch above approves
    p = member(world)
    set_base(p, 2026, "4000")
    pay(p, D(2026, 1, 1), D(2026, 2, 1), paid_on=D(2026, 2, 5))
    waiver = services.submit_reduction(
        DuesReduction(
            person=p,
            kind="waive",
            from_month=D(2026, 3, 1),
            to_month=D(2026, 5, 1),
            reason="重病",
            decided_on=D(2026, 3, 2),
        ),
        world.users["secretary_a1"],
    )
    assert services.unpaid_months(p, D(2026, 6, 15)) == 3  # not approved yet: still owed
    with pytest.raises(ValidationError, match="上级党组织审批"):
        services.decide_reduction(waiver, world.users["secretary_a1"], approve=True)
    with pytest.raises(ValidationError, match="上级党组织审批"):
        services.decide_reduction(waiver, world.users["secretary_b1"], approve=True)
    services.decide_reduction(waiver, world.users["secretary_a"], approve=True, note="同意")
    waiver.refresh_from_db()
    assert waiver.status == ApprovalStatus.APPROVED
    assert services.unpaid_months(p, D(2026, 6, 15)) == 0
    assert services.paid_up_to(p) == D(2026, 5, 1)
    with pytest.raises(ValidationError, match="重叠"):
        services.submit_reduction(
            DuesReduction(
                person=p,
                kind="reduce",
                monthly_amount=5,
                from_month=D(2026, 5, 1),
                to_month=D(2026, 6, 1),
                reason="x",
                decided_on=D(2026, 5, 1),
            ),
            None,
        )
    reduced = services.submit_reduction(
        DuesReduction(
            person=p,
            kind="reduce",
            monthly_amount=Decimal("5.00"),
            from_month=D(2026, 6, 1),
            to_month=D(2026, 6, 1),
            reason="困难",
            decided_on=D(2026, 6, 1),
        ),
        None,
    )
    services.decide_reduction(reduced, world.users["zzb"], approve=True)
    assert pay(p, D(2026, 6, 1), D(2026, 6, 1)).due_amount == Decimal("5.00")


def test_handover_branch_to_general_branch_to_school_with_differences(world):
    p = member(world)
    set_base(p, 2026, "4000")
    pay(p, D(2026, 1, 1), D(2026, 3, 1), paid_on=D(2026, 3, 5))  # 120.00 received in March
    a1 = services.submit_handover(
        DuesHandover(organization=world.a1, month=D(2026, 3, 1), declared_amount=Decimal("120.00")),
        world.users["secretary_a1"],
        on=D(2026, 4, 2),
    )
    assert (a1.ledger_amount, a1.ledger_difference, a1.status) == (
        Decimal("120.00"),
        0,
        HandoverStatus.SUBMITTED,
    )
    with pytest.raises(ValidationError, match="上一级党组织确认"):
        services.confirm_handover(a1, world.users["secretary_a1"], received_amount="120")
    a1 = services.confirm_handover(a1, world.users["secretary_a"], received_amount="110.00")
    assert a1.received_difference == Decimal("-10.00")
    general = services.submit_handover(
        DuesHandover(organization=world.a, month=D(2026, 3, 1), declared_amount=Decimal("110.00")),
        world.users["secretary_a"],
    )
    assert (general.children_amount, general.children_difference) == (Decimal("110.00"), 0)
    assert general.ledger_difference == Decimal("-10.00")
    with pytest.raises(ValidationError, match="上一级党组织确认"):
        services.confirm_handover(general, world.users["secretary_a"], received_amount="110")
    services.return_handover(general, world.users["zzb"], note="请核对差额")
    general.refresh_from_db()
    general.declared_amount = Decimal("120.00")
    general = services.submit_handover(general, world.users["secretary_a"])
    assert general.status == HandoverStatus.SUBMITTED
    services.confirm_handover(general, world.users["zzb"], received_amount="120.00")
    with pytest.raises(ValidationError, match="无需上缴"):
        services.submit_handover(
            DuesHandover(organization=world.root, month=D(2026, 3, 1), declared_amount=1), None
        )


def test_publish_year_totals(world):
    p = member(world)
    set_base(p, 2026, "4000")
    pay(p, D(2026, 1, 1), D(2026, 6, 1), amount="250.00", paid_on=D(2026, 6, 5))
    notice = services.publish_year(world.a1, 2026, None, on=TODAY)
    assert notice.member_count == 1
    assert notice.due_total == Decimal("480.00")
    assert (notice.paid_total, notice.extra_total) == (Decimal("250.00"), Decimal("10.00"))


def test_paid_up_to_and_unpaid_months_take_constant_queries(world):
    def make(n):
        ids = []
        for _ in range(n):
            p = member(world)
            set_base(p, 2026, "4000")
            pay(p, D(2026, 1, 1), D(2026, 2, 1))
            ids.append(p.pk)
        return ids

    small = make(2)
    with CaptureQueriesContext(connection) as few:
        services.paid_up_to(small)
        services.unpaid_months(small, TODAY)
    large = small + make(8)
    with CaptureQueriesContext(connection) as many:
        result = services.paid_up_to(large)
        unpaid = services.unpaid_months(large, TODAY)
    assert len(few) == len(many)
    assert set(result.values()) == {D(2026, 2, 1)}
    assert set(unpaid.values()) == {8}  # March–October


def test_transfer_letter_label(world):
    # DUES-TRANSFER
    p = member(world)
    assert services.transfer_paid_up_to_label(p) == "未缴纳"
    set_base(p, 2026, "4000")
    pay(p, D(2026, 1, 1), D(2026, 5, 1))
    assert services.transfer_paid_up_to_label(p) == "2026年5月"


def test_reminders_warn_at_three_and_flag_lapse_at_six(world):
    from dues import reminders

    warned, lapsed, fine = member(world), member(world), member(world)
    for p in (warned, lapsed, fine):
        set_base(p, 2026, "4000")
    pay(warned, D(2026, 1, 1), D(2026, 5, 1), paid_on=D(2026, 5, 3))  # Jun–Aug unpaid on 1 Sep: 3
    pay(lapsed, D(2026, 1, 1), D(2026, 2, 1), paid_on=D(2026, 2, 3))  # Mar–Aug: 6
    pay(fine, D(2026, 1, 1), D(2026, 7, 1), paid_on=D(2026, 7, 3))  # Aug: 1
    on = D(2026, 9, 1)
    warn = {i.person_id: i for i in reminders.arrears_warning(on)}
    lapse = {i.person_id: i for i in reminders.lapse_case_due(on)}
    assert set(warn) == {warned.pk} and set(lapse) == {lapsed.pk}
    assert "连续 3 个月" in warn[warned.pk].title
    services.open_lapse_case(lapsed, None, on=on)
    assert not list(reminders.lapse_case_due(on))  # a case exists: no further reminder
    h = services.submit_handover(
        DuesHandover(organization=world.a1, month=D(2026, 8, 1), declared_amount=Decimal("0")), None, on=on
    )
    assert [i.key for i in reminders.handover_unconfirmed(on)] == [f"dues.handover:{h.pk}"]
