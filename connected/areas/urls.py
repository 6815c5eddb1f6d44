"""Area pages: the national table, maps, one page per local authority, the method, and CSV downloads."""

from django.urls import path

from . import views

app_name = "areas"
urlpatterns = [
    path("", views.national, name="national"),
    path("map/", views.national_map, name="map"),
    path("method/", views.method, name="method"),
    path("local-authorities.csv", views.authorities_csv, name="authorities_csv"),
    path("small-areas.csv", views.small_areas_csv, name="small_areas_csv"),
    path("factors.csv", views.factors_csv, name="factors_csv"),
    path("<str:code>/", views.authority, name="authority"),
    path("<str:code>/<str:table>.csv", views.authority_table_csv, name="authority_csv"),
]
