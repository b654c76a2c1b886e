from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "账号"
    menu = [("账号", "accounts:user_list", "accounts.user")]
