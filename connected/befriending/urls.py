"""URLs of the befriending module."""

from django.urls import path  # noqa: F401

app_name = "befriending"
urlpatterns: list = []
