from rest_framework import serializers

from core.api import RestrictedViewSet, ScopedRelatedField
from development import services
from development.filtersets import DevelopmentFileFilterSet
from development.models import DevelopmentFile, StepRecord, Vote
from development.rules import VoteCounts
from members.models import Person
from orgs.models import Organization


class DevelopmentFileSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Person.objects.all())
    person_name = serializers.CharField(source="person.name", read_only=True)
    applied_on = serializers.DateField(help_text="递交入党申请书日期（建档即记录第 1 步）")
    override_reason = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta:
        model = DevelopmentFile
        fields = [
            "id",
            "url",
            "person",
            "person_name",
            "organization",
            "rule_set",
            "status",
            "youth_league_recommended",
            "current_step",
            "mentors",
            "sponsors",
            "applied_on",
            "talked_on",
            "activist_on",
            "last_assessment_on",
            "last_report_on",
            "candidate_on",
            "prereview_on",
            "admitted_on",
            "approved_on",
            "probation_end",
            "extension_months",
            "conversion_meeting_on",
            "conversion_approved_on",
            "full_member_on",
            "archived_on",
            "override_reason",
        ]
        read_only_fields = [
            f for f in fields if f not in ("person", "youth_league_recommended", "applied_on")
        ]
        read_only_fields.remove("override_reason")
        extra_kwargs = {"url": {"view_name": "api:developmentfile-detail"}}


class DevelopmentFileViewSet(RestrictedViewSet):
    """发展档案: create = step 1 (递交入党申请书); steps are recorded through /api/development-steps/."""

    queryset = DevelopmentFile.objects.select_related("person", "organization").prefetch_related(
        "mentors", "sponsors"
    )
    serializer_class = DevelopmentFileSerializer
    filterset_class = DevelopmentFileFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_save(self, serializer):
        data = serializer.validated_data
        if serializer.instance is None:
            serializer.instance = services.open_file(
                data["person"],
                self.request.user,
                applied_on=data["applied_on"],
                youth_league_recommended=data.get("youth_league_recommended", False),
                override_reason=data.get("override_reason", ""),
            )
        else:
            from core.services import save_object

            file = serializer.instance
            if "youth_league_recommended" in data:
                file.youth_league_recommended = data["youth_league_recommended"]
            serializer.instance = save_object(file, self.request.user)


class VoteSerializer(serializers.ModelSerializer):
    declared_passed = serializers.BooleanField(write_only=True, default=True)

    class Meta:
        model = Vote
        fields = [
            "kind",
            "should_attend",
            "present",
            "yes",
            "no",
            "abstain",
            "written_yes",
            "written_no",
            "written_abstain",
            "quorum",
            "passed",
            "declared_passed",
        ]
        read_only_fields = ["quorum", "passed"]


class VisiblePersonField(serializers.PrimaryKeyRelatedField):
    """People named on a step (talker, mentors, sponsors): anyone the caller may see, as on the web form."""

    def get_queryset(self):
        request = self.context.get("request")
        return Person.objects.restrict(request.user, "view") if request else Person.objects.none()


class StepRecordSerializer(serializers.ModelSerializer):
    file = ScopedRelatedField(queryset=DevelopmentFile.objects.all())
    step_number = serializers.IntegerField(source="step.number", min_value=1, max_value=25)
    step_name = serializers.CharField(source="step.name", read_only=True)
    people = VisiblePersonField(many=True, required=False)
    approving_org = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True
    )
    vote = VoteSerializer(required=False, allow_null=True)

    class Meta:
        model = StepRecord
        fields = [
            "id",
            "url",
            "file",
            "step_number",
            "step_name",
            "on",
            "people",
            "approving_org",
            "document_no",
            "notes",
            "data",
            "vote",
            "override",
            "override_reason",
            "violations",
        ]
        read_only_fields = ["override", "violations"]
        extra_kwargs = {"url": {"view_name": "api:steprecord-detail"}}


class StepRecordViewSet(RestrictedViewSet):
    """发展步骤记录: POST records a step (rules checked; refusals name the rule id and dates). Records are kept."""

    queryset = StepRecord.objects.select_related("step", "file", "vote").prefetch_related("people")
    serializer_class = StepRecordSerializer
    http_method_names = ["get", "post", "head", "options"]

    def perform_save(self, serializer):
        data = serializer.validated_data
        vote = data.get("vote")
        serializer.instance = services.record_step(
            data["file"],
            data["step"]["number"],
            self.request.user,
            on=data["on"],
            people=data.get("people", []),
            data=data.get("data") or {},
            approving_org=data.get("approving_org"),
            notes=data.get("notes", ""),
            document_no=data.get("document_no", ""),
            vote=VoteCounts(**vote) if vote else None,
            override_reason=data.get("override_reason", ""),
        )


ROUTES = [
    ("development-files", DevelopmentFileViewSet, "developmentfile"),
    ("development-steps", StepRecordViewSet, "steprecord"),
]
