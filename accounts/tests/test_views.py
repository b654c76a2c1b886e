import pytest
from django.core.exceptions import ValidationError

from accounts import services
from accounts.models import RoleGrant, User
from core.scoping import get_scope
from core.testing.views import ViewTestCases
from core.testing.world import person


class TestUserViews(ViewTestCases):
    model = User

    def make(self, world, org_key):
        p = person(f"账号人{User.objects.count()}", world.orgs[org_key])
        return User.objects.create_user(username=f"u{p.pk}", password="pw-test-123", person=p)

    def form_data(self, world):
        return {
            "username": "new_user",
            "person": person("新账号人", world.a1),
            "password": "Xk9-long-password",
            "is_active": True,
        }


class TestRoleGrantViews(ViewTestCases):
    model = RoleGrant

    def make(self, world, org_key):
        user = TestUserViews().make(world, org_key)
        return RoleGrant.objects.create(
            user=user, organization=world.orgs[org_key], modules=["orgs"], actions=["view"], reason="协助整理"
        )

    def form_data(self, world):
        return {
            "user": world.users["member_a1"],
            "organization": world.a1,
            "modules": ["orgs"],
            "actions": ["view"],
            "reason": "协助换届材料",
        }


def test_grant_widens_scope_until_it_expires(world):
    import datetime as dt

    user = world.users["member_a1"]
    assert not get_scope(user).allows("orgs", "view", world.a1.__class__)
    RoleGrant.objects.create(user=user, organization=world.b1, modules=["orgs"], actions=["view"], reason="x")
    user = User.objects.get(pk=user.pk)
    assert world.b1 in world.b1.__class__.objects.restrict(user)
    RoleGrant.objects.update(valid_until=dt.date(2000, 1, 1))
    user = User.objects.get(pk=user.pk)
    assert world.b1 not in world.b1.__class__.objects.restrict(user)


def test_nobody_grants_more_than_they_hold(world):
    secretary = world.users["secretary_a1"]
    target = world.users["member_a1"]
    with pytest.raises(ValidationError, match="全校范围"):
        services.save_grant(
            RoleGrant(user=target, organization=None, modules=["orgs"], actions=["view"], reason="x"),
            secretary,
        )
    with pytest.raises(ValidationError):
        services.save_grant(
            RoleGrant(user=target, organization=world.b1, modules=["orgs"], actions=["view"], reason="x"),
            secretary,
        )
    committee = world.users["committee_a1"]
    with pytest.raises(ValidationError, match="不在您的管理范围|没有"):
        services.save_grant(
            RoleGrant(user=target, organization=world.a1, modules=["orgs"], actions=["change"], reason="x"),
            committee,
        )
    services.save_grant(
        RoleGrant(user=target, organization=world.a1, modules=["orgs"], actions=["view"], reason="x"),
        secretary,
    )


def test_roles_table(world):
    from orgs.models import Organization

    def visible(role):
        return set(Organization.objects.restrict(world.users[role]).values_list("code", flat=True))

    assert visible("zzb") == set(Organization.objects.values_list("code", flat=True))
    assert visible("secretary_a") == {"A", "A1", "A1-G"}
    assert visible("secretary_a1") == {"A1", "A1-G"}
    assert visible("group_leader") == {"A1-G"}
    assert visible("member_a1") == set()
    # 宣传部 reads organizations school-wide but changes only its own modules
    assert visible("xcb") == set(Organization.objects.values_list("code", flat=True))
    assert not get_scope(world.users["xcb"]).allows("orgs", "change")
    assert get_scope(world.users["xcb"]).allows("orglife", "change")
    # committee members read, do not change
    assert not Organization.objects.restrict(world.users["committee_a1"], "change").exists()


def test_account_lockout_after_failed_logins(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "member_a1", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "member_a1", "password": "pw-test-123"})
    assert response.status_code in (403, 429)
    assert "锁定" in response.content.decode()


def test_passwords_hashed_with_argon2(world):
    assert world.users["member_a1"].password.startswith("argon2")


def test_me_page_lists_rights(world):
    body = world.client("secretary_a1").get("/accounts/me/").content.decode()
    assert "A系教工第一党支部（书记）" in body and "本人" in body
