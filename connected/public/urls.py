"""Public pages: find activities, service pages, and the site's statements."""

from django.urls import path

from . import register_views, views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("find/", views.find, name="find"),
    path("services/<uuid:service_id>/", views.service, name="service"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    # The national register of social prescribing schemes (ADR 0034).
    path("social-prescribing/", register_views.find_scheme, name="find_scheme"),
    path("social-prescribing/coverage/", register_views.coverage, name="scheme_coverage"),
    path("social-prescribing/coverage.csv", register_views.coverage_csv, name="scheme_coverage_csv"),
]
