"""Providers' pages at /providers/ (and the directory manager's review of listing corrections), ADR 0026."""

from django.urls import path

from . import views_provider as v

app_name = "providers"
urlpatterns = [
    path("", v.inbox, name="inbox"),
    path("introductions/<int:pk>/", v.introduction, name="introduction"),
    path("introductions/<int:pk>/accept/", v.accept, name="accept"),
    path("introductions/<int:pk>/decline/", v.decline, name="decline"),
    path("introductions/<int:pk>/attendance/", v.attendance, name="attendance"),
    path("introductions/<int:pk>/message/", v.message, name="message"),
    path("listings/", v.listings, name="listings"),
    path("listings/<uuid:pk>/correct/", v.correct, name="correct"),
    path("corrections/", v.review_queue, name="review_queue"),
    path("corrections/<int:pk>/", v.review, name="review"),
]
