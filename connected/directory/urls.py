"""The published Open Referral UK API lives under /api/ (see api/views.py)."""

from django.urls import path

from connected.directory.api.views import api

urlpatterns = [path("", api.urls)]
