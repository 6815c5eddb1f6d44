from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "connected.measures"
    label = "measures"
