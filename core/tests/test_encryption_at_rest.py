"""The demo's ID numbers never appear in the SQLite file in plain text (tables, change log, WAL)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("load_demo", small=True, verbosity=0)
from members.models import Person
from members.services import save_person
from members import idnumber
import datetime as dt
p = Person.objects.order_by("pk").first()
# an edit through the service writes the change log too
save_person(p, None, id_number=idnumber.make("140902", p.birth_date or dt.date(1990, 1, 1), 777))
from django.db import connection
connection.close()
print(json.dumps([x.id_number for x in Person.objects.exclude(id_number_cipher="")]))
"""


def test_demo_id_numbers_not_in_sqlite_file(tmp_path):
    env = {
        **os.environ,
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "dangjian.settings",
    }
    env.pop("REDIS_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    numbers = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(numbers) > 100
    blob = b"".join(p.read_bytes() for p in Path(tmp_path).glob("db.sqlite3*"))
    assert len(blob) > 100_000
    leaked = [n for n in numbers if n.encode() in blob or n.encode("utf-16-le") in blob]
    assert not leaked, f"{len(leaked)} ID numbers stored in plain text"
