import pytest

from core.testing.browser import browser, page  # noqa: F401  (fixtures for @pytest.mark.browser tests)


@pytest.fixture
def world(db):
    """Org A with branch A1 (and group A1-G), sibling B with B1, and a user per role (see core/testing/world.py)."""
    from core.testing.world import build_world

    return build_world()
