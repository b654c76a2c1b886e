"""Load the demo school: every app's ``demo.py`` (in INSTALLED_APPS order) adds its part. Idempotent."""

import random
import time
from importlib import import_module

from auditlog.context import disable_auditlog
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "载入演示学校（组织、人员、职务、账号及各模块的示例数据）；已载入的部分不会重复"

    def add_arguments(self, parser):
        parser.add_argument("--small", action="store_true", help="小规模（测试用）：3 个系、约 200 人")
        parser.add_argument("--seed", type=int, default=20230628)

    def handle(self, *args, small=False, seed=20230628, **options):
        ctx = {"rng": random.Random(seed), "small": small, "log": lambda msg: self.stdout.write(msg)}
        started = time.monotonic()
        with disable_auditlog(), transaction.atomic():
            for config in apps.get_app_configs():
                if module_has_submodule(config.module, "demo"):
                    module = import_module(f"{config.name}.demo")
                    t = time.monotonic()
                    module.load(ctx)
                    self.stdout.write(f"  {config.verbose_name}：完成（{time.monotonic() - t:.1f} 秒）")
        self.stdout.write(self.style.SUCCESS(f"演示数据就绪（{time.monotonic() - started:.1f} 秒）"))
