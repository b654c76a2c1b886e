"""Pages run the same number of SQL queries with 100 and with 2,000 people."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Person


def add_people(org, n, start=0):
    Person.objects.bulk_create(
        [
            Person(
                name=f"批量{start + i}",
                gender="M",
                organization=org,
                political_status="full_member",
                staff_no=f"Q{start + i}",
            )
            for i in range(n)
        ]
    )


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["tree", "tree_children", "people", "person", "org"])
def test_same_queries_for_100_and_2000_people(world, page):
    client = world.client("zzb")
    first = Person.objects.filter(organization=world.a1).first()
    urls = {
        "tree": "/orgs/tree/",
        "tree_children": f"/orgs/tree/{world.a.pk}/children/",
        "people": "/members/people/?per_page=100",
        "person": f"/members/people/{first.pk}/",
        "org": f"/orgs/organizations/{world.a1.pk}/",
    }
    add_people(world.a1, 100)
    small = queries(client, urls[page])
    add_people(world.b1, 1900, start=100)
    assert Person.objects.count() > 2000
    assert queries(client, urls[page]) == small
