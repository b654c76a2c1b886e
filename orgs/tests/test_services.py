import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from core.models import Event
from core.testing.world import person
from members.models import OrgMembership, Person
from orgs import services
from orgs.choices import BranchCategory, OrgStatus, OrgType
from orgs.models import Organization


def test_create_checks_parent_type_and_scope(world):
    with pytest.raises(ValidationError, match="上级只能是"):
        services.create_organization(
            world.a1, world.users["admin"], name="x", code="X", org_type=OrgType.GENERAL_BRANCH
        )
    with pytest.raises(ValidationError):
        services.create_organization(
            world.b,
            world.users["secretary_a"],
            name="x",
            code="X",
            org_type=OrgType.BRANCH,
            category="teacher",
        )
    org = services.create_organization(
        world.a,
        world.users["secretary_a"],
        name="A系教工第二党支部",
        code="A2",
        org_type=OrgType.BRANCH,
        category="teacher",
    )
    assert org.path.startswith(world.a.path) and org.depth == 3


def test_move_subtree_carries_children(world):
    moved = services.move_organization(world.a1, world.b, world.users["zzb"])
    group = Organization.objects.get(code="A1-G")
    assert moved.path.startswith(world.b.path) and group.path.startswith(moved.path)
    with pytest.raises(ValidationError):
        services.move_organization(world.b, Organization.objects.get(code="A1"), world.users["zzb"])


def test_dissolve_refuses_while_people_remain(world):
    with pytest.raises(ValidationError, match="名人员"):
        services.dissolve_organization(world.b1, world.users["zzb"])
    empty = services.create_organization(
        world.b, world.users["zzb"], name="空支部", code="EMPTY", org_type=OrgType.BRANCH, category="student"
    )
    services.dissolve_organization(empty, world.users["zzb"], on=dt.date(2026, 1, 1))
    empty.refresh_from_db()
    assert empty.status == OrgStatus.DISSOLVED and empty.dissolved_on == dt.date(2026, 1, 1)
    assert Event.objects.filter(name="撤销组织", object_id=str(empty.pk)).exists()


def test_merge_moves_people_with_history_in_one_transaction(world):
    target = services.create_organization(
        world.a,
        world.users["zzb"],
        name="A系教工第二党支部",
        code="A2",
        org_type=OrgType.BRANCH,
        category=BranchCategory.TEACHER,
    )
    people = list(Person.objects.filter(organization=world.a1))
    services.merge_branches(world.a1, target, world.users["zzb"], on=dt.date(2026, 3, 1))
    assert Person.objects.filter(organization=target).count() == len(people)
    source = Organization.objects.get(code="A1")
    assert source.status == OrgStatus.DISSOLVED
    assert Organization.objects.get(code="A1-G").path.startswith(target.path)
    history = OrgMembership.objects.filter(person=people[0]).order_by("pk")
    assert [m.organization.code for m in history][-1] == "A2"
    assert OrgMembership.objects.get(person=people[0], organization=source).end == dt.date(2026, 3, 1)


def test_merge_rolls_back_when_out_of_scope(world):
    count = Person.objects.filter(organization=world.a1).count()
    with pytest.raises(ValidationError):
        services.merge_branches(world.a1, world.b1, world.users["secretary_a"])
    assert Person.objects.filter(organization=world.a1).count() == count
    assert Organization.objects.get(code="A1").status == OrgStatus.ACTIVE


def test_split_creates_sibling_with_chosen_people(world):
    chosen = [person("甲", world.a1), person("乙", world.a1)]
    new = services.split_branch(
        world.a1, chosen, world.users["secretary_a"], name="A系教工第三党支部", code="A3"
    )
    assert Organization.objects.get_parent(new).pk == world.a.pk
    assert set(Person.objects.filter(organization=new)) == set(chosen)
    with pytest.raises(ValidationError, match="必须都在"):
        services.split_branch(world.a1, [world.people["member_b1"]], world.users["zzb"], name="y", code="Y")
