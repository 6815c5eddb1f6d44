"""The BaRS receiver's FHIR paths under /fhir/; anything else there is a FHIR 404 (OperationOutcome)."""

from django.urls import path, re_path

from .bars import views

app_name = "fhir"
urlpatterns = [
    path("$process-message", views.process_message, name="process_message"),
    path("metadata", views.metadata, name="metadata"),
    path("openapi.json", views.openapi_document, name="openapi"),
    path("ServiceRequest", views.service_request_create, name="service_request_create"),
    path("ServiceRequest/<uuid:pk>", views.service_request_read, name="service_request_read"),
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found, name="not_found"),  # [\s\S]: a newline too
]
