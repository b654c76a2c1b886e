"""Test mixins: a model's test class declares ``model``, ``make()`` and ``form_data()``; these tests come with it.

Each checks: no role → 403; in scope → works and writes one change-log entry; out of scope →
404 and nothing changed; lists show only in-scope rows. The meta-test in core/tests fails when a
routed model has no such test class.
"""

import json

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.urls import NoReverseMatch, reverse


def log_count(model):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model)).count()


def url_or_none(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def as_post_data(data):
    out = {}
    for key, value in data.items():
        if value is None:
            out[key] = ""
        elif isinstance(value, bool):
            if value:
                out[key] = "on"
        elif hasattr(value, "pk"):
            out[key] = value.pk
        elif isinstance(value, list | tuple):
            out[key] = [getattr(v, "pk", v) for v in value]
        else:
            out[key] = value
    return out


class ViewTestCases:
    model = None
    in_scope_role = "secretary_a1"
    no_role = "nobody"
    in_org, out_org = "a1", "b1"

    # --- what a test class declares ------------------------------------------
    def make(self, world, org_key):
        """Create one instance belonging to ``world.orgs[org_key]``."""
        raise NotImplementedError

    def form_data(self, world):
        """POST data creating an instance inside A1 (None: the model has no add page)."""
        return None

    def edit_args(self, obj):
        """URL arguments of the edit page (a few pages are keyed by something else than the pk)."""
        return [obj.pk]

    # --- helpers ---------------------------------------------------------------
    def name(self, suffix=""):
        return f"{self.model._meta.app_label}:{self.model._meta.model_name}{suffix}"

    # --- tests -------------------------------------------------------------------
    def test_list_without_role_is_403(self, world):
        url = url_or_none(self.name("_list"))
        if url is None:
            return
        assert world.client(self.no_role).get(url).status_code == 403

    def test_list_shows_only_in_scope_rows(self, world):
        url = url_or_none(self.name("_list"))
        inside, outside = self.make(world, self.in_org), self.make(world, self.out_org)
        if url is None:
            return
        response = world.client(self.in_scope_role).get(url, {"per_page": 100})
        assert response.status_code == 200
        body = response.content.decode()
        assert inside.get_absolute_url() in body
        assert outside.get_absolute_url() not in body

    def test_detail_in_scope_200_out_of_scope_404(self, world):
        inside, outside = self.make(world, self.in_org), self.make(world, self.out_org)
        client = world.client(self.in_scope_role)
        assert client.get(inside.get_absolute_url()).status_code == 200
        assert client.get(outside.get_absolute_url()).status_code == 404
        assert world.client(self.no_role).get(inside.get_absolute_url()).status_code in (403, 404)

    def test_create_in_scope_writes_one_log_entry(self, world):
        data = self.form_data(world)
        url = url_or_none(self.name("_add"))
        if data is None or url is None:
            return
        before_rows, before_log = self.model.objects.count(), log_count(self.model)
        response = world.client(self.in_scope_role).post(url, as_post_data(data))
        assert response.status_code == 302, response.content.decode()[-3000:]
        assert self.model.objects.count() == before_rows + 1
        assert log_count(self.model) == before_log + 1

    def test_edit_out_of_scope_is_404_and_changes_nothing(self, world):
        outside = self.make(world, self.out_org)
        url = url_or_none(self.name("_edit"), *self.edit_args(outside))
        if url is None:
            return
        snapshot = model_to_dict(outside)
        before_log = log_count(self.model)
        client = world.client(self.in_scope_role)
        assert client.get(url).status_code == 404
        data = self.form_data(world) or {}
        assert client.post(url, as_post_data(data)).status_code == 404
        outside.refresh_from_db()
        assert model_to_dict(outside) == snapshot
        assert log_count(self.model) == before_log

    def test_delete_out_of_scope_is_404(self, world):
        outside = self.make(world, self.out_org)
        url = url_or_none(self.name("_delete"), outside.pk)
        if url is None:
            return
        assert world.client(self.in_scope_role).post(url).status_code == 404
        assert self.model.objects.filter(pk=outside.pk).exists()


class APIViewTestCases:
    """Same checks through the API: ``api_basename`` and ``api_create_data()``."""

    model = None
    api_basename = None
    in_scope_role = "secretary_a1"
    no_role = "nobody"
    in_org, out_org = "a1", "b1"

    def make(self, world, org_key):
        raise NotImplementedError

    def api_create_data(self, world):
        return None

    def test_api_list_only_in_scope(self, world):
        inside, outside = self.make(world, self.in_org), self.make(world, self.out_org)
        client = world.client(self.in_scope_role)
        response = client.get(reverse(f"api:{self.api_basename}-list"), {"page_size": 1000})
        assert response.status_code == 200
        ids = {row["id"] for row in response.json()["results"]}
        assert inside.pk in ids and outside.pk not in ids
        assert world.client(self.no_role).get(reverse(f"api:{self.api_basename}-list")).status_code == 403

    def test_api_detail_out_of_scope_404(self, world):
        outside = self.make(world, self.out_org)
        client = world.client(self.in_scope_role)
        assert client.get(reverse(f"api:{self.api_basename}-detail", args=[outside.pk])).status_code == 404
        response = client.patch(
            reverse(f"api:{self.api_basename}-detail", args=[outside.pk]),
            data=json.dumps({}),
            content_type="application/json",
        )
        assert response.status_code in (404, 405)

    def test_api_create_writes_one_log_entry(self, world):
        data = self.api_create_data(world)
        if data is None:
            return
        before = log_count(self.model)
        response = world.client(self.in_scope_role).post(
            reverse(f"api:{self.api_basename}-list"), data=json.dumps(data), content_type="application/json"
        )
        assert response.status_code == 201, response.content
        assert log_count(self.model) == before + 1
