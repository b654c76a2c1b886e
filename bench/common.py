"""Helpers for benchmarks: a throw-away database (SQLite file or a PostgreSQL database) set up with migrations."""

import os
import tempfile
import time
from dataclasses import dataclass


class SkipBenchmark(Exception):
    """Raised with the reason when a benchmark cannot run here (e.g. no PostgreSQL)."""


@dataclass
class Result:
    name: str
    seconds: float
    reference_name: str
    reference_seconds: float
    note: str = ""

    def line(self):
        ratio = self.seconds / self.reference_seconds if self.reference_seconds else float("nan")
        return f"{self.name:<48} {self.seconds:9.3f} s   reference ({self.reference_name}) {self.reference_seconds:8.3f} s   ratio {ratio:7.2f}   {self.note}"


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def setup_django(database_url=None):
    """Point Django at a fresh database (default: a temporary SQLite file), migrate it, return its URL."""
    if database_url is None:
        database_url = f"sqlite:///{tempfile.mkdtemp(prefix='bench-')}/bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return database_url


def postgres_url(name="dangjian_bench"):
    """A fresh PostgreSQL database for a benchmark, or raise SkipBenchmark with the reason."""
    import psycopg

    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # noqa: BLE001
        raise SkipBenchmark(f"PostgreSQL 不可用（{base}）：{exc}") from exc
    return f"{base}/{name}"
