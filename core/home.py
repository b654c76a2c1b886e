"""The home page and the school-wide change log."""

import django_filters
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render
from django.views import View

from core.context_processors import is_school_admin
from core.forms import style_form
from core.scoping import get_scope


class HomeView(View):
    def get(self, request):
        from members.models import Person
        from orgs.choices import BRANCH_TYPES
        from orgs.models import Organization

        scope = get_scope(request.user)
        context = {"title": "工作台"}
        if scope.allows("orgs", "view", Organization):
            orgs = Organization.objects.restrict(request.user).active()
            context["org_count"] = orgs.count()
            context["branch_count"] = orgs.filter(org_type__in=BRANCH_TYPES).count()
        if scope.allows("members", "view", Person):
            by_status = dict(
                Person.objects.restrict(request.user)
                .values_list("political_status")
                .annotate(n=Count("pk"))
                .order_by()
            )
            from members.choices import PoliticalStatus

            context["status_rows"] = [
                (value, label, by_status.get(value, 0)) for value, label in PoliticalStatus.choices
            ]
            context["chart"] = {
                "tooltip": {"trigger": "axis"},
                "grid": {"left": 90, "right": 20, "top": 10, "bottom": 20},
                "xAxis": {"type": "value"},
                "yAxis": {"type": "category", "data": [r[1] for r in context["status_rows"]][::-1]},
                "series": [
                    {
                        "type": "bar",
                        "data": [r[2] for r in context["status_rows"]][::-1],
                        "itemStyle": {"color": "#c8161d"},
                    }
                ],
            }
        context["person"] = request.user.person
        return render(request, "core/home.html", context)


class LogEntryFilterSet(django_filters.FilterSet):
    content_type = django_filters.ModelChoiceFilter(
        queryset=ContentType.objects.filter(app_label__in=["orgs", "members", "accounts"]).order_by(
            "app_label", "model"
        ),
        label="对象类型",
    )
    actor__username = django_filters.CharFilter(label="操作人账号")
    action = django_filters.ChoiceFilter(choices=LogEntry.Action.choices, label="操作")
    since = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label="起始日期")
    until = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label="截止日期")
    q = django_filters.CharFilter(field_name="object_repr", lookup_expr="icontains", label="对象名称")

    class Meta:
        model = LogEntry
        fields = ["q", "content_type", "action", "actor__username", "since", "until"]


class ChangelogView(View):
    """School-level admins: every change, filterable."""

    def get(self, request):
        if not is_school_admin(request.user):
            raise PermissionDenied("只有学校层面的管理员可以查看全局变更记录。")
        entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
        filterset = LogEntryFilterSet(request.GET or None, queryset=entries)
        style_form(filterset.form)
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else entries
        page = Paginator(qs, 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            "core/changelog.html",
            {
                "title": "变更记录",
                "filterset": filterset,
                "page": page,
                "query": query.urlencode(),
                "show_object": True,
            },
        )


def healthz(request):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
