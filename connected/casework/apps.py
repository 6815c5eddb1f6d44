from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "connected.casework"
    label = "casework"
