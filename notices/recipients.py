"""Who receives a due item: recipient roles (core.reminders) resolved from current positions in 2 queries."""

from collections import defaultdict

from core import reminders as contract
from orgs.choices import COMMITTEE_POSTS, OrgStatus, OrgType, Post
from orgs.models import Organization, Position

SECRETARY_POSTS = {Post.SECRETARY, Post.DEPUTY_SECRETARY}
# 党总支 leaders who supervise the branches below them
GENERAL_BRANCH_LEADERS = {Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.ORGANIZER}
RELEVANT_POSTS = set(COMMITTEE_POSTS) | {Post.ORGANIZER, Post.STAFF}


class RecipientResolver:
    """Loads the tree and current positions once; then maps any DueItem to person ids without queries."""

    def __init__(self, on):
        self.on = on
        steplen = Organization.steplen
        self.steplen = steplen
        self.orgs = {}  # id -> (path, org_type)
        self.by_path = {}
        org_department = []
        for org_id, path, org_type, modules in Organization.objects.filter(
            status=OrgStatus.ACTIVE
        ).values_list("id", "path", "org_type", "modules"):
            self.orgs[org_id] = (path, org_type)
            self.by_path[path] = (org_id, org_type)
            if org_type == OrgType.DEPARTMENT and "*" in (modules or []):
                org_department.append(org_id)
        self.secretaries = defaultdict(set)
        self.committee = defaultdict(set)
        self.general_leaders = defaultdict(set)
        self.org_department = set()
        department_ids = set(org_department)
        positions = (
            Position.objects.current(on)
            .filter(post__in=RELEVANT_POSTS, organization__status=OrgStatus.ACTIVE)
            .values_list("organization_id", "post", "person_id")
        )
        for org_id, post, person_id in positions:
            if post in SECRETARY_POSTS:
                self.secretaries[org_id].add(person_id)
            if post in COMMITTEE_POSTS:
                self.committee[org_id].add(person_id)
            if post in GENERAL_BRANCH_LEADERS:
                self.general_leaders[org_id].add(person_id)
            if org_id in department_ids:
                self.org_department.add(person_id)

    def general_branch_of(self, org_id):
        """The nearest 党总支 at or above the organization (None when there is none)."""
        path, _ = self.orgs.get(org_id, ("", None))
        for end in range(len(path), 0, -self.steplen):
            found = self.by_path.get(path[:end])
            if found and found[1] == OrgType.GENERAL_BRANCH:
                return found[0]
        return None

    def people_for(self, item) -> set:
        """Person ids the item is addressed to (dissolved organizations get nobody but the named person)."""
        people = set()
        org_id = item.organization_id
        for role in item.recipients:
            if role == contract.SECRETARY:
                people |= self.secretaries.get(org_id, set())
            elif role == contract.COMMITTEE:
                people |= self.committee.get(org_id, set())
            elif role == contract.PARENT_SECRETARY:
                general = self.general_branch_of(org_id)
                # no 党总支 above (a branch directly under the school committee): 组织部 supervises it
                people |= self.general_leaders.get(general, set()) if general else self.org_department
            elif role == contract.ORG_DEPARTMENT:
                people |= self.org_department
            elif role == contract.PERSON and item.person_id:
                people.add(item.person_id)
        return people
