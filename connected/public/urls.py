"""Public pages: find activities, service pages, and the site's statements."""

from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("find/", views.find, name="find"),
    path("services/<uuid:service_id>/", views.service, name="service"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
