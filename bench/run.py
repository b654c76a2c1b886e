#!/usr/bin/env python
"""Run the benchmarks under bench/ and print each figure with its ratio to a reference measured in the same run.

Each ``bench/bench_*.py`` defines ``run(args) -> list[Result]``. A benchmark that needs PostgreSQL
says so and is skipped with the reason when none answers. Usage:

    python bench/run.py [--only NAME] [--scale school|province]
"""

import argparse
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangjian.settings")

from bench.common import SkipBenchmark  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="run only benchmarks whose file name contains this")
    parser.add_argument("--scale", default="school", choices=["school", "province"])
    args = parser.parse_args()
    files = sorted((ROOT / "bench").glob("bench_*.py"))
    if args.only:
        files = [f for f in files if args.only in f.name]
    if not files:
        print("没有找到基准测试（bench/bench_*.py）")
        return 1
    for path in files:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {path.stem}: {module.__doc__.strip().splitlines()[0] if module.__doc__ else ''}")
        try:
            for result in module.run(args):
                print(result.line(), flush=True)
        except SkipBenchmark as skip:
            print(f"   skipped: {skip}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
