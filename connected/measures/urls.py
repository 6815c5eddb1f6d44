"""Measures: pages for trying instruments, and the read-only JSON API at /measures/api/."""

from django.urls import path

from . import views
from .api import api

app_name = "measures"
urlpatterns = [
    path("", views.index, name="index"),
    path("check/<str:code>/", views.check, name="check"),
    path("check/set/<str:name>/", views.check_set, name="check_set"),
    path("respond/<str:token>/", views.respond, name="respond"),
    path("api/", api.urls),
]
