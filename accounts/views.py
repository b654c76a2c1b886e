import django_filters
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.views import View

from accounts import services
from accounts.forms import LoginForm, RoleGrantForm, UserForm
from accounts.models import RoleGrant, User
from core import views as generic
from core.filtersets import BaseFilterSet
from core.scoping import get_scope
from core.tables import Column, Table


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class MeView(View):
    """我的: own person, positions and the rights they give."""

    def get(self, request):
        from orgs.models import Position

        person = request.user.person
        positions = (
            list(Position.objects.current().filter(person=person).select_related("organization"))
            if person
            else []
        )
        return render(
            request,
            "accounts/me.html",
            {
                "title": "我的",
                "person": person,
                "positions": positions,
                "grants": get_scope(request.user).grants,
            },
        )


class UserFilterSet(BaseFilterSet):
    search_fields = ("username", "person__name", "person__staff_no", "person__phone")
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = User
        fields = ["q", "is_active"]


class UserTable(Table):
    columns = [
        Column("username", "账号", order_by="username", link=True),
        Column("person", "姓名", accessor="person.name", order_by="person__name"),
        Column("org", "所在党组织", accessor="person.organization.name"),
        Column("is_active", "启用", accessor=lambda u: "是" if u.is_active else "否"),
        Column("last_login", "最近登录", order_by="last_login"),
    ]


class UserListView(generic.ObjectListView):
    model = User
    filterset_class = UserFilterSet
    table_class = UserTable
    title = "账号"

    def base_queryset(self):
        return self.get_queryset().select_related("person__organization")


class UserView(generic.ObjectView):
    model = User
    template_name = "accounts/user.html"

    def get_extra_context(self, request, obj):
        return {"grants": list(obj.grants.select_related("organization")), "roles": get_scope(obj).grants}


class UserChangelogView(generic.ObjectChangelogView):
    model = User


class UserEditView(generic.ObjectEditView):
    model = User
    form_class = UserForm

    def save(self, form):
        return services.save_user(
            form.instance, self.request.user, password=form.cleaned_data.get("password")
        )


class RoleGrantEditView(generic.ObjectEditView):
    model = RoleGrant
    form_class = RoleGrantForm

    def save(self, form):
        services.save_grant(form.instance, self.request.user)
        return form.instance.user


class RoleGrantView(generic.ObjectView):
    model = RoleGrant
    template_name = "accounts/rolegrant.html"


class RoleGrantDeleteView(generic.ObjectDeleteView):
    model = RoleGrant
    success_url_name = "accounts:user_list"
