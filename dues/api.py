from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from core.api import RestrictedViewSet, ScopedRelatedField
from dues import services
from dues.filtersets import (
    DuesAnnualNoticeFilterSet,
    DuesBaseFilterSet,
    DuesHandoverFilterSet,
    DuesPaymentFilterSet,
    DuesReductionFilterSet,
    LapseCaseFilterSet,
)
from dues.models import DuesAnnualNotice, DuesBase, DuesHandover, DuesPayment, DuesReduction, LapseCase
from members.models import Person
from orgs.models import Organization


def _serializer(model_, fields_, read_only=(), people=True, orgs=False):
    attrs = {}
    if people:
        attrs["person"] = ScopedRelatedField(queryset=Person.objects.all())
        attrs["person_name"] = serializers.CharField(source="person.name", read_only=True)
    if orgs:
        attrs["organization"] = ScopedRelatedField(queryset=Organization.objects.all())
    meta = type(
        "Meta",
        (),
        {
            "model": model_,
            "fields": ["id", "url", *fields_],
            "read_only_fields": list(read_only),
            "extra_kwargs": {"url": {"view_name": f"api:{model_._meta.model_name}-detail"}},
        },
    )
    attrs["Meta"] = meta
    return type(f"{model_.__name__}Serializer", (serializers.ModelSerializer,), attrs)


DuesBaseSerializer = _serializer(
    DuesBase,
    [
        "person",
        "person_name",
        "organization",
        "year",
        "kind",
        "base",
        "rate",
        "bracket",
        "monthly_amount",
        "capped",
        "rule_version",
        "note",
    ],
    read_only=["organization"],
)
DuesPaymentSerializer = _serializer(
    DuesPayment,
    [
        "person",
        "person_name",
        "organization",
        "paid_on",
        "from_month",
        "to_month",
        "amount",
        "due_amount",
        "extra_amount",
        "overdue_months",
        "advance_months",
        "method",
        "reference",
        "paid_by",
        "back_reason",
        "note",
    ],
    read_only=["organization"],
)
DuesReductionSerializer = _serializer(
    DuesReduction,
    [
        "person",
        "person_name",
        "organization",
        "kind",
        "from_month",
        "to_month",
        "monthly_amount",
        "reason",
        "decided_on",
        "status",
        "approved_on",
        "approval_note",
    ],
    read_only=["organization"],
)
LapseCaseSerializer = _serializer(
    LapseCase,
    [
        "person",
        "person_name",
        "organization",
        "opened_on",
        "unpaid_from",
        "unpaid_months",
        "status",
        "outcome",
        "closed_on",
        "note",
    ],
    read_only=["organization", "opened_on", "unpaid_from", "unpaid_months", "note"],
)
DuesHandoverSerializer = _serializer(
    DuesHandover,
    [
        "organization",
        "month",
        "ledger_amount",
        "children_amount",
        "declared_amount",
        "received_amount",
        "status",
        "submitted_on",
        "confirmed_on",
        "note",
    ],
    read_only=["submitted_on"],
    people=False,
    orgs=True,
)
DuesAnnualNoticeSerializer = _serializer(
    DuesAnnualNotice,
    [
        "organization",
        "year",
        "member_count",
        "due_total",
        "paid_total",
        "extra_total",
        "published_on",
        "note",
    ],
    read_only=["published_on"],
    people=False,
    orgs=True,
)


def _apply(instance, data):
    for key, value in data.items():
        setattr(instance, key, value)
    return instance


class DuesBaseViewSet(RestrictedViewSet):
    """党费基数: the monthly amount, rate and bracket are computed from the rules."""

    queryset = DuesBase.objects.select_related("person", "organization")
    serializer_class = DuesBaseSerializer
    filterset_class = DuesBaseFilterSet

    def perform_save(self, serializer):
        serializer.instance = services.save_base(
            _apply(serializer.instance or DuesBase(), serializer.validated_data), self.request.user
        )


class DuesPaymentViewSet(RestrictedViewSet):
    """党费缴纳记录: created through the payment rules; never edited, only the latest may be cancelled."""

    queryset = DuesPayment.objects.select_related("person", "organization")
    serializer_class = DuesPaymentSerializer
    filterset_class = DuesPaymentFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_save(self, serializer):
        serializer.instance = services.record_payment(
            _apply(DuesPayment(), serializer.validated_data), self.request.user
        )

    def perform_destroy(self, instance):
        try:
            services.cancel_payment(instance, self.request.user)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages)


class DuesReductionViewSet(RestrictedViewSet):
    """党费减免: recorded by the branch; approval is a separate step on the page."""

    queryset = DuesReduction.objects.select_related("person", "organization")
    serializer_class = DuesReductionSerializer
    filterset_class = DuesReductionFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_save(self, serializer):
        serializer.instance = services.submit_reduction(
            _apply(serializer.instance or DuesReduction(), serializer.validated_data), self.request.user
        )


class LapseCaseViewSet(RestrictedViewSet):
    """欠缴党费处理 (read only here; opened and closed on the pages)."""

    queryset = LapseCase.objects.select_related("person", "organization")
    serializer_class = LapseCaseSerializer
    filterset_class = LapseCaseFilterSet
    http_method_names = ["get", "head", "options"]


class DuesHandoverViewSet(RestrictedViewSet):
    """党费上缴: submitting computes the ledger and children totals."""

    queryset = DuesHandover.objects.select_related("organization")
    serializer_class = DuesHandoverSerializer
    filterset_class = DuesHandoverFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def perform_save(self, serializer):
        serializer.instance = services.submit_handover(
            _apply(DuesHandover(), serializer.validated_data), self.request.user
        )


class DuesAnnualNoticeViewSet(RestrictedViewSet):
    """党费收缴公开: publishing computes the year's totals."""

    queryset = DuesAnnualNotice.objects.select_related("organization")
    serializer_class = DuesAnnualNoticeSerializer
    filterset_class = DuesAnnualNoticeFilterSet
    http_method_names = ["get", "post", "head", "options"]

    def perform_save(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.publish_year(
            data["organization"], data["year"], self.request.user, note=data.get("note", "")
        )


ROUTES = [
    ("dues/bases", DuesBaseViewSet, "duesbase"),
    ("dues/payments", DuesPaymentViewSet, "duespayment"),
    ("dues/reductions", DuesReductionViewSet, "duesreduction"),
    ("dues/cases", LapseCaseViewSet, "lapsecase"),
    ("dues/handovers", DuesHandoverViewSet, "dueshandover"),
    ("dues/notices", DuesAnnualNoticeViewSet, "duesannualnotice"),
]
