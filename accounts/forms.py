from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from accounts.models import MODULE_CHOICES, RoleGrant, User
from core.forms import ScopedModelForm, StyledMixin
from core.scoping import ACTIONS

ACTION_LABELS = {
    "view": "查看",
    "add": "新建",
    "change": "修改",
    "delete": "删除",
    "sensitive": "查看敏感信息",
}


class LoginForm(StyledMixin, AuthenticationForm):
    username = forms.CharField(label="账号 / 工号 / 学号 / 手机号", max_length=150)
    error_messages = {
        "invalid_login": "账号或密码不正确。连续失败多次后账号将被暂时锁定。",
        "inactive": "该账号已停用。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "密码"
        self.style_fields()


class UserForm(ScopedModelForm):
    password = forms.CharField(
        label="新密码",
        widget=forms.PasswordInput,
        required=False,
        help_text="新建账号时必填；编辑时留空则不修改",
    )

    class Meta:
        model = User
        fields = ["username", "person", "email", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].required = True
        self.fields["person"].queryset = self.fields["person"].queryset.select_related("organization")
        self.fields["username"].help_text = "也可以用工号/学号或手机号登录"

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if not password and not self.instance.pk:
            raise forms.ValidationError("请设置初始密码。")
        if password:
            password_validation.validate_password(password, self.instance)
        return password


class RoleGrantForm(ScopedModelForm):
    modules = forms.MultipleChoiceField(
        label="模块（不选为全部）",
        choices=MODULE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions = forms.MultipleChoiceField(
        label="操作", choices=[(a, ACTION_LABELS[a]) for a in ACTIONS], widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = RoleGrant
        fields = ["user", "organization", "modules", "actions", "valid_until", "reason"]
        widgets = {"valid_until": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("modules", "actions"):
            self.fields[name].widget.attrs = {}
