"""Top-level URL map: each app owns its own `urls.py`."""

from django.contrib import admin
from django.urls import include, path

from connected.casework import views_public as casework_public
from connected.core import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("measures/", include("connected.measures.urls")),
    path("casework/", include("connected.casework.urls")),
    path("providers/", include("connected.casework.provider_urls")),
    path("evidence/", include("connected.evidence.urls")),
    path("areas/", include("connected.areas.urls")),
    path("matching/", include("connected.matching.urls")),
    path("befriending/", include("connected.befriending.urls")),
    path("policy/", include("connected.policy.urls")),
    path("accounts/", include("connected.core.auth_views.urls")),
    path("fhir/", include("connected.casework.fhir_urls")),
    path("refer-yourself/", casework_public.self_referral, name="refer_yourself"),
    path("refer-yourself/sent/", casework_public.self_referral_sent, name="refer_yourself_sent"),
    # The ORUK API owns /api/ (its root document must be at /api/).
    path("api/", include("connected.directory.urls")),
    path("", include("connected.public.urls")),
]
handler403 = "connected.public.errors.forbidden"
handler404 = "connected.public.views.not_found"
handler500 = "connected.public.views.server_error"
