"""URLs of the matching module."""

from django.urls import path  # noqa: F401

app_name = "matching"
urlpatterns: list = []
