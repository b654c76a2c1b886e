import datetime as dt

import pytest

from core.testing.views import APIViewTestCases, ViewTestCases
from core.testing.world import person
from members import idnumber
from members.models import Person

VALID_ID = idnumber.make("140902", dt.date(1990, 5, 17), 123)


class TestPersonViews(ViewTestCases, APIViewTestCases):
    model = Person
    api_basename = "person"

    def make(self, world, org_key):
        return person(f"人员{Person.objects.count()}", world.orgs[org_key])

    def form_data(self, world):
        return {
            "name": "新同志",
            "gender": "F",
            "ethnicity": "汉族",
            "birth_date": "1990-05-17",
            "id_number": VALID_ID,
            "category": "staff",
            "organization": world.a1,
            "political_status": "full_member",
            "staff_no": "T900",
        }

    def api_create_data(self, world):
        return {
            "name": "接口新人",
            "gender": "M",
            "organization": world.a1.pk,
            "category": "student",
            "id_number": idnumber.make("140902", dt.date(2004, 1, 2), 11),
        }


def test_id_number_masked_for_committee_member_full_for_secretary(world):
    target = person("张三", world.a1)
    from members.services import save_person

    save_person(target, None, id_number=VALID_ID)
    masked = idnumber.mask(VALID_ID)
    assert masked == f"{VALID_ID[:4]}**********{VALID_ID[-4:]}"
    body = world.client("committee_a1").get(target.get_absolute_url()).content.decode()
    assert masked in body and VALID_ID not in body
    body = world.client("secretary_a1").get(target.get_absolute_url()).content.decode()
    assert VALID_ID in body
    api = world.client("committee_a1").get(f"/api/people/{target.pk}/").json()
    assert api["id_number_display"] == masked and "id_number" not in api


def test_form_rejects_bad_checksum_and_mismatched_birth_date(world):
    client = world.client("secretary_a1")
    data = TestPersonViews().form_data(world)
    bad = VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1")
    response = client.post("/members/people/add/", {**data, "organization": world.a1.pk, "id_number": bad})
    assert response.status_code == 400 and "校验位错误" in response.content.decode()
    response = client.post(
        "/members/people/add/", {**data, "organization": world.a1.pk, "birth_date": "1990-05-18"}
    )
    assert "不一致" in response.content.decode()
    assert not Person.objects.filter(name="新同志").exists()


def test_duplicate_id_number_refused(world):
    from django.core.exceptions import ValidationError

    from members.services import save_person

    save_person(person("甲", world.a1), None, id_number=VALID_ID)
    with pytest.raises(ValidationError, match="已登记"):
        save_person(person("乙", world.a1), None, id_number=VALID_ID)


def test_secretary_cannot_create_person_outside_scope(world):
    data = TestPersonViews().form_data(world)
    response = world.client("secretary_a1").post(
        "/members/people/add/", {**data, "organization": world.b1.pk}
    )
    assert response.status_code == 400
    assert not Person.objects.filter(name="新同志").exists()


def test_member_sees_only_own_record(world):
    client = world.client("member_a1")
    own = world.people["member_a1"]
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(world.people["secretary_a1"].get_absolute_url()).status_code == 404
    assert client.get(f"/orgs/organizations/{world.a1.pk}/").status_code == 403
    ids = [row["id"] for row in client.get("/api/people/").json()["results"]]
    assert ids == [own.pk]


def test_list_export_xlsx_is_scoped(world):
    import io

    from openpyxl import load_workbook

    response = world.client("secretary_a1").get("/members/people/", {"export": "xlsx"})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    names = {row[0] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert world.people["member_a1"].name in names and world.people["member_b1"].name not in names


def test_login_by_staff_no_and_phone(world, client):
    target = world.people["member_a1"]
    target.phone = "13812345678"
    target.save()
    for login in ("member_a1", "S-member_a1", "13812345678"):
        response = client.post("/accounts/login/", {"username": login, "password": "pw-test-123"})
        assert response.status_code == 302, login
        client.post("/accounts/logout/")
