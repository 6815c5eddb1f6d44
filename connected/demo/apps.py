from django.apps import AppConfig


class DemoConfig(AppConfig):
    """An app only so that Django finds `manage.py demo`; it has no models."""

    name = "connected.demo"
    label = "demo"
