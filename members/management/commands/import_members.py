"""python manage.py import_members FILE [--commit]: preview a 花名册, or import it all-or-nothing."""

from django.core.management.base import BaseCommand, CommandError

from core.importing import ImportFileError
from members.importers import PersonImporter


class Command(BaseCommand):
    help = "导入人员花名册（.xlsx）：默认只预览（不写入）；加 --commit 全部写入或全部不写入。有错误时退出码为 1。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="花名册 .xlsx 文件")
        parser.add_argument("--commit", action="store_true", help="没有错误时写入数据库")

    def handle(self, *args, file, commit, **options):
        try:
            result = PersonImporter(user=None).run(file, commit=commit)
        except (ImportFileError, FileNotFoundError) as exc:
            raise CommandError(str(exc), returncode=1) from exc
        ok_rows = len(result.rows) - len({(e.sheet, e.row) for e in result.errors if e.row})
        self.stdout.write(f"数据行 {len(result.rows)}，无错误 {ok_rows}，错误 {len(result.errors)}")
        for error in result.errors:
            self.stdout.write(f"  {error}")
        if result.errors:
            raise CommandError("有错误，未写入任何数据。" if commit else "有错误。", returncode=1)
        if result.committed:
            self.stdout.write(self.style.SUCCESS(f"已写入 {result.written} 条记录。"))
        else:
            self.stdout.write("预览完成，未写入（加 --commit 写入）。")
