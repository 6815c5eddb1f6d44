"""Public pages: find activities, service pages, and the site's statements."""

from django.urls import path

from . import views, views_checkin, views_conversation

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("find/", views.find, name="find"),
    path("services/<uuid:service_id>/", views.service, name="service"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("check-in/", views_checkin.start, name="checkin"),
    path("check-in/questions/", views_checkin.questions, name="checkin_questions"),
    path("check-in/results/", views_checkin.results, name="checkin_results"),
    path("check-in/refer/", views_checkin.refer, name="checkin_refer"),
    path("check-in/api/messages", views_conversation.messages, name="checkin_messages"),
    path("check-in/twilio/", views_conversation.twilio_webhook, name="checkin_twilio"),
]
