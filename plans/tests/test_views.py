import datetime as dt

from core.testing.views import APIViewTestCases, ViewTestCases
from plans import services
from plans.models import (
    AgendaItem,
    Assignment,
    DutyList,
    DutyListItem,
    FollowUp,
    Plan,
    ProgressReport,
    RegularMeeting,
    ResponsibilityLetter,
    SubTask,
    Task,
)
from plans.tests.factories import make_plan, make_task

D = dt.date


def assignment_in(world, org_key):
    task = make_task(world, plan=make_plan(world, org_key), units=[(org_key, "lead")])
    return task.assignments.get()


def meeting_in(world, org_key):
    return services.save_related(
        RegularMeeting(organization=world.orgs[org_key], title="第三季度书记例会", held_on=D(2023, 9, 20)),
        None,
    )


def duty_list_in(world, org_key):
    return services.save_related(
        DutyList(organization=world.orgs[org_key], kind="main_duty", year=2026), None
    )


class TestPlanViews(ViewTestCases, APIViewTestCases):
    model = Plan
    api_basename = "plans-plan"

    def make(self, world, org_key):
        return make_plan(world, org_key, title=f"计划{Plan.objects.count()}")

    def form_data(self, world):
        return {"title": "支部年度计划", "organization": world.a1, "doc_number": "支字〔2026〕1号"}

    def api_create_data(self, world):
        return {"title": "接口计划", "organization": world.a1.pk}


class TestTaskViews(ViewTestCases, APIViewTestCases):
    model = Task
    api_basename = "plans-task"

    def make(self, world, org_key):
        return make_task(world, plan=make_plan(world, org_key), title=f"任务{Task.objects.count()}")

    def form_data(self, world):
        plan = make_plan(world, "a1")
        return {
            "plan": plan,
            "organization": world.a1,
            "section": "一、制度",
            "number": 1,
            "title": "修订支部议事规则",
            "deadline_text": "2023年9月",
            "cycle": "quarterly",
            "lead_units": [world.a1],
        }

    def api_create_data(self, world):
        plan = make_plan(world, "a1")
        return {
            "plan": plan.pk,
            "organization": world.a1.pk,
            "title": "接口任务",
            "number": 3,
            "deadline_text": "长期坚持",
        }


class TestAssignmentViews(ViewTestCases, APIViewTestCases):
    model = Assignment
    api_basename = "plans-assignment"

    def make(self, world, org_key):
        return assignment_in(world, org_key)

    def form_data(self, world):
        task = make_task(world, plan=make_plan(world, "a1"))
        return {
            "task": task,
            "organization": world.a1,
            "role": "lead",
            "owner": world.people["secretary_a1"],
            "start": "2023-07-01",
        }

    def api_create_data(self, world):
        task = make_task(world, plan=make_plan(world, "a1"))
        return {"task": task.pk, "organization": world.a1.pk, "role": "co"}


class TestSubTaskViews(ViewTestCases):
    model = SubTask

    def make(self, world, org_key):
        return services.save_subtask(SubTask(assignment=assignment_in(world, org_key), title="起草"), None)

    def form_data(self, world):
        return {"assignment": assignment_in(world, "a1"), "title": "征求意见", "due_date": "2023-08-31"}


class TestProgressReportViews(ViewTestCases, APIViewTestCases):
    model = ProgressReport
    api_basename = "plans-progressreport"

    def make(self, world, org_key):
        return services.submit_report(
            ProgressReport(assignment=assignment_in(world, org_key), text="已起草"), None, on=D(2023, 8, 1)
        )

    def form_data(self, world):
        return {
            "assignment": assignment_in(world, "a1"),
            "text": "已报组织部备案",
            "reported_on": "2023-08-01",
            "percent": 100,
            "finished": True,
        }

    def api_create_data(self, world):
        return {"assignment": assignment_in(world, "a1").pk, "text": "接口报送", "percent": 50}


class TestRegularMeetingViews(ViewTestCases, APIViewTestCases):
    model = RegularMeeting
    api_basename = "plans-regularmeeting"

    def make(self, world, org_key):
        return meeting_in(world, org_key)

    def form_data(self, world):
        return {"organization": world.a1, "title": "支部书记例会", "held_on": "2023-09-20"}

    def api_create_data(self, world):
        return {"organization": world.a1.pk, "title": "接口例会", "held_on": "2023-12-20"}


class TestAgendaItemViews(ViewTestCases):
    model = AgendaItem

    def make(self, world, org_key):
        return services.save_related(AgendaItem(meeting=meeting_in(world, org_key), topic="通报进度"), None)

    def form_data(self, world):
        return {"meeting": meeting_in(world, "a1"), "topic": "逾期任务整改"}


class TestFollowUpViews(ViewTestCases):
    model = FollowUp

    def make(self, world, org_key):
        return services.save_related(
            FollowUp(
                meeting=meeting_in(world, org_key),
                title="补报材料",
                unit=world.orgs[org_key],
                deadline=D(2023, 10, 15),
            ),
            None,
        )

    def form_data(self, world):
        return {
            "meeting": meeting_in(world, "a1"),
            "title": "限期整改",
            "unit": world.a1,
            "deadline": "2023-10-31",
        }


class TestDutyListViews(ViewTestCases, APIViewTestCases):
    model = DutyList
    api_basename = "plans-dutylist"

    def make(self, world, org_key):
        return duty_list_in(world, org_key)

    def form_data(self, world):
        return {"organization": world.a1, "kind": "leader_tasks", "year": 2026}

    def api_create_data(self, world):
        return {"organization": world.a1.pk, "kind": "pos_neg", "year": 2026}


class TestDutyListItemViews(ViewTestCases):
    model = DutyListItem

    def make(self, world, org_key):
        return services.save_related(
            DutyListItem(duty_list=duty_list_in(world, org_key), content="落实三会一课"), None
        )

    def form_data(self, world):
        return {"duty_list": duty_list_in(world, "a1"), "content": "每季度讲一次党课", "responsible": "书记"}


class TestResponsibilityLetterViews(ViewTestCases, APIViewTestCases):
    model = ResponsibilityLetter
    api_basename = "plans-responsibilityletter"

    def make(self, world, org_key):
        return services.save_letter(
            ResponsibilityLetter(
                organization=world.orgs[org_key],
                year=2026,
                signer="书记",
                superior_signer="总支书记",
                signed_on=D(2026, 3, 1),
            ),
            None,
        )

    def form_data(self, world):
        return {
            "organization": world.a1,
            "year": 2025,
            "signer": "书记",
            "superior_signer": "总支书记",
            "signed_on": "2025-03-01",
        }

    def api_create_data(self, world):
        return {
            "organization": world.a1.pk,
            "year": 2024,
            "signer": "书记",
            "superior_signer": "总支书记",
            "signed_on": "2024-03-01",
        }
