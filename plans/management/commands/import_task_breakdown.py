"""python manage.py import_task_breakdown FILE [--json] [--commit --plan-title "…"]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.importing import ImportFileError
from orgs.models import Organization
from plans.importers import TaskBreakdownImporter, parsed_rows


class Command(BaseCommand):
    help = "读取任务分解表（Word/Excel）：--json 输出解析结果（不写入）；--commit 全部写入或全部不写入。"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出解析出的任务，不写入")
        parser.add_argument("--commit", action="store_true", help="写入数据库（有任何错误则不写入）")
        parser.add_argument("--plan-title", default="", help="计划名称（默认取自文件）")
        parser.add_argument("--org", default="", help="下达单位的党组织编码（默认按发文单位匹配）")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        organization = None
        if opts["org"]:
            organization = Organization.objects.filter(code=opts["org"]).first()
            if organization is None:
                raise CommandError(f"找不到编码为 {opts['org']} 的党组织")
        importer = TaskBreakdownImporter(plan_title=opts["plan_title"], organization=organization)
        try:
            result = importer.run(path, commit=opts["commit"])
        except ImportFileError as exc:
            raise CommandError(f"{path.name}：{exc}") from None
        if not result.ok:
            raise CommandError(
                f"{path.name} 有 {len(result.errors)} 处错误，未写入任何数据：\n"
                + "\n".join(str(e) for e in result.errors)
            )
        if opts["json"]:
            self.stdout.write(json.dumps(parsed_rows(result), ensure_ascii=False, indent=2))
        for warning in importer.warnings:
            self.stderr.write(f"提示：{warning}")
        if result.committed:
            self.stderr.write(f"已导入计划“{importer.plan}”：{result.written} 项任务。")
        elif not opts["json"]:
            self.stdout.write(f"检查通过：{len(result.rows)} 项任务（未写入；加 --commit 写入）。")
