from django.apps import AppConfig


class BefriendingConfig(AppConfig):
    name = "connected.befriending"
    verbose_name = "Befriending"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import erasure  # noqa: F401 - connects the receiver that clears befriending text on erasure
