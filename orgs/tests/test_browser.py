import pytest
from django.core.management import call_command

from core.testing.browser import login, screenshot
from orgs.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_general_branch_secretary_sees_only_own_subtree(live_server, page):
    call_command("load_demo", small=True, verbosity=0)
    login(page, live_server, "zongzhi", "demo12345")
    assert "/accounts/login" not in page.url
    page.goto(f"{live_server.url}/orgs/tree/")
    own = Organization.objects.get(code="ZW")
    page.wait_for_selector(f"li[data-org='{own.pk}'] #children-{own.pk} li")  # first level expands by itself
    tree = page.inner_text("#tree")
    assert own.name in tree
    assert "中文系教工第一党支部" in tree
    assert "数学系" not in tree and "组织部" not in tree
    shot = screenshot(page, "tree-zongzhi")
    assert shot.stat().st_size > 10_000
    response = page.goto(f"{live_server.url}/orgs/organizations/{Organization.objects.get(code='SX').pk}/")
    assert response.status == 404
