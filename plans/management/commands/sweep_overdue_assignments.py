"""python manage.py sweep_overdue_assignments [--on YYYY-MM-DD] — mark (and clear) 已逾期 by PLAN-OVERDUE."""

from django.core.management.base import BaseCommand, CommandError

from core.parsing import parse_date
from plans.services import sweep_overdue


class Command(BaseCommand):
    help = "按 PLAN-OVERDUE 规则标记逾期的任务落实（补报通过后解除逾期）；建议每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--on", default="", help="按哪一天计算（默认今天）")

    def handle(self, *args, on="", **options):
        try:
            day = parse_date(on) if on else None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        changed = sweep_overdue(day)
        self.stdout.write(f"状态变化 {changed} 条。")
