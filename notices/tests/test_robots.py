import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core import reminders as contract
from notices.delivery import robot_payload
from notices.engine import run_daily_pass
from notices.models import Delivery, RobotWebhook
from notices.tests.conftest import TERM_DAYS_BEFORE, register_term_rule, set_term_end

EXPIRY = dt.date(2027, 6, 30)
FIRST_DAY = EXPIRY - dt.timedelta(days=TERM_DAYS_BEFORE)


@pytest.fixture
def robot_server():
    """A local HTTP server answering like a WeCom/DingTalk robot; records every POST."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(
                {
                    "path": self.path,
                    "type": self.headers["Content-Type"],
                    "json": json.loads(body.decode("utf-8")),
                }
            )
            answer = b'{"errcode": 0, "errmsg": "ok"}'
            if self.path.startswith("/bad"):
                answer = b'{"errcode": 93000, "errmsg": "invalid webhook url"}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def test_wecom_robot_gets_one_markdown_post_per_day(world, rules, robot_server):
    base, received = robot_server
    register_term_rule(recipients=(contract.SECRETARY, contract.PARENT_SECRETARY))
    set_term_end(world.a1, EXPIRY)
    set_term_end(world.b1, EXPIRY)
    RobotWebhook.objects.create(
        organization=world.a, name="A系党务群", webhook_url=f"{base}/cgi-bin/webhook/send?key=k"
    )
    run_daily_pass(FIRST_DAY)
    run_daily_pass(FIRST_DAY)  # a second run posts nothing more
    assert len(received) == 1
    post = received[0]
    assert post["path"] == "/cgi-bin/webhook/send?key=k"
    assert post["type"].startswith("application/json")
    payload = post["json"]
    assert payload["msgtype"] == "markdown" and set(payload["markdown"]) == {"content"}
    content = payload["markdown"]["content"]
    assert "A系教工第一党支部" in content and "B系" not in content  # only the robot's subtree
    assert content.count("\n- ") == 1  # one line per item, not one per recipient
    assert Delivery.objects.get(webhook__isnull=False).status == "sent"


def test_dingtalk_payload_and_failure_is_recorded_and_retried(world, rules, robot_server):
    base, received = robot_server
    register_term_rule()
    set_term_end(world.a1, EXPIRY)
    robot = RobotWebhook.objects.create(
        organization=world.a1, name="钉钉群", flavor="dingtalk", webhook_url=f"{base}/bad/robot/send"
    )
    run_daily_pass(FIRST_DAY)
    delivery = Delivery.objects.get(webhook=robot)
    assert delivery.status == "failed" and "93000" in delivery.error
    RobotWebhook.objects.filter(pk=robot.pk).update(webhook_url=f"{base}/robot/send?access_token=t")
    run_daily_pass(FIRST_DAY)
    assert len(received) == 2
    payload = received[1]["json"]
    assert payload["msgtype"] == "markdown" and payload["markdown"]["title"].startswith("A系教工第一党支部")
    assert "任期将于" in payload["markdown"]["text"]
    assert Delivery.objects.get(webhook=robot).status == "sent"


def test_robot_payload_formats():
    wecom = robot_payload("wecom", "标题", ["- 一"])
    ding = robot_payload("dingtalk", "标题", ["- 一"])
    assert wecom == {"msgtype": "markdown", "markdown": {"content": "### 标题\n- 一"}}
    assert ding == {"msgtype": "markdown", "markdown": {"title": "标题", "text": "### 标题\n- 一"}}


def test_robot_test_button_posts(world, robot_server):
    base, received = robot_server
    robot = RobotWebhook.objects.create(organization=world.a1, name="群", webhook_url=f"{base}/hook")
    response = world.client("secretary_a1").post(f"/notices/robots/{robot.pk}/test/")
    assert response.status_code == 302 and len(received) == 1
    assert world.client("secretary_b1").post(f"/notices/robots/{robot.pk}/test/").status_code == 404
