from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "connected.policy"
    verbose_name = "Policy: Loneliness Test and commitments"
    default_auto_field = "django.db.models.BigAutoField"
