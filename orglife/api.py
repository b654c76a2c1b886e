from rest_framework import serializers

from core.api import RestrictedViewSet, ScopedRelatedField
from core.services import save_object
from members.models import Person
from orglife import services
from orglife.filtersets import (
    AppraisalFilterSet,
    LectureFilterSet,
    MeetingFilterSet,
    MeetingRuleFilterSet,
    PlannedMeetingFilterSet,
    ProblemFilterSet,
)
from orglife.models import Appraisal, Attendance, Lecture, Meeting, MeetingRule, PlannedMeeting, Problem
from orgs.models import Organization


def org_field():
    return ScopedRelatedField(queryset=Organization.objects.all())


def person_field(**kwargs):
    return ScopedRelatedField(queryset=Person.objects.all(), **kwargs)


class AttendanceSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["person", "person_name", "present", "absence_reason"]


class MeetingSerializer(serializers.ModelSerializer):
    organization = org_field()
    host = person_field(required=False, allow_null=True)
    recorder = person_field(required=False, allow_null=True)
    lecturer = person_field(required=False, allow_null=True)
    attendance = AttendanceSerializer(many=True, required=False, help_text="省略时按应参加人员全部出席记录")

    class Meta:
        model = Meeting
        fields = ["id", "organization", "meeting_type", "also_counts_as", "held_on", "topic", "place", "host",
                  "recorder", "lecturer", "invitees", "content", "decisions", "attendance", "expected_count",
                  "present_count", "quorum_met", "status", "return_reason", "is_public"]  # fmt: skip
        read_only_fields = [
            "expected_count",
            "present_count",
            "quorum_met",
            "status",
            "return_reason",
            "is_public",
        ]


class MeetingViewSet(RestrictedViewSet):
    """组织生活记录: writes go through orglife.services.save_meeting (attendance, quorum, lecture)."""

    queryset = Meeting.objects.select_related("organization").prefetch_related("attendance__person")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    ordering_fields = ["held_on", "meeting_type"]

    def perform_save(self, serializer):
        data = dict(serializer.validated_data)
        rows = data.pop("attendance", None)
        meeting = serializer.instance or Meeting()
        for key, value in data.items():
            setattr(meeting, key, value)
        if rows is None and meeting.pk is None:
            people = services.expected_people(meeting.organization, meeting.meeting_type, meeting.held_on)
            attendance = {p.pk: (True, "") for p in people}
        elif rows is None:
            attendance = None
        else:
            attendance = {r["person"].pk: (r.get("present", True), r.get("absence_reason", "")) for r in rows}
        serializer.instance = services.save_meeting(meeting, self.request.user, attendance)


class PlainViewSet(RestrictedViewSet):
    service = None

    def perform_save(self, serializer):
        instance = serializer.instance or self.queryset.model()
        for key, value in serializer.validated_data.items():
            setattr(instance, key, value)
        service = type(self).service or (
            lambda obj, user: save_object(obj, user, action="change" if obj.pk else "add")
        )
        serializer.instance = service(instance, self.request.user)


class MeetingRuleSerializer(serializers.ModelSerializer):
    organization = org_field()

    class Meta:
        model = MeetingRule
        fields = ["id", "organization", "rule_id", "meeting_type", "applies_to", "frequency", "min_count",
                  "condition", "attendees", "required_fields", "effective_year", "active", "note"]  # fmt: skip


class MeetingRuleViewSet(PlainViewSet):
    """组织生活频次规则（按年度生效的版本）."""

    queryset = MeetingRule.objects.select_related("organization")
    serializer_class = MeetingRuleSerializer
    filterset_class = MeetingRuleFilterSet


class PlannedMeetingSerializer(serializers.ModelSerializer):
    organization = org_field()

    class Meta:
        model = PlannedMeeting
        fields = ["id", "organization", "meeting_type", "planned_date", "topic", "note"]


class PlannedMeetingViewSet(PlainViewSet):
    """组织生活计划."""

    queryset = PlannedMeeting.objects.select_related("organization")
    serializer_class = PlannedMeetingSerializer
    filterset_class = PlannedMeetingFilterSet


class ProblemSerializer(serializers.ModelSerializer):
    organization = org_field()
    owner = person_field(required=False, allow_null=True)
    meeting = ScopedRelatedField(queryset=Meeting.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Problem
        fields = ["id", "organization", "meeting", "description", "measure", "owner", "deadline", "status",
                  "closed_on", "result"]  # fmt: skip
        read_only_fields = ["status", "closed_on", "result"]


class ProblemViewSet(PlainViewSet):
    """问题整改清单（销号请用页面或服务 close_problem）."""

    queryset = Problem.objects.select_related("organization", "owner")
    serializer_class = ProblemSerializer
    filterset_class = ProblemFilterSet
    service = staticmethod(services.save_problem)


class LectureSerializer(serializers.ModelSerializer):
    organization = org_field()
    lecturer = person_field()

    class Meta:
        model = Lecture
        fields = ["id", "organization", "lecturer", "kind", "title", "given_on", "audience", "meeting"]
        read_only_fields = ["meeting"]


class LectureViewSet(PlainViewSet):
    """讲党课与思政课."""

    queryset = Lecture.objects.select_related("organization", "lecturer")
    serializer_class = LectureSerializer
    filterset_class = LectureFilterSet
    service = staticmethod(services.save_lecture)


class AppraisalSerializer(serializers.ModelSerializer):
    organization = org_field()

    class Meta:
        model = Appraisal
        fields = ["id", "organization", "year", "status", "note"]
        read_only_fields = ["status"]


class AppraisalViewSet(PlainViewSet):
    """民主评议党员（创建时为每名党员生成评议结果行）."""

    queryset = Appraisal.objects.select_related("organization")
    serializer_class = AppraisalSerializer
    filterset_class = AppraisalFilterSet
    service = staticmethod(services.open_appraisal)


ROUTES = [
    ("orglife/meetings", MeetingViewSet, "meeting"),
    ("orglife/rules", MeetingRuleViewSet, "meetingrule"),
    ("orglife/plans", PlannedMeetingViewSet, "plannedmeeting"),
    ("orglife/problems", ProblemViewSet, "problem"),
    ("orglife/lectures", LectureViewSet, "lecture"),
    ("orglife/appraisals", AppraisalViewSet, "appraisal"),
]
