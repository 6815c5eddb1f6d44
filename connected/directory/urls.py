"""The published Open Referral UK API lives under /api/ (see api.py)."""

from django.urls import path

from .api import api

urlpatterns = [path("", api.urls)]
