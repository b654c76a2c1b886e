import datetime as dt

from core.testing.views import APIViewTestCases, ViewTestCases
from members.choices import PoliticalStatus
from orgs.choices import BranchCategory, OrgType, Post
from orgs.models import DualLeaderProfile, Organization, Position


class TestOrganizationViews(ViewTestCases, APIViewTestCases):
    model = Organization
    api_basename = "organization"
    in_scope_role = "secretary_a"
    in_org, out_org = "a", "b"

    def make(self, world, org_key):
        parent = world.orgs[org_key]
        code = f"{parent.code}-N{Organization.objects.count()}"
        return Organization.objects.add(
            parent,
            name=f"{parent.name}新支部{code}",
            code=code,
            org_type=OrgType.BRANCH,
            category=BranchCategory.TEACHER,
        )

    def form_data(self, world):
        return {
            "parent": world.a,
            "name": "A系学生第一党支部",
            "code": "A-S1",
            "org_type": OrgType.BRANCH,
            "category": BranchCategory.STUDENT,
            "modules": "[]",
        }

    def api_create_data(self, world):
        return {
            "parent": world.a.pk,
            "name": "A系学生第二党支部",
            "code": "A-S2",
            "org_type": "branch",
            "category": "student",
        }


class TestPositionViews(ViewTestCases, APIViewTestCases):
    model = Position
    api_basename = "position"

    def make(self, world, org_key):
        from core.testing.world import person

        return Position.objects.create(
            person=person("任职人", world.orgs[org_key]),
            organization=world.orgs[org_key],
            post=Post.COMMITTEE_MEMBER,
        )

    def form_data(self, world):
        return {
            "person": world.people["member_a1"],
            "organization": world.a1,
            "post": Post.ORGANIZATION_MEMBER,
            "start": "2024-01-01",
        }

    def api_create_data(self, world):
        return {
            "person": world.people["member_a1"].pk,
            "organization": world.a1.pk,
            "post": "youth_member",
            "start": "2024-01-01",
        }


class TestDualLeaderProfileViews(ViewTestCases):
    model = DualLeaderProfile

    def make(self, world, org_key):
        from core.testing.world import person

        return DualLeaderProfile.objects.create(
            person=person("带头人", world.orgs[org_key]), discipline_leader=True
        )

    def edit_args(self, obj):
        return [obj.person_id]

    def test_edit_creates_profile_on_person_page(self, world):
        target = world.people["member_a1"]
        client = world.client("secretary_a1")
        response = client.post(
            f"/orgs/people/{target.pk}/dual-leader/", {"discipline_leader": "on", "projects": "省级一流课程"}
        )
        assert response.status_code == 302
        assert DualLeaderProfile.objects.get(person=target).is_dual_leader
        assert client.get(f"/orgs/people/{world.people['member_b1'].pk}/dual-leader/").status_code == 404


def test_secretary_of_branch_sees_only_own_branch_in_tree(world):
    client = world.client("secretary_a1")
    body = client.get("/orgs/tree/").content.decode()
    assert world.a1.name in body and world.b1.name not in body and world.a.name not in body
    assert client.get(f"/orgs/tree/{world.b.pk}/children/").status_code == 404


def test_tree_search_stays_in_scope(world):
    body = world.client("secretary_a").get("/orgs/tree/", {"q": "党支部"}).content.decode()
    assert world.a1.name in body and world.b1.name not in body


def test_org_page_shows_structure_warnings(world):
    from core.testing.world import person

    for i in range(51):
        person(f"党员{i}", world.a1, PoliticalStatus.FULL_MEMBER)
    world.a1.term_end = dt.date.today() + dt.timedelta(days=30)
    world.a1.term_start = dt.date.today() - dt.timedelta(days=1000)
    world.a1.save()
    body = world.client("secretary_a1").get(world.a1.get_absolute_url()).content.decode()
    assert "超过 50 人，建议拆分" in body
    assert "ORG-TERM" in body and "届满" in body
    assert "ORG-COMMITTEE" in body


def test_tree_chart_json_is_scoped(world):
    data = world.client("secretary_a").get("/orgs/tree/chart/?format=json").json()
    text = str(data)
    assert world.a1.display_short in text and world.b1.display_short not in text


def test_subtree_counts_leave_out_the_deceased(world):
    from core.testing.world import person
    from orgs.queries import attach_counts

    before_a, before_b = (o.member_count for o in attach_counts([world.a, world.b]))
    person("已故党员", world.a1, party_standing="deceased")
    person("在册党员", world.a1)
    a, a1, b = attach_counts([world.a, world.a1, world.b])
    assert a.member_count == before_a + 1  # the living member counts, the deceased one does not
    assert a.people_count == a1.people_count  # A's people all sit in A1: the subtree sum
    assert b.member_count == before_b
