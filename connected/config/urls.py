"""Top-level URL map: each app owns its own `urls.py`."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("connected.directory.urls")),
    path("", include("connected.public.urls")),
]
