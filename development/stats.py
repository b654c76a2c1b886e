"""Statistics on a branch, a general branch or the whole school: the development funnel and member make-up."""

import datetime as dt

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from core.views import ScopedMixin
from development.models import DevelopmentFile
from members.choices import Education, Gender, PersonCategory, PoliticalStatus
from members.models import Person
from orgs.models import Organization

FUNNEL = [
    PoliticalStatus.APPLICANT,
    PoliticalStatus.ACTIVIST,
    PoliticalStatus.CANDIDATE,
    PoliticalStatus.PROBATIONARY,
    PoliticalStatus.FULL_MEMBER,
]
AGE_BANDS = [(None, 25), (25, 35), (35, 45), (45, 55), (55, 65), (65, None)]


def _years_ago(today, years):
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def age_band_label(low, high):
    if low is None:
        return f"{high} 岁以下"
    if high is None:
        return f"{low} 岁及以上"
    return f"{low}–{high - 1} 岁"


def statistics(people, files, today: dt.date):
    """All figures for the people and files given (querysets already cut to the org subtree); six queries."""
    by_status = dict(people.values_list("political_status").annotate(n=Count("pk")).order_by())
    members = people.party_members()
    by_category = dict(members.values_list("category").annotate(n=Count("pk")).order_by())
    by_gender = dict(members.values_list("gender").annotate(n=Count("pk")).order_by())
    by_education = dict(members.values_list("education").annotate(n=Count("pk")).order_by())
    age_counts, labels = {}, {}
    for i, (low, high) in enumerate(AGE_BANDS):
        q = Q()
        if low is not None:  # at least ``low`` years old: born on or before today minus low years
            q &= Q(birth_date__lte=_years_ago(today, low))
        if high is not None:  # younger than ``high``: born after today minus high years
            q &= Q(birth_date__gt=_years_ago(today, high))
        age_counts[f"age{i}"] = Count("pk", filter=q)
        labels[f"age{i}"] = age_band_label(low, high)
    ages = members.filter(birth_date__isnull=False).aggregate(**age_counts)
    developed = dict(
        files.filter(admitted_on__year=today.year)
        .values_list("person__category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "funnel": [(PoliticalStatus(s).label, by_status.get(s, 0)) for s in FUNNEL],
        "category": [(label, by_category.get(v, 0)) for v, label in PersonCategory.choices],
        "gender": [(label, by_gender.get(v, 0)) for v, label in Gender.choices],
        "education": [(label, by_education.get(v, 0)) for v, label in Education.choices]
        + [("未登记", by_education.get("", 0))],
        "age": [(labels[k], v) for k, v in ages.items()],
        "developed": [(label, developed.get(v, 0)) for v, label in PersonCategory.choices],
        "year": today.year,
    }


def funnel_chart(rows):
    return {
        "tooltip": {"trigger": "item"},
        "series": [
            {
                "type": "funnel",
                "sort": "none",
                "left": "10%",
                "width": "80%",
                "label": {"formatter": "{b}：{c}"},
                "data": [{"name": name, "value": value} for name, value in rows],
            }
        ],
    }


def bar_chart(rows, name):
    return {
        "tooltip": {},
        "grid": {"left": 40, "right": 10, "top": 20, "bottom": 30},
        "xAxis": {"type": "category", "data": [r[0] for r in rows]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [{"type": "bar", "name": name, "data": [r[1] for r in rows]}],
    }


def pie_chart(rows):
    return {
        "tooltip": {"trigger": "item"},
        "series": [{"type": "pie", "radius": "65%", "data": [{"name": n, "value": v} for n, v in rows]}],
    }


class StatisticsView(ScopedMixin, View):
    """?org=<pk> for a branch or general branch; without it, everything the user sees (the school for 组织部)."""

    model = DevelopmentFile

    def get(self, request):
        org = None
        if request.GET.get("org"):
            org = get_object_or_404(Organization.objects.restrict(request.user), pk=request.GET["org"])
        people = Person.objects.restrict(request.user)
        files = self.get_queryset()
        if org is not None:
            people = people.filter(organization__path__startswith=org.path)
            files = files.filter(organization__path__startswith=org.path)
        data = statistics(people, files, timezone.localdate())
        charts = {
            "funnel": funnel_chart(data["funnel"]),
            "category": pie_chart(data["category"]),
            "developed": bar_chart(data["developed"], "本年接收预备党员"),
            "age": bar_chart(data["age"], "党员人数"),
            "gender": pie_chart(data["gender"]),
            "education": bar_chart(data["education"], "党员人数"),
        }
        return render(
            request,
            "development/stats.html",
            {
                "title": f"发展党员与党员队伍统计 · {org.name if org else '全部管理范围'}",
                "data": data,
                "charts": charts,
                "org": org,
                "orgs": Organization.objects.restrict(request.user)
                .active()
                .filter(org_type__in=("committee", "general_branch", "branch", "functional_branch")),
            },
        )
