from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "connected.areas"
    verbose_name = "Areas: loneliness risk and unmet need"
    default_auto_field = "django.db.models.BigAutoField"
