"""Top-level URL map: each app owns its own `urls.py`."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("measures/", include("connected.measures.urls")),
    path("casework/", include("connected.casework.urls")),
    # The ORUK API owns /api/ (its root document must be at /api/).
    path("api/", include("connected.directory.urls")),
    path("", include("connected.public.urls")),
]
