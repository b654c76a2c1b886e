from django.core.management.base import BaseCommand

from accounts.demo import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "打印演示账号"

    def handle(self, *args, **options):
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, description in DEMO_LOGINS:
            self.stdout.write(f"  {username:<10} {description}")
        self.stdout.write("\n打开 http://127.0.0.1:8000 登录。\n")
