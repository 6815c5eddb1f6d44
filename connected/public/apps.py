from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "connected.public"
    label = "public"
