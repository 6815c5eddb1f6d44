from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "connected.directory"
    label = "directory"
