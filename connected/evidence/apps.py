from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "connected.evidence"
    label = "evidence"
    verbose_name = "Evidence"
