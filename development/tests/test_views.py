import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document

from core.testing.views import APIViewTestCases, ViewTestCases
from development import services
from development.models import CalendarDay, DevelopmentFile, Publicity, StepRecord, ThoughtReport
from development.tests.helpers import APPLIED, applicant, file_at, publicity

D = dt.date


def new_file(world, org_key):
    n = DevelopmentFile.objects.count()
    return file_at(world, 1, org_key, name=f"申请人{n}")


class TestDevelopmentFileViews(ViewTestCases, APIViewTestCases):
    model = DevelopmentFile
    api_basename = "developmentfile"

    def make(self, world, org_key):
        return new_file(world, org_key)

    def form_data(self, world):
        return {"person": applicant(world, name="表单申请人"), "applied_on": "2024-05-06"}

    def api_create_data(self, world):
        return {"person": applicant(world, name="接口申请人").pk, "applied_on": "2024-05-06"}


class TestStepRecordViews(ViewTestCases, APIViewTestCases):
    model = StepRecord
    api_basename = "steprecord"

    def make(self, world, org_key):
        return new_file(world, org_key).records.get()

    def api_create_data(self, world):
        file = new_file(world, "a1")
        return {
            "file": file.pk,
            "step_number": 2,
            "on": "2022-03-15",
            "people": [world.people["secretary_a1"].pk],
        }


class TestThoughtReportViews(ViewTestCases):
    model = ThoughtReport

    def make(self, world, org_key):
        file = file_at(world, 3, org_key, name=f"积极分子{ThoughtReport.objects.count()}")
        return services.submit_thought_report(
            ThoughtReport(
                file=file, submitted_on=D(2023, 1, 5), title="第一季度思想汇报", content="学习体会"
            ),
            None,
        )

    def form_data(self, world):
        file = file_at(world, 3, "a1", name="表单积极分子")
        return {"file": file, "submitted_on": "2023-04-01", "title": "思想汇报", "content": "认真学习党章"}


class TestPublicityViews(ViewTestCases):
    model = Publicity

    def make(self, world, org_key):
        return publicity(new_file(world, org_key), "candidate", D(2025, 3, 3))

    def form_data(self, world):
        return {"file": new_file(world, "a1"), "kind": "candidate", "start": "2025-03-03", "working_days": 5}


class TestCalendarDayViews(ViewTestCases):
    model = CalendarDay

    def make(self, world, org_key):
        n = CalendarDay.objects.count()
        return CalendarDay.objects.create(
            organization=world.orgs[org_key], date=D(2025, 10, 1 + n), kind="holiday"
        )

    def form_data(self, world):
        return {"organization": world.a1, "date": "2025-10-01", "kind": "holiday", "name": "国庆节"}


def test_record_step_page_refusal_names_rule_and_dates(world):
    file = file_at(world, 6)
    client = world.client("secretary_a1")
    url = f"/development/files/{file.pk}/steps/7/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"on": "2023-08-31"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "DEV-CAND-MIN" in body and "确定积极分子 2022-09-01，最早 2023-09-01" in body
    assert "越过规则的理由" not in body  # only org admins are offered an override
    assert world.client("secretary_b1").get(url).status_code == 404


def test_org_admin_override_is_visible_on_the_file(world):
    file = file_at(world, 2)
    client = world.client("zzb")
    response = client.post(
        f"/development/files/{file.pk}/steps/3/", {"on": "2022-04-01", "override_reason": "补录 2015 年档案"}
    )
    assert response.status_code == 302
    body = client.get(file.get_absolute_url()).content.decode()
    assert "越过规则的记录" in body and "补录 2015 年档案" in body and "DEV-ACT-MIN" in body


def test_vote_form_refuses_pass_without_majority_of_those_who_should_attend(world):
    file = file_at(world, 14)
    response = world.client("secretary_a1").post(
        f"/development/files/{file.pk}/steps/15/",
        {"on": "2023-11-20", "should_attend": 10, "present": 6, "yes": 4, "no": 2, "declared_passed": "on"},
    )
    assert response.status_code == 400 and "DEV-VOTE" in response.content.decode()


def test_member_submits_own_report_mentor_comments(world):
    file = file_at(world, 5)
    from accounts.models import User

    user = User.objects.create_user(username="act", password="pw-test-123", person=file.person)
    from django.test import Client

    client = Client()
    client.force_login(user)
    response = client.post(
        "/development/reports/add/", {"file": file.pk, "title": "我的思想汇报", "content": "学习二十大精神"}
    )
    assert response.status_code == 302
    report = ThoughtReport.objects.get(title="我的思想汇报")
    mentor = world.client("committee_a1")  # the 培养联系人 (see helpers.walk)
    assert (
        mentor.post(f"/development/reports/{report.pk}/comment/", {"comment": "认识深刻"}).status_code == 302
    )
    report.refresh_from_db()
    assert report.comment == "认识深刻" and report.commented_by == world.people["committee_a1"]
    other = world.client("member_a1")
    assert other.get(report.get_absolute_url()).status_code == 404


def test_papers_and_publicity_docx(world):
    file = file_at(world, 25)
    client = world.client("secretary_a1")
    response = client.get(f"/development/files/{file.pk}/papers/full_record/")
    assert response.status_code == 200
    text = "\n".join(
        c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells
    )
    assert "材料归档" in text and "2024-12-15" in text and "committee_a1人员" in text
    for kind in ("activist_filing", "candidate_filing", "admission_summary", "conversion_summary"):
        assert client.get(f"/development/files/{file.pk}/papers/{kind}/").status_code == 200
    pub = file.publicities.first()
    doc = Document(io.BytesIO(client.get(f"/development/publicity/{pub.pk}/docx/").content))
    assert "公示" in "\n".join(p.text for p in doc.paragraphs)
    assert (
        world.client("secretary_b1").get(f"/development/files/{file.pk}/papers/full_record/").status_code
        == 404
    )


def _work_list_queries(client, kind):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/development/worklists/{kind}/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_work_lists_query_count_constant_and_export(world, settings):
    client = world.client("secretary_a1")
    file_at(world, 1, name="甲")
    file_at(world, 3, name="乙")
    small = {
        kind: _work_list_queries(client, kind)[0] for kind in ("talk_due", "no_mentor", "missing_reports")
    }
    for i in range(4):
        file_at(world, 1, name=f"丙{i}")
        file_at(world, 3, name=f"丁{i}")
    for kind, count in small.items():
        n, response = _work_list_queries(client, kind)
        assert n == count, kind
    body = _work_list_queries(client, "talk_due")[1].content.decode()
    assert "丙3" in body
    assert client.get("/development/worklists/talk_due/", {"export": "xlsx"}).status_code == 200
    assert client.get("/development/worklists/").status_code == 200
    assert world.client("nobody").get("/development/worklists/talk_due/").status_code == 403


def test_work_list_talk_due_and_eligibility(world):
    from development.worklists import work_list

    file = file_at(world, 1)
    qs = DevelopmentFile.objects.all()
    assert list(work_list("talk_due", qs, APPLIED)) == [file]
    walked = file_at(world, 2, name="已谈话")
    assert walked not in work_list("activist_eligible", qs, D(2022, 8, 31))
    assert walked in work_list("activist_eligible", qs, D(2022, 9, 1))


def test_statistics_page(world):
    file_at(world, 3)
    response = world.client("secretary_a").get("/development/stats/", {"org": world.a.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-chart-json="chart-funnel"' in body and "入党积极分子" in body
    assert world.client("secretary_a1").get("/development/stats/", {"org": world.b.pk}).status_code == 404


def test_file_list_query_count_constant(world):
    client = world.client("secretary_a1")
    file_at(world, 3, name="一")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/development/files/").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(3):
        file_at(world, 3, name=f"多{i}")
    assert count() == small


def test_org_admin_uploads_edited_template_used_for_papers(world, settings, tmp_path):
    from docx import Document as NewDocument

    settings.MEDIA_ROOT = str(tmp_path)
    assert world.client("secretary_a1").get("/development/templates/").status_code == 403
    client = world.client("zzb")
    original = client.get("/development/templates/", {"download": "publicity"}).content
    doc = NewDocument(io.BytesIO(original))
    doc.add_paragraph("本校自定义落款：{{ f.organization }} 组织委员会")
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.name = "publicity.docx"
    buffer.seek(0)
    assert client.post("/development/templates/", {"name": "publicity", "file": buffer}).status_code == 302
    pub = publicity(new_file(world, "a1"), "candidate", D(2025, 3, 3))
    text = "\n".join(
        p.text
        for p in Document(io.BytesIO(client.get(f"/development/publicity/{pub.pk}/docx/").content)).paragraphs
    )
    assert "本校自定义落款：A系教工第一党支部 组织委员会" in text


def test_work_lists_approval_probation_reports_boundaries(world):
    from development.worklists import work_list

    qs = DevelopmentFile.objects.all()
    pending = file_at(world, 15, name="待审批")  # branch meeting 2023-11-20
    assert pending in work_list("approval_pending", qs, D(2023, 12, 20), pending_days=30)
    assert pending not in work_list("approval_pending", qs, D(2023, 12, 19), pending_days=30)
    probation = file_at(world, 20, name="预备党员")  # probation ends 2024-11-20
    assert probation in work_list("probation_ending", qs, D(2024, 9, 21))
    assert probation not in work_list("probation_ending", qs, D(2024, 9, 20))
    activist = file_at(world, 5, name="积极分子")  # activist since 2022-09-01, no report yet
    assert activist in work_list("missing_reports", qs, D(2022, 12, 1))
    assert activist not in work_list("missing_reports", qs, D(2022, 11, 30))
    assert activist in work_list("assessments_due", qs, D(2023, 3, 1))


def test_api_refusal_names_rule_and_people_must_be_visible(world):
    import json

    file = file_at(world, 1)
    client = world.client("secretary_a1")
    late = {
        "file": file.pk,
        "step_number": 2,
        "on": "2022-04-02",
        "people": [world.people["secretary_a1"].pk],
    }
    response = client.post("/api/development-steps/", data=json.dumps(late), content_type="application/json")
    assert response.status_code == 400 and "DEV-TALK" in response.content.decode()
    hidden = dict(late, on="2022-03-10", people=[world.people["member_b1"].pk])
    response = client.post(
        "/api/development-steps/", data=json.dumps(hidden), content_type="application/json"
    )
    assert response.status_code == 400
    assert file.records.count() == 1
