"""Generic views: every page goes through ScopedMixin (no right → 403, out of scope → 404)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from core.audit import history_for
from core.exporting import export_table
from core.forms import style_form
from core.scoping import get_scope, scope_module
from core.services import delete_object

PAGE_SIZES = (25, 50, 100)


class ScopedMixin:
    """Checks the module right first (403), then serves only rows inside the user's scope (404)."""

    model = None
    action = "view"

    def dispatch(self, request, *args, **kwargs):
        self.scope = get_scope(request.user)
        if not self.scope.allows(scope_module(self.model), self.action, self.model):
            raise PermissionDenied("您没有访问该模块的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, self.action)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def can(self, action, model=None):
        model = model or self.model
        return self.scope.allows(scope_module(model), action, model)


def add_form_errors(form, exc: ValidationError):
    """Copy a service's ValidationError onto the form (field errors where they name a field)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ObjectListView(ScopedMixin, View):
    """Search, filters, sorting, pagination and .xlsx/CSV export of one model's in-scope rows."""

    filterset_class = None
    table_class = None
    template_name = "core/object_list.html"
    title = ""
    default_ordering = None
    export_title = None
    actions = ("add", "export", "import")
    import_url_name = None

    def base_queryset(self):
        return self.get_queryset()

    def get(self, request, *args, **kwargs):
        queryset = self.base_queryset()
        filterset = self.filterset_class(request.GET or None, queryset=queryset, request=request)
        style_form(filterset.form)
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
        table = self.table_class()
        sort = request.GET.get("sort", "")
        field = table.orderings().get(sort.lstrip("-"))
        if field:
            queryset = queryset.order_by(("-" if sort.startswith("-") else "") + field, "pk")
        elif self.default_ordering:
            queryset = queryset.order_by(*self.default_ordering)
        fmt = request.GET.get("export")
        if fmt in ("xlsx", "csv"):
            return export_table(table, self.prepare_rows(queryset), self.export_title or self.title, fmt)
        try:
            per_page = int(request.GET.get("per_page", 50))
        except ValueError:
            per_page = 50
        per_page = per_page if per_page in PAGE_SIZES else 50
        page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "title": self.title,
            "filterset": filterset,
            "table": table,
            "rows": table.rows(self.prepare_rows(page.object_list)),
            "page": page,
            "sort": sort,
            "query": query.urlencode(),
            "add_url": self._url("_add") if "add" in self.actions and self.can("add") else "",
            "import_url": reverse(self.import_url_name) if self.import_url_name and self.can("add") else "",
            "export": "export" in self.actions,
            "filtered": bool(
                filterset.is_bound
                and any(v for k, v in request.GET.items() if k not in ("page", "sort", "per_page"))
            ),
        }
        context.update(self.extra_context(request))
        template = (
            "core/object_list_table.html" if request.htmx and not request.htmx.boosted else self.template_name
        )
        return render(request, template, context)

    def extra_context(self, request):
        return {}

    def prepare_rows(self, objects):
        """Hook: decorate the rows of one page (or of the export) in a constant number of queries."""
        return objects

    def _url(self, suffix):
        try:
            return reverse(self.model.url_name(suffix))
        except Exception:
            return ""


class ObjectView(ScopedMixin, View):
    """One object's page; templates get ``object`` and the tabs."""

    template_name = None

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        context = {"object": obj, "title": str(obj), "tab": "main"}
        context.update(self.get_extra_context(request, obj))
        return render(
            request,
            self.template_name or f"{self.model._meta.app_label}/{self.model._meta.model_name}.html",
            context,
        )

    def get_extra_context(self, request, obj):
        return {}


class ObjectChangelogView(ObjectView):
    """The 变更记录 tab of any object."""

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        entries, events = history_for(obj)
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        return render(
            request,
            "core/object_changelog.html",
            {"object": obj, "title": str(obj), "tab": "changelog", "page": page, "events": events[:100]},
        )


class ObjectEditView(ScopedMixin, View):
    """Create (no pk) or edit; the save goes through ``save()`` (the app's service)."""

    form_class = None
    template_name = "core/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = "change" if "pk" in kwargs else "add"
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        if "pk" in self.kwargs:
            return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self.model()

    def get_form(self, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj, user=self.request.user, initial=self.get_initial())

    def get_initial(self):
        return {k: v for k, v in self.request.GET.items()}

    def save(self, form):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.render(obj, self.get_form(obj))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.get_form(obj, request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    saved = self.save(form)
            except ValidationError as exc:
                add_form_errors(form, exc)
            else:
                messages.success(request, f"已保存：{saved}")
                return redirect(request.GET.get("next") or saved.get_absolute_url())
        return self.render(obj, form, status=400)

    def render(self, obj, form, status=200):
        verbose = self.model._meta.verbose_name
        title = f"编辑{verbose}：{obj}" if obj.pk else f"新建{verbose}"
        return render(
            self.request, self.template_name, {"object": obj, "form": form, "title": title}, status=status
        )


class ObjectDeleteView(ScopedMixin, View):
    action = "delete"
    template_name = "core/object_delete.html"
    success_url_name = None

    def delete(self, obj):
        delete_object(obj, self.request.user)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        return render(request, self.template_name, {"object": obj, "title": f"删除：{obj}"})

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        label = str(obj)
        try:
            self.delete(obj)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect(obj.get_absolute_url())
        messages.success(request, f"已删除：{label}")
        return redirect(reverse(self.success_url_name or self.model.url_name("_list")))


class ImportView(ScopedMixin, View):
    """Upload → preview (every bad row with sheet, row, column, reason) → confirm → all-or-nothing."""

    action = "add"
    importer_class = None
    template_name = "core/import.html"
    success_url_name = None

    def importer(self):
        return self.importer_class(user=self.request.user)

    def _path(self, token):
        from pathlib import Path

        from django.conf import settings

        folder = Path(settings.MEDIA_ROOT) / "imports"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{token}.xlsx"

    def get(self, request, *args, **kwargs):
        from core.forms import UploadForm

        importer = self.importer()
        if request.GET.get("template"):
            from core.exporting import XLSX_TYPE, file_response, workbook_bytes

            header = importer.template_columns or [c.label for c in importer.columns]
            return file_response(
                workbook_bytes([(importer.title, header, [])]), f"{importer.title}模板.xlsx", XLSX_TYPE
            )
        return render(
            request, self.template_name, {"title": importer.title, "form": UploadForm(), "importer": importer}
        )

    def post(self, request, *args, **kwargs):
        import uuid

        from core.forms import UploadForm
        from core.importing import ImportFileError

        importer = self.importer()
        token = request.POST.get("token", "")
        if token:
            if token != request.session.get("import_token"):
                raise PermissionDenied("导入凭据无效，请重新上传。")
            path = self._path(token)
            if not path.exists():
                messages.error(request, "上传的文件已失效，请重新上传。")
                return redirect(request.path)
            result = importer.run(path, commit=True)
            if result.committed:
                path.unlink(missing_ok=True)
                request.session.pop("import_token", None)
                messages.success(request, f"导入完成：写入 {result.written} 条记录。")
                return redirect(reverse(self.success_url_name) if self.success_url_name else request.path)
            return render(
                request,
                self.template_name,
                {"title": importer.title, "importer": importer, "result": result, "token": token},
            )
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(
                request,
                self.template_name,
                {"title": importer.title, "form": form, "importer": importer},
                status=400,
            )
        token = uuid.uuid4().hex
        path = self._path(token)
        with path.open("wb") as fh:
            for chunk in form.cleaned_data["file"].chunks():
                fh.write(chunk)
        try:
            result = importer.run(path, commit=False)
        except ImportFileError as exc:
            path.unlink(missing_ok=True)
            form.add_error("file", str(exc))
            return render(
                request,
                self.template_name,
                {"title": importer.title, "form": form, "importer": importer},
                status=400,
            )
        request.session["import_token"] = token
        return render(
            request,
            self.template_name,
            {
                "title": importer.title,
                "importer": importer,
                "result": result,
                "token": token if result.ok else "",
            },
        )
