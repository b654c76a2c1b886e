from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from core import views as generic
from members.models import Person
from orgs import services
from orgs.choices import BRANCH_TYPES, COMMITTEE_POSTS, OrgType
from orgs.filtersets import OrganizationFilterSet, PositionFilterSet
from orgs.forms import (
    DissolveForm,
    DualLeaderProfileForm,
    MergeForm,
    MoveForm,
    OrganizationForm,
    PositionForm,
    SplitForm,
)
from orgs.models import DualLeaderProfile, Organization, Position
from orgs.queries import attach_counts, with_parent
from orgs.rules import structure_warnings
from orgs.tables import OrganizationTable, PositionTable


# --- tree -----------------------------------------------------------------
class TreeView(generic.ScopedMixin, View):
    """The expandable tree: the user's top nodes first, children loaded on demand; search across the scope."""

    model = Organization

    def get(self, request):
        q = request.GET.get("q", "").strip()
        show_dissolved = request.GET.get("dissolved") == "1"
        base = self.get_queryset() if show_dissolved else self.get_queryset().active()
        if q:
            nodes = with_parent(
                base.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(code__icontains=q))
            )[:100]
            return render(
                request, "orgs/tree.html", {"title": "组织体系", "results": attach_counts(nodes), "q": q}
            )
        roots = self.scope.root_paths("orgs")
        if roots is None:
            nodes = base.filter(depth=1)
        else:
            nodes = base.filter(path__in=roots)
        return render(
            request,
            "orgs/tree.html",
            {"title": "组织体系", "nodes": attach_counts(nodes), "dissolved": show_dissolved},
        )


class TreeChildrenView(generic.ScopedMixin, View):
    """htmx: the children of one node."""

    model = Organization

    def get(self, request, pk):
        parent = self.get_object()
        children = self.get_queryset().filter(path__startswith=parent.path, depth=parent.depth + 1)
        if request.GET.get("dissolved") != "1":
            children = children.active()
        return render(request, "orgs/tree_nodes.html", {"nodes": attach_counts(children)})


class TreeChartView(generic.ScopedMixin, View):
    """A picture of the tree (ECharts), down to branches."""

    model = Organization

    def get(self, request):
        if request.GET.get("format") != "json":
            return render(request, "orgs/tree_chart.html", {"title": "组织体系图"})
        orgs = attach_counts(
            self.get_queryset()
            .active()
            .exclude(org_type=OrgType.GROUP)
            .only("id", "name", "short_name", "path", "depth", "org_type")
        )
        by_path, roots = {}, []
        for org in orgs:
            node = {
                "name": f"{org.display_short}（{org.member_count}）",
                "children": [],
                "value": org.member_count,
                "url": org.get_absolute_url(),
            }
            by_path[org.path] = node
            parent = by_path.get(org.path[: -Organization.steplen])
            (parent["children"] if parent else roots).append(node)
        for node in by_path.values():
            if not node["children"]:
                del node["children"]
        data = roots[0] if len(roots) == 1 else {"name": "党组织", "children": roots}
        option = {
            "tooltip": {"trigger": "item"},
            "series": [
                {
                    "type": "tree",
                    "data": [data],
                    "orient": "LR",
                    "top": "2%",
                    "left": "8%",
                    "bottom": "2%",
                    "right": "20%",
                    "symbolSize": 8,
                    "initialTreeDepth": 1,
                    "expandAndCollapse": True,
                    "label": {
                        "position": "left",
                        "verticalAlign": "middle",
                        "align": "right",
                        "fontSize": 12,
                    },
                    "leaves": {"label": {"position": "right", "align": "left"}},
                }
            ],
        }
        return JsonResponse(option)


# --- organizations ----------------------------------------------------------
class OrganizationListView(generic.ObjectListView):
    model = Organization
    filterset_class = OrganizationFilterSet
    table_class = OrganizationTable
    title = "党组织列表"
    import_url_name = "orgs:organization_import"

    def base_queryset(self):
        return with_parent(self.get_queryset())

    def prepare_rows(self, objects):
        return attach_counts(objects)


class OrganizationView(generic.ObjectView):
    model = Organization

    def get_extra_context(self, request, obj):
        today = timezone.localdate()
        counted = attach_counts([obj])[0]
        committee = sorted(
            Position.objects.current().committee().filter(organization=obj).select_related("person"),
            key=lambda p: (COMMITTEE_POSTS.index(p.post), p.start),
        )
        other_positions = list(
            Position.objects.current()
            .filter(organization=obj)
            .exclude(post__in=[p.post for p in committee])
            .select_related("person")
        )
        children = attach_counts(Organization.objects.filter(path__startswith=obj.path, depth=obj.depth + 1))
        people = Person.objects.filter(organization=obj).order_by("name")
        return {
            "counts": counted,
            "warnings": structure_warnings(
                obj, full_members=counted.full_member_count, committee_size=len(committee), today=today
            ),
            "committee": committee,
            "other_positions": other_positions,
            "children": children,
            "people": list(people[:30]),
            "people_total": counted.people_count,
            "breadcrumbs": obj.ancestors_and_self(),
            "can_change": Organization.objects.restrict(request.user, "change").filter(pk=obj.pk).exists(),
            "is_branch": obj.org_type in BRANCH_TYPES,
            "can_have_children": obj.org_type not in (OrgType.GROUP, OrgType.DEPARTMENT),
        }


class OrganizationChangelogView(generic.ObjectChangelogView):
    model = Organization


class OrganizationEditView(generic.ObjectEditView):
    model = Organization
    form_class = OrganizationForm

    def save(self, form):
        org = form.instance
        if org.pk:
            return services.update_organization(org, self.request.user)
        fields = {k: v for k, v in form.cleaned_data.items() if k != "parent"}
        return services.create_organization(form.cleaned_data.get("parent"), self.request.user, **fields)


class OrgActionView(generic.ScopedMixin, View):
    """Base for the tree operations: move, dissolve, merge, split (each a service call)."""

    model = Organization
    action = "change"
    form_class = None
    label = ""

    def form(self, org, data=None):
        return self.form_class(
            data, user=self.request.user, initial={"on": timezone.localdate()}, **self.form_kwargs(org)
        )

    def form_kwargs(self, org):
        return {}

    def get(self, request, pk):
        org = self.get_object()
        return render(
            request,
            "orgs/org_action.html",
            {"object": org, "form": self.form(org), "title": f"{self.label}：{org}", "label": self.label},
        )

    def post(self, request, pk):
        org = self.get_object()
        form = self.form(org, request.POST)
        if form.is_valid():
            try:
                result = self.perform(org, form.cleaned_data)
            except ValidationError as exc:
                generic.add_form_errors(form, exc)
            else:
                messages.success(request, f"{self.label}完成。")
                return redirect(result.get_absolute_url())
        return render(
            request,
            "orgs/org_action.html",
            {"object": org, "form": form, "title": f"{self.label}：{org}", "label": self.label},
            status=400,
        )


class OrganizationMoveView(OrgActionView):
    form_class = MoveForm
    label = "移动组织"

    def perform(self, org, data):
        return services.move_organization(org, data["parent"], self.request.user)


class OrganizationDissolveView(OrgActionView):
    form_class = DissolveForm
    label = "撤销组织"

    def perform(self, org, data):
        return services.dissolve_organization(org, self.request.user, on=data["on"], reason=data["reason"])


class OrganizationMergeView(OrgActionView):
    form_class = MergeForm
    label = "合并支部"

    def form_kwargs(self, org):
        return {"source": org}

    def perform(self, org, data):
        return services.merge_branches(org, data["target"], self.request.user, on=data["on"])


class OrganizationSplitView(OrgActionView):
    form_class = SplitForm
    label = "拆分支部"

    def form_kwargs(self, org):
        return {"source": org}

    def perform(self, org, data):
        return services.split_branch(
            org, data["people"], self.request.user, name=data["name"], code=data["code"], on=data["on"]
        )


# --- positions --------------------------------------------------------------
class PositionListView(generic.ObjectListView):
    model = Position
    filterset_class = PositionFilterSet
    table_class = PositionTable
    title = "职务任免"

    def base_queryset(self):
        return self.get_queryset().select_related("person", "organization")


class PositionView(generic.ObjectView):
    model = Position


class PositionChangelogView(generic.ObjectChangelogView):
    model = Position


class PositionEditView(generic.ObjectEditView):
    model = Position
    form_class = PositionForm

    def save(self, form):
        return services.save_position(form.instance, self.request.user)


class PositionEndView(generic.ScopedMixin, View):
    model = Position
    action = "change"

    def post(self, request, pk):
        position = self.get_object()
        try:
            services.end_position(position, request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已免去：{position}")
        return redirect(position.organization.get_absolute_url())


class DualLeaderProfileEditView(generic.ObjectEditView):
    """The 双带头人 profile, edited from the person's page (one per person)."""

    model = DualLeaderProfile
    form_class = DualLeaderProfileForm

    def dispatch(self, request, *args, **kwargs):
        self.action = "change"
        return generic.ScopedMixin.dispatch(self, request, *args, **kwargs)

    def get_object(self):
        person = get_object_or_404(
            Person.objects.restrict(self.request.user, "change"), pk=self.kwargs["person_pk"]
        )
        return DualLeaderProfile.objects.filter(person=person).first() or DualLeaderProfile(person=person)

    def save(self, form):
        from core.services import save_object

        save_object(form.instance, self.request.user)
        return form.instance.person
