from django.utils import timezone
from rest_framework import serializers

from core.api import RestrictedViewSet, ScopedRelatedField
from members.models import Person
from orgs.models import Organization
from transfers import services
from transfers.filtersets import (
    GraduateRetentionFilterSet,
    LostContactCaseFilterSet,
    MobileMemberFilterSet,
    StandingDecisionFilterSet,
    TransferFilterSet,
)
from transfers.models import GraduateRetention, LostContactCase, MobileMember, StandingDecision, Transfer

READ_AND_CREATE = ["get", "post", "head", "options"]


class TransferSerializer(serializers.ModelSerializer):
    """Creating through the API issues a transfer letter out (REL-LETTER)."""

    person = ScopedRelatedField(queryset=Person.objects.all())

    class Meta:
        model = Transfer
        fields = [
            "id",
            "kind",
            "status",
            "person",
            "organization",
            "target_org",
            "letter_no",
            "external_org",
            "external_address",
            "issued_on",
            "valid_days",
            "valid_until",
            "dues_paid_to",
            "received_on",
            "receipt_note",
            "reason",
            "batch",
        ]
        read_only_fields = [
            "kind",
            "status",
            "organization",
            "target_org",
            "valid_until",
            "received_on",
            "receipt_note",
        ]


class TransferViewSet(RestrictedViewSet):
    queryset = Transfer.objects.select_related("person", "organization", "target_org")
    serializer_class = TransferSerializer
    filterset_class = TransferFilterSet
    http_method_names = READ_AND_CREATE

    def perform_save(self, serializer):
        serializer.instance = services.issue_transfer_out(
            Transfer(**serializer.validated_data), self.request.user
        )


class GraduateRetentionSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Person.objects.all())

    class Meta:
        model = GraduateRetention
        fields = [
            "id",
            "person",
            "organization",
            "graduated_on",
            "until",
            "contact_name",
            "contact_phone",
            "whereabouts",
            "abroad",
            "last_contact_on",
            "status",
            "note",
        ]
        read_only_fields = ["organization", "until", "last_contact_on"]


class GraduateRetentionViewSet(RestrictedViewSet):
    queryset = GraduateRetention.objects.select_related("person", "organization")
    serializer_class = GraduateRetentionSerializer
    filterset_class = GraduateRetentionFilterSet

    def perform_save(self, serializer):
        instance = serializer.instance or GraduateRetention()
        for key, value in serializer.validated_data.items():
            setattr(instance, key, value)
        serializer.instance = services.save_retention(instance, self.request.user)


class MobileMemberSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    organization = ScopedRelatedField(queryset=Organization.objects.all(), required=False)

    class Meta:
        model = MobileMember
        fields = [
            "id",
            "direction",
            "person",
            "name",
            "home_org_name",
            "organization",
            "location",
            "contact_phone",
            "certificate_no",
            "left_on",
            "expected_return",
            "dues_paid_locally",
            "status",
            "ended_on",
            "note",
        ]
        read_only_fields = ["status", "ended_on"]


class MobileMemberViewSet(RestrictedViewSet):
    queryset = MobileMember.objects.select_related("person", "organization")
    serializer_class = MobileMemberSerializer
    filterset_class = MobileMemberFilterSet

    def perform_save(self, serializer):
        instance = serializer.instance or MobileMember()
        for key, value in serializer.validated_data.items():
            setattr(instance, key, value)
        serializer.instance = services.save_mobile(instance, self.request.user)


class LostContactCaseSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Person.objects.all())

    class Meta:
        model = LostContactCase
        fields = [
            "id",
            "person",
            "organization",
            "state",
            "opened_on",
            "last_contact_on",
            "signals",
            "closed_on",
            "note",
        ]
        read_only_fields = ["organization", "state", "closed_on"]


class LostContactCaseViewSet(RestrictedViewSet):
    queryset = LostContactCase.objects.select_related("person", "organization")
    serializer_class = LostContactCaseSerializer
    filterset_class = LostContactCaseFilterSet
    http_method_names = READ_AND_CREATE

    def perform_save(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.open_case(
            data["person"],
            self.request.user,
            on=data["opened_on"],
            last_contact_on=data["last_contact_on"],
            signals=data.get("signals", []),
            note=data.get("note", ""),
        )


class StandingDecisionSerializer(serializers.ModelSerializer):
    """Creating proposes a decision; approval is recorded on the page (people decide)."""

    person = ScopedRelatedField(queryset=Person.objects.all())
    case = ScopedRelatedField(queryset=LostContactCase.objects.all(), required=False, allow_null=True)

    class Meta:
        model = StandingDecision
        fields = [
            "id",
            "person",
            "organization",
            "kind",
            "discipline_level",
            "probation_months",
            "case",
            "status",
            "reason",
            "proposed_on",
            "decided_on",
            "approver",
            "approval_ref",
            "effective_on",
            "probation_ends",
            "applied_to_member",
        ]
        read_only_fields = [
            "organization",
            "status",
            "proposed_on",
            "decided_on",
            "approver",
            "approval_ref",
            "effective_on",
            "probation_ends",
            "applied_to_member",
        ]


class StandingDecisionViewSet(RestrictedViewSet):
    queryset = StandingDecision.objects.select_related("person", "organization")
    serializer_class = StandingDecisionSerializer
    filterset_class = StandingDecisionFilterSet
    http_method_names = READ_AND_CREATE

    def perform_save(self, serializer):
        serializer.instance = services.propose_decision(
            StandingDecision(**serializer.validated_data), self.request.user, on=timezone.localdate()
        )


ROUTES = [
    ("transfers", TransferViewSet, "transfer"),
    ("graduate-retentions", GraduateRetentionViewSet, "graduateretention"),
    ("mobile-members", MobileMemberViewSet, "mobilemember"),
    ("lost-contact-cases", LostContactCaseViewSet, "lostcontactcase"),
    ("standing-decisions", StandingDecisionViewSet, "standingdecision"),
]
