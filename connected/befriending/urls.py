"""URLs of the befriending module."""

from django.urls import path

from . import views, views_concerns, views_matches, views_public

app_name = "befriending"
urlpatterns = [
    path("", views.home, name="home"),
    path("volunteer/", views_public.apply, name="apply"),
    path("volunteer/sent/", views_public.applied, name="applied"),
    path("volunteers/", views.volunteers, name="volunteers"),
    path("volunteers/<int:pk>/", views.volunteer, name="volunteer"),
    path("volunteers/<int:pk>/decide/", views.volunteer_decide, name="volunteer_decide"),
    path("waiting/", views.waiting, name="waiting"),
    path("referrals/<uuid:pk>/take-on/", views.take_on, name="take_on"),
    path("requests/<int:pk>/", views.proposals, name="request"),
    path("mine/", views_matches.mine, name="mine"),
    path("matches/<int:pk>/", views_matches.match, name="match"),
    path("matches/<int:pk>/concern/", views_matches.concern_raise, name="concern_raise"),
    path("matches/<int:pk>/end/", views_matches.match_end, name="match_end"),
    path("matches/<int:pk>/measures/", views_matches.match_measures, name="match_measures"),
    path("calls/<int:pk>/log/", views_matches.call_log, name="call_log"),
    path("concerns/", views_concerns.concerns, name="concerns"),
    path("concerns/<int:pk>/", views_concerns.concern, name="concern"),
]
