import datetime as dt
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from core.testing.views import APIViewTestCases, ViewTestCases
from dues import services
from dues.models import DuesAnnualNotice, DuesBase, DuesHandover, DuesPayment, DuesReduction, LapseCase
from dues.tests.helpers import member, pay, set_base

D = dt.date
YEAR = timezone.localdate().year


class TestDuesBaseViews(ViewTestCases, APIViewTestCases):
    model = DuesBase
    api_basename = "duesbase"

    def make(self, world, org_key):
        return set_base(member(world, org_key), YEAR, "4000")

    def form_data(self, world):
        return {"person": world.people["member_a1"], "year": YEAR, "kind": "salaried", "base": "4000.00"}

    def api_create_data(self, world):
        return {
            "person": world.people["member_a1"].pk,
            "year": YEAR - 1,
            "kind": "retired",
            "base": "5000.01",
        }


class TestDuesPaymentViews(ViewTestCases, APIViewTestCases):
    model = DuesPayment
    api_basename = "duespayment"

    def make(self, world, org_key):
        p = member(world, org_key)
        set_base(p, YEAR, "4000")
        return pay(p, D(YEAR, 1, 1), D(YEAR, 1, 1), paid_on=timezone.localdate(), back_reason="补录")

    def form_data(self, world):
        set_base(world.people["member_a1"], YEAR, "4000")
        return {
            "person": world.people["member_a1"],
            "paid_on": timezone.localdate().isoformat(),
            "from_month": f"{YEAR}-01",
            "to_month": f"{YEAR}-02",
            "amount": "80.00",
            "method": "cash",
            "back_reason": "补录",
        }

    def api_create_data(self, world):
        data = self.form_data(world)
        return {
            **data,
            "person": data["person"].pk,
            "from_month": f"{YEAR}-01-01",
            "to_month": f"{YEAR}-01-01",
            "amount": "40.00",
        }


class TestDuesReductionViews(ViewTestCases, APIViewTestCases):
    model = DuesReduction
    api_basename = "duesreduction"

    def make(self, world, org_key):
        return services.submit_reduction(
            DuesReduction(
                person=member(world, org_key),
                kind="waive",
                from_month=D(YEAR, 1, 1),
                to_month=D(YEAR, 3, 1),
                reason="大病",
                decided_on=D(YEAR, 1, 5),
            ),
            None,
        )

    def form_data(self, world):
        return {
            "person": world.people["member_a1"],
            "kind": "reduce",
            "from_month": f"{YEAR}-03",
            "to_month": f"{YEAR}-04",
            "monthly_amount": "2.00",
            "reason": "家庭困难",
            "decided_on": f"{YEAR}-03-02",
        }

    def api_create_data(self, world):
        data = self.form_data(world)
        return {
            **data,
            "person": data["person"].pk,
            "from_month": f"{YEAR}-03-01",
            "to_month": f"{YEAR}-04-01",
        }


class TestLapseCaseViews(ViewTestCases, APIViewTestCases):
    model = LapseCase
    api_basename = "lapsecase"

    def make(self, world, org_key):
        p = member(world, org_key)
        set_base(p, 2025, "4000")
        return services.open_lapse_case(p, None, on=D(2025, 8, 1))


class TestDuesHandoverViews(ViewTestCases, APIViewTestCases):
    model = DuesHandover
    api_basename = "dueshandover"

    def make(self, world, org_key):
        month = D(2020, 1 + DuesHandover.objects.count() % 12, 1)
        return services.submit_handover(
            DuesHandover(organization=world.orgs[org_key], month=month, declared_amount=Decimal("0")), None
        )

    def form_data(self, world):
        return {"organization": world.a1, "month": f"{YEAR}-02", "declared_amount": "0.00"}

    def api_create_data(self, world):
        return {"organization": world.a1.pk, "month": f"{YEAR}-03-01", "declared_amount": "0.00"}


class TestDuesAnnualNoticeViews(ViewTestCases, APIViewTestCases):
    model = DuesAnnualNotice
    api_basename = "duesannualnotice"

    def make(self, world, org_key):
        return services.publish_year(world.orgs[org_key], 2000 + DuesAnnualNotice.objects.count(), None)

    def form_data(self, world):
        return {"organization": world.a1, "year": YEAR, "note": "年度公开"}

    def api_create_data(self, world):
        return {"organization": world.a1.pk, "year": YEAR - 1}


# --- pages without a model of their own ---------------------------------------------------
def _members_with_history(world, n, org_key="a1"):
    for _ in range(n):
        p = member(world, org_key)
        set_base(p, YEAR, "4000")
        pay(p, D(YEAR, 1, 1), D(YEAR, 1, 1), paid_on=timezone.localdate(), back_reason="补录")
        services.submit_reduction(
            DuesReduction(
                person=p,
                kind="waive",
                from_month=D(YEAR, 2, 1),
                to_month=D(YEAR, 2, 1),
                reason="x",
                decided_on=D(YEAR, 2, 1),
            ),
            None,
        )


def _queries(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx)


def test_work_pages_query_count_does_not_grow(world):
    client = world.client("secretary_a")
    urls = [
        ("/dues/", {"org": world.a.pk}),
        ("/dues/arrears/", {}),
        ("/dues/summary/", {}),
        ("/dues/payments/", {}),
        ("/dues/bases/", {}),
    ]
    _members_with_history(world, 2)
    before = [_queries(client, url, params) for url, params in urls]
    _members_with_history(world, 12)
    _members_with_history(world, 3, "a1g")
    after = [_queries(client, url, params) for url, params in urls]
    assert before == after


def test_ledger_shows_months_and_exports_only_scope(world):
    inside, outside = member(world, "a1", name="台账甲"), member(world, "b1", name="台账乙")
    for p in (inside, outside):
        set_base(p, YEAR, "4000")
    pay(inside, D(YEAR, 1, 1), D(YEAR, 2, 1), paid_on=timezone.localdate(), back_reason="补录")
    client = world.client("secretary_a1")
    body = client.get("/dues/", {"org": world.a1.pk, "year": YEAR}).content.decode()
    assert "台账甲" in body and "台账乙" not in body and "已交" in body
    assert client.get("/dues/", {"org": world.b1.pk, "year": YEAR}).content.decode().count("台账乙") == 0
    response = client.get("/dues/", {"org": world.a1.pk, "year": YEAR, "export": "xlsx"})
    wb = load_workbook(io.BytesIO(response.content))
    names = [r[0] for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert "台账甲" in names and "台账乙" not in names
    assert wb.worksheets[1].max_row == 2  # the one payment


def test_members_see_only_their_own_statement_and_no_ledger(world):
    own, other = world.people["member_a1"], world.people["secretary_a1"]
    set_base(own, YEAR, "4000")
    client = world.client("member_a1")
    assert client.get("/dues/mine/").status_code == 302
    body = client.get(f"/dues/statement/{own.pk}/").content.decode()
    assert "40.00" in body and "比例 1%" in body
    assert client.get(f"/dues/statement/{other.pk}/").status_code == 404
    assert client.get("/dues/").status_code == 403
    assert client.get("/dues/arrears/").status_code == 403
    assert world.client("secretary_b1").get(f"/dues/statement/{own.pk}/").status_code == 404
    response = world.client("secretary_a1").get(f"/dues/statement/{own.pk}/", {"export": "xlsx"})
    assert load_workbook(io.BytesIO(response.content)).worksheets[0].cell(2, 6).value == 40


def test_arrears_page_and_opening_a_case(world):
    p = member(world, name="欠缴者")
    set_base(p, YEAR - 1, "4000")
    set_base(p, YEAR, "4000")
    client = world.client("secretary_a1")
    body = client.get("/dues/arrears/").content.decode()
    assert "欠缴者" in body and "须立案处理" in body
    assert world.client("secretary_b1").get("/dues/arrears/").content.decode().count("欠缴者") == 0
    assert world.client("secretary_b1").post(f"/dues/arrears/{p.pk}/open/").status_code == 404
    response = client.post(f"/dues/arrears/{p.pk}/open/")
    assert response.status_code == 302
    case = LapseCase.objects.get(person=p)
    response = client.post(f"/dues/cases/{case.pk}/close/", {"outcome": "reason", "note": "长期病休，已说明"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"


def test_reduction_decided_by_general_branch_not_by_branch(world):
    reduction = TestDuesReductionViews().make(world, "a1")
    response = world.client("secretary_a1").post(f"/dues/reductions/{reduction.pk}/decide/", {"approve": "1"})
    assert response.status_code == 400 and "上级党组织审批" in response.content.decode()
    response = world.client("secretary_a").post(f"/dues/reductions/{reduction.pk}/decide/", {"approve": "1"})
    assert response.status_code == 302
    reduction.refresh_from_db()
    assert reduction.status == "approved"


def test_summary_page_has_charts_and_export(world):
    _members_with_history(world, 2)
    client = world.client("zzb")
    body = client.get("/dues/summary/", {"year": YEAR}).content.decode()
    assert 'data-chart-json="dues-month-chart"' in body and "A系党总支" in body
    wb = load_workbook(io.BytesIO(client.get("/dues/summary/", {"year": YEAR, "export": "xlsx"}).content))
    rows = {r[0]: r for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)}
    # 2 members × (Jan paid 40 + Feb waived 0) settled; due counts Jan..Dec minus the waived month
    assert rows["A系党总支"][2] == 2 and rows["A系党总支"][4] == 80


def _upload(rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "A1"
    ws.append(["姓名", "工号/学号", "年度", "交纳类别", "计算基数"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "bases.xlsx"
    return buffer


def test_import_bases_preview_then_all_or_nothing(world):
    client = world.client("secretary_a1")
    good = ["member_a1人员", "S-member_a1", YEAR, "在职", "10000.01"]
    bad = ["B1党员", "S-member_b1", YEAR, "在职", "3000"]  # outside the secretary's scope
    response = client.post("/dues/bases/import/", {"file": _upload([good, bad])})
    body = response.content.decode()
    assert "<td>3</td>" in body and "没有工号/学号“S-member_b1”" in body
    assert not DuesBase.objects.exists()
    response = client.post("/dues/bases/import/", {"file": _upload([good])})
    token = response.context["token"]
    assert token and not DuesBase.objects.exists()
    assert client.post("/dues/bases/import/", {"token": token}).status_code == 302
    base = DuesBase.objects.get()
    assert (base.rate, base.monthly_amount) == (Decimal("0.02"), Decimal("200.00"))


def test_payments_are_never_edited_and_only_the_latest_is_cancelled(world):
    first = TestDuesPaymentViews().make(world, "a1")
    second = pay(first.person, D(YEAR, 2, 1), D(YEAR, 2, 1), paid_on=timezone.localdate(), back_reason="补录")
    client = world.client("secretary_a1")
    assert client.get(f"/dues/payments/{first.pk}/edit/").status_code == 404
    response = client.delete(f"/api/dues/payments/{first.pk}/")
    assert response.status_code == 400 and "最近一笔" in response.content.decode()
    assert client.post(f"/dues/payments/{second.pk}/delete/").status_code == 302
    assert list(DuesPayment.objects.values_list("pk", flat=True)) == [first.pk]


def test_payment_form_starts_at_the_next_unsettled_month(world):
    p = world.people["member_a1"]
    set_base(p, YEAR, "4000")
    pay(p, D(YEAR, 1, 1), D(YEAR, 1, 1), paid_on=timezone.localdate(), back_reason="补录")
    body = world.client("secretary_a1").get("/dues/payments/add/", {"person": p.pk}).content.decode()
    assert f'value="{YEAR}-02"' in body
    body = world.client("secretary_b1").get("/dues/payments/add/", {"person": p.pk}).content.decode()
    assert f'value="{YEAR}-02"' not in body


def test_menu_members_get_my_dues_secretaries_get_the_ledger(world):
    member_body = world.client("member_a1").get("/").content.decode()
    assert "我的党费" in member_body and "党费台账" not in member_body
    assert "党费台账" in world.client("secretary_a1").get("/").content.decode()
