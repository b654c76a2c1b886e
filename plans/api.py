from rest_framework import serializers

from core.api import RestrictedViewSet, ScopedRelatedField
from members.models import Person
from orgs.models import Organization
from plans import services
from plans.filtersets import AssignmentFilterSet, PlanFilterSet, TaskFilterSet
from plans.models import (
    Assignment,
    DutyList,
    Plan,
    ProgressReport,
    RegularMeeting,
    ResponsibilityLetter,
    Task,
)


def _apply(serializer, model):
    instance = serializer.instance or model()
    for key, value in serializer.validated_data.items():
        setattr(instance, key, value)
    return instance


class ServiceViewSet(RestrictedViewSet):
    """Writes go through ``service(instance, user)``."""

    service = staticmethod(services.save_related)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def perform_save(self, serializer):
        serializer.instance = type(self).service(_apply(serializer, self.queryset.model), self.request.user)


class PlanSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())

    class Meta:
        model = Plan
        fields = [
            "id",
            "title",
            "doc_number",
            "issued_on",
            "issuer",
            "organization",
            "units_add_tasks",
            "note",
        ]


class PlanViewSet(ServiceViewSet):
    """工作计划."""

    queryset = Plan.objects.select_related("organization")
    serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    search_fields = ["title", "doc_number"]

    def perform_save(self, serializer):
        serializer.instance = services.save_plan(
            _apply(serializer, Plan), self.request.user, action="change" if serializer.instance else "add"
        )


class TaskSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all())
    deadline_text = serializers.CharField(help_text="2023年9月、2023年9月30日 或 长期坚持")

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "organization",
            "section",
            "section_order",
            "number",
            "title",
            "measures",
            "units_text",
            "unresolved_units",
            "deadline_text",
            "due_date",
            "ongoing",
            "cycle",
        ]
        read_only_fields = ["due_date", "ongoing", "unresolved_units"]

    def validate_plan(self, plan):
        user = self.context["request"].user
        if not (plan.units_add_tasks or Plan.objects.restrict(user).filter(pk=plan.pk).exists()):
            raise serializers.ValidationError("无权在该计划下添加任务。")
        return plan


class TaskViewSet(ServiceViewSet):
    """工作任务 (the deadline as written is read by PLAN-DEADLINE)."""

    queryset = Task.objects.select_related("plan")
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    search_fields = ["title", "measures"]

    def perform_save(self, serializer):
        task = _apply(serializer, Task)
        services.apply_deadline(task, task.deadline_text)
        serializer.instance = services.save_task(task, self.request.user)


class AssignmentSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())
    task = ScopedRelatedField(queryset=Task.objects.all())
    owner = ScopedRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    task_title = serializers.CharField(source="task.title", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "task",
            "task_title",
            "organization",
            "organization_name",
            "role",
            "owner",
            "status",
            "progress",
            "start",
            "completed_on",
            "note",
        ]
        read_only_fields = ["status", "progress", "completed_on"]


class AssignmentViewSet(ServiceViewSet):
    """任务落实: status changes only through progress reports and reviews."""

    queryset = Assignment.objects.select_related("organization", "task")
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilterSet
    service = staticmethod(services.save_assignment)


class ProgressReportSerializer(serializers.ModelSerializer):
    assignment = ScopedRelatedField(queryset=Assignment.objects.all())

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "assignment",
            "period",
            "reported_on",
            "text",
            "percent",
            "milestone",
            "finished",
            "status",
            "review_comment",
            "reviewed_at",
        ]
        read_only_fields = ["status", "review_comment", "reviewed_at"]


class ProgressReportViewSet(ServiceViewSet):
    """进展报送: create submits (reports are not edited; reviews happen on the page)."""

    queryset = ProgressReport.objects.select_related("assignment")
    serializer_class = ProgressReportSerializer
    service = staticmethod(services.submit_report)
    http_method_names = ["get", "post", "head", "options"]


class RegularMeetingSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())

    class Meta:
        model = RegularMeeting
        fields = ["id", "organization", "title", "held_on", "place", "host", "decisions"]


class RegularMeetingViewSet(ServiceViewSet):
    """书记例会."""

    queryset = RegularMeeting.objects.select_related("organization")
    serializer_class = RegularMeetingSerializer


class DutyListSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())

    class Meta:
        model = DutyList
        fields = ["id", "organization", "kind", "year", "title"]


class DutyListViewSet(ServiceViewSet):
    """责任清单."""

    queryset = DutyList.objects.select_related("organization")
    serializer_class = DutyListSerializer


class ResponsibilityLetterSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())

    class Meta:
        model = ResponsibilityLetter
        fields = ["id", "organization", "superior", "year", "title", "signer", "superior_signer", "signed_on"]
        read_only_fields = ["superior"]


class ResponsibilityLetterViewSet(ServiceViewSet):
    """党风廉政建设责任书 (the superior is the level directly above)."""

    queryset = ResponsibilityLetter.objects.select_related("organization", "superior")
    serializer_class = ResponsibilityLetterSerializer
    service = staticmethod(services.save_letter)


ROUTES = [
    ("plans/plans", PlanViewSet, "plans-plan"),
    ("plans/tasks", TaskViewSet, "plans-task"),
    ("plans/assignments", AssignmentViewSet, "plans-assignment"),
    ("plans/reports", ProgressReportViewSet, "plans-progressreport"),
    ("plans/meetings", RegularMeetingViewSet, "plans-regularmeeting"),
    ("plans/lists", DutyListViewSet, "plans-dutylist"),
    ("plans/letters", ResponsibilityLetterViewSet, "plans-responsibilityletter"),
]
