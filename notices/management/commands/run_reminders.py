"""Run the daily reminder pass by hand and print what it sends (or, with --dry-run, would send)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from notices.engine import run_daily_pass


class Command(BaseCommand):
    help = "执行每日提醒：评估全部提醒规则，更新站内信，发送每日摘要与群机器人消息"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天执行（YYYY-MM-DD，默认今天）")
        parser.add_argument("--dry-run", action="store_true", help="只列出将要发送的内容，不写入、不发送")
        parser.add_argument("--rule", action="append", dest="rules", help="只执行指定规则（可重复）")

    def handle(self, *args, date=None, dry_run=False, rules=None, **options):
        try:
            on = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError("日期格式应为 YYYY-MM-DD")
        result = run_daily_pass(on, dry_run=dry_run, rule_ids=set(rules) if rules else None)
        verb = "将" if dry_run else "已"
        for person_id, title in result.created:
            self.stdout.write(f"  {verb}新增提醒 → 人员#{person_id}：{title}")
        for person_id, title in result.withdrawn:
            self.stdout.write(f"  {verb}撤回（已办结）→ 人员#{person_id}：{title}")
        for name, address, count in result.digests:
            self.stdout.write(f"  {verb}发送摘要邮件 → {name}（{address}）：{count} 项")
        for name, count, ok in result.robots:
            self.stdout.write(f"  {verb}推送群机器人 → {name}：{count} 项{'' if ok else '（失败）'}")
        self.stdout.write(self.style.SUCCESS(result.summary()))
