from rest_framework import serializers

from core.api import RestrictedViewSet, ScopedRelatedField
from members import services
from members.completeness import completeness
from members.filtersets import PersonFilterSet
from members.models import Person
from members.views import can_see_id_number
from orgs.models import Organization


class PersonSerializer(serializers.ModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())
    id_number = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=18)
    group = ScopedRelatedField(queryset=Organization.objects.all(), required=False, allow_null=True)
    party_age = serializers.SerializerMethodField(help_text="党龄（年），自转正日期起算（DEV-AGE-PARTY）")
    completeness = serializers.SerializerMethodField(help_text="信息完整度（%）")
    id_number_display = serializers.SerializerMethodField(
        help_text="完整号码仅对有权限者显示，其他人看到掩码"
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "url",
            "name",
            "gender",
            "ethnicity",
            "birth_date",
            "id_number",
            "id_number_display",
            "phone",
            "email",
            "staff_no",
            "category",
            "education",
            "title",
            "unit",
            "organization",
            "political_status",
            "joined_on",
            "full_member_on",
            "group",
            "source",
            "party_standing",
            "exit_type",
            "party_age",
            "completeness",
        ]
        read_only_fields = ["party_standing", "exit_type"]  # 党籍 changes only through its events
        extra_kwargs = {"url": {"view_name": "api:person-detail"}}

    def get_party_age(self, obj) -> int | None:
        return obj.party_years

    def get_completeness(self, obj) -> int:
        return completeness(obj).score

    def get_id_number_display(self, obj) -> str:
        if not obj.id_number_cipher:
            return ""
        sensitive = self.context.get("sensitive_ids")
        visible = (
            obj.pk in sensitive
            if sensitive is not None
            else can_see_id_number(self.context["request"].user, obj)
        )
        return obj.id_number if visible else obj.masked_id_number


class PersonViewSet(RestrictedViewSet):
    """人员: ID numbers are write-only; reads show them masked unless the caller may see them."""

    queryset = Person.objects.select_related("organization")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    search_fields = ["name", "staff_no", "phone"]
    ordering_fields = ["name", "staff_no", "joined_on"]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "list":
            # one query for the whole page instead of one per row
            context["sensitive_ids"] = (
                set(Person.objects.restrict(self.request.user, "sensitive").values_list("pk", flat=True))
                if self.request.user.is_authenticated
                else set()
            )
        return context

    def perform_save(self, serializer):
        data = dict(serializer.validated_data)
        id_number = data.pop("id_number", None)
        instance = serializer.instance or Person()
        for key, value in data.items():
            setattr(instance, key, value)
        serializer.instance = services.save_person(instance, self.request.user, id_number=id_number)


ROUTES = [("people", PersonViewSet, "person")]
