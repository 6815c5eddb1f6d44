from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "connected.matching"
    verbose_name = "Matching: suggestions of activities"
    default_auto_field = "django.db.models.BigAutoField"
