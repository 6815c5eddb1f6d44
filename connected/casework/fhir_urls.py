from django.urls import path

from . import fhir_views

app_name = "fhir"
urlpatterns = [
    path("$process-message", fhir_views.process_message, name="process_message"),
    path("ServiceRequest", fhir_views.service_request_create, name="service_request_create"),
    path("ServiceRequest/<uuid:pk>", fhir_views.service_request_read, name="service_request_read"),
]
