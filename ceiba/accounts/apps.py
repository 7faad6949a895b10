from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ceiba.accounts"
    label = "accounts"
