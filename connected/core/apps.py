from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "connected.core"
    label = "core"
