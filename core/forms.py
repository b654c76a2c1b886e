"""Form base: foreign-key choices restricted to the user's scope, Tabler widget classes."""

from django import forms


def style_form(form):
    """Tabler classes on every widget (model forms, plain forms and filter-set forms alike)."""
    StyledMixin.style_fields(form)
    return form


class StyledMixin:
    def style_fields(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"


class ScopedModelForm(StyledMixin, forms.ModelForm):
    """Choices for every related field come from ``restrict(user, scope_action)``."""

    scope_action = "change"

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict") and user is not None:
                field.queryset = queryset.restrict(user, self.scope_action)
        self.style_fields()


class PlainForm(StyledMixin, forms.Form):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.style_fields()


class UploadForm(PlainForm):
    file = forms.FileField(label="Excel 文件（.xlsx）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm")):
            raise forms.ValidationError("请上传 .xlsx 格式的 Excel 文件。")
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("文件超过 20 MB。")
        return upload
