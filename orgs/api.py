from rest_framework import serializers

from core.api import RestrictedViewSet, ScopedRelatedField
from orgs import services
from orgs.filtersets import OrganizationFilterSet, PositionFilterSet
from orgs.models import Organization, Position
from orgs.queries import attach_counts, with_parent


class OrganizationSerializer(serializers.ModelSerializer):
    parent = ScopedRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True, write_only=True
    )
    parent_id = serializers.SerializerMethodField()
    member_count = serializers.SerializerMethodField(help_text="党员（含预备党员）人数，含下级组织")
    branch_count = serializers.SerializerMethodField(help_text="下属党支部数，含下级组织")

    class Meta:
        model = Organization
        fields = [
            "id",
            "url",
            "name",
            "short_name",
            "code",
            "org_type",
            "category",
            "parent",
            "parent_id",
            "depth",
            "established",
            "term_start",
            "term_end",
            "status",
            "dissolved_on",
            "member_count",
            "branch_count",
        ]
        read_only_fields = ["depth", "status", "dissolved_on"]
        extra_kwargs = {"url": {"view_name": "api:organization-detail"}}

    def get_parent_id(self, obj) -> int | None:
        if hasattr(obj, "parent_pk"):
            return obj.parent_pk
        parent = Organization.objects.get_parent(obj) if obj.depth > 1 else None
        return parent.pk if parent else None

    def get_member_count(self, obj) -> int:
        return (
            getattr(obj, "member_count", None)
            if hasattr(obj, "member_count")
            else attach_counts([obj])[0].member_count
        )

    def get_branch_count(self, obj) -> int:
        return (
            getattr(obj, "branch_count", None)
            if hasattr(obj, "branch_count")
            else attach_counts([obj])[0].branch_count
        )


class OrganizationViewSet(RestrictedViewSet):
    """党组织: the tree, each node with member and branch counts over its subtree."""

    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    search_fields = ["name", "short_name", "code"]
    ordering_fields = ["path", "name", "code"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return with_parent(super().get_queryset())

    def paginate_queryset(self, queryset):
        return attach_counts(super().paginate_queryset(queryset))

    def get_object(self):
        return attach_counts([super().get_object()])[0]

    def perform_save(self, serializer):
        data = dict(serializer.validated_data)
        parent = data.pop("parent", None)
        if serializer.instance is None:
            serializer.instance = services.create_organization(parent, self.request.user, **data)
        else:
            for key, value in data.items():
                setattr(serializer.instance, key, value)
            services.update_organization(serializer.instance, self.request.user)


class PositionSerializer(serializers.ModelSerializer):
    person = ScopedRelatedField(queryset=Position._meta.get_field("person").related_model.objects.all())
    organization = ScopedRelatedField(queryset=Organization.objects.all())
    person_name = serializers.CharField(source="person.name", read_only=True)
    post_display = serializers.CharField(source="get_post_display", read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "url",
            "person",
            "person_name",
            "organization",
            "post",
            "post_display",
            "start",
            "end",
            "note",
        ]
        extra_kwargs = {"url": {"view_name": "api:position-detail"}}

    def validate(self, attrs):
        instance = Position(
            **{
                **(
                    {f.name: getattr(self.instance, f.name) for f in Position._meta.fields}
                    if self.instance
                    else {}
                ),
                **attrs,
            }
        )
        instance.clean()
        return attrs


class PositionViewSet(RestrictedViewSet):
    """职务任免."""

    queryset = Position.objects.select_related("person", "organization")
    serializer_class = PositionSerializer
    filterset_class = PositionFilterSet
    ordering_fields = ["start", "end", "post"]

    def perform_save(self, serializer):
        instance = serializer.instance or Position()
        for key, value in serializer.validated_data.items():
            setattr(instance, key, value)
        serializer.instance = services.save_position(instance, self.request.user)


ROUTES = [
    ("organizations", OrganizationViewSet, "organization"),
    ("positions", PositionViewSet, "position"),
]
