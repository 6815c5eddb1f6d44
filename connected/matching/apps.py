from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "connected.matching"
    verbose_name = "Matching: suggestions of activities"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from connected.directory.search.signals import index_refreshed

        from .vectors import on_index_refreshed

        index_refreshed.connect(on_index_refreshed, dispatch_uid="matching-vectors")
