"""URLs of the matching module."""

from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("cases/<uuid:pk>/", views.suggest, name="suggest"),
    path("cases/<uuid:pk>/profile/", views.profile, name="profile"),
    path("cases/<uuid:pk>/shortlist/", views.shortlist_add, name="shortlist_add"),
    path("cases/<uuid:pk>/shortlist/<int:item_id>/", views.shortlist_update, name="shortlist_update"),
]
