"""API base: the same scoping as the pages — 403 without a module right, 404 outside the scope."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from core.permissions import request_action


class RestrictedViewSet(viewsets.ModelViewSet):
    """Rows come from ``restrict(user, action)``; writes go through ``perform_save`` (the app's service)."""

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, request_action(self.request))

    def perform_save(self, serializer):
        raise NotImplementedError

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer)

    def _save(self, serializer):
        try:
            self.perform_save(serializer)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)

    def perform_destroy(self, instance):
        from core.services import delete_object

        try:
            delete_object(instance, self.request.user)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages)


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key whose choices are the user's scope."""

    def get_queryset(self):
        request = self.context.get("request")
        qs = super().get_queryset()
        return qs.restrict(request.user, "change") if request else qs.none()
