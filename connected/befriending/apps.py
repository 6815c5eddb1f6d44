from django.apps import AppConfig


class BefriendingConfig(AppConfig):
    name = "connected.befriending"
    verbose_name = "Befriending"
    default_auto_field = "django.db.models.BigAutoField"
