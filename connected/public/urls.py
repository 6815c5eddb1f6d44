"""Public pages: find activities, service pages, and the site's statements."""

from django.urls import path

from . import register_views, views, views_checkin, views_conversation, views_life_events, views_spaces

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
    path("spaces/", views_spaces.find, name="spaces"),
    path("spaces/offer/", views_spaces.offer, name="space_offer"),
    path("spaces/offer/sent/", views_spaces.offered, name="space_offered"),
    path("life-events/", views_life_events.index, name="life_events"),
    path("life-events/<slug:event>/", views_life_events.by_postcode, name="life_event"),
    path("life-events/<slug:event>/<str:code>/", views_life_events.by_area, name="life_event_area"),
    # The national register of social prescribing schemes (ADR 0034).
    path("social-prescribing/", register_views.find_scheme, name="find_scheme"),
    path("social-prescribing/coverage/", register_views.coverage, name="scheme_coverage"),
    path("social-prescribing/coverage.csv", register_views.coverage_csv, name="scheme_coverage_csv"),
]
