"""URLs of the policy module."""

from django.urls import path  # noqa: F401

app_name = "policy"
urlpatterns: list = []
