from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.response import Response

from core.api import RestrictedViewSet, ScopedRelatedField
from notices import services
from notices.filtersets import MessageFilterSet, NoticeFilterSet, RobotWebhookFilterSet
from notices.models import Message, Notice, RobotWebhook
from orgs.models import Organization


class MessageSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Message
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "url",
            "due",
            "module",
            "rule",
            "organization",
            "organization_name",
            "notice",
            "created",
            "read_at",
        ]
        read_only_fields = fields


class MessageViewSet(RestrictedViewSet):
    """站内信: the signed-in person's own messages; POST …/read/ marks one read."""

    queryset = Message.objects.active().select_related("organization")
    serializer_class = MessageSerializer
    filterset_class = MessageFilterSet
    ordering_fields = ["created", "due", "read_at"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        person_id = self.request.user.person_id
        queryset = super().get_queryset()
        return queryset.for_person(person_id) if person_id else queryset.none()

    def create(self, request, *args, **kwargs):
        raise MethodNotAllowed("POST")

    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        message = self.get_object()
        services.mark_read(message, request.user)
        return Response(self.get_serializer(message).data)


class NoticeSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())
    target_orgs = ScopedRelatedField(queryset=Organization.objects.all(), many=True)
    receipt_count = serializers.SerializerMethodField()
    read_count = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = [
            "id",
            "organization",
            "title",
            "body",
            "target_orgs",
            "include_subtree",
            "audience",
            "status",
            "sent_at",
            "receipt_count",
            "read_count",
        ]
        read_only_fields = ["status", "sent_at"]

    def get_receipt_count(self, obj) -> int:
        return obj.messages.count() if obj.is_sent else 0

    def get_read_count(self, obj) -> int:
        return obj.messages.filter(read_at__isnull=False).count() if obj.is_sent else 0


class NoticeViewSet(RestrictedViewSet):
    """通知: drafts are edited, then POST …/send/ delivers them; read counts per notice."""

    queryset = Notice.objects.select_related("organization").prefetch_related("target_orgs")
    serializer_class = NoticeSerializer
    filterset_class = NoticeFilterSet
    ordering_fields = ["created", "sent_at"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def perform_save(self, serializer):
        data = dict(serializer.validated_data)
        targets = data.pop("target_orgs", None)
        instance = serializer.instance or Notice()
        for key, value in data.items():
            setattr(instance, key, value)
        serializer.instance = services.save_notice(instance, self.request.user, targets)

    def perform_destroy(self, instance):
        try:
            services.delete_notice(instance, self.request.user)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages)

    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        notice = self.get_object()
        try:
            notice = services.send_notice(notice, request.user)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages)
        return Response(self.get_serializer(notice).data)


class RobotWebhookSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())

    class Meta:
        model = RobotWebhook
        fields = ["id", "organization", "name", "flavor", "webhook_url", "active", "note"]
        extra_kwargs = {"webhook_url": {"write_only": True}}


class RobotWebhookViewSet(RestrictedViewSet):
    """群机器人 of an organization (the address is write-only: it carries the robot's key)."""

    queryset = RobotWebhook.objects.select_related("organization")
    serializer_class = RobotWebhookSerializer
    filterset_class = RobotWebhookFilterSet
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def perform_save(self, serializer):
        instance = serializer.instance or RobotWebhook()
        for key, value in serializer.validated_data.items():
            setattr(instance, key, value)
        serializer.instance = services.save_webhook(instance, self.request.user)


ROUTES = [
    ("messages", MessageViewSet, "message"),
    ("notices", NoticeViewSet, "notice"),
    ("robot-webhooks", RobotWebhookViewSet, "robotwebhook"),
]
