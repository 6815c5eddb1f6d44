"""Evidence pages and downloads for schemes, commissioners and funders."""

from django.urls import path

from . import views

app_name = "evidence"
urlpatterns: list = [
    path("", views.report, name="report"),
    path("download/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("download/<slug:table_id>.csv", views.table_csv, name="table_csv"),
    path("national-return.json", views.national, name="national_return"),
    path("national-return.schema.json", views.national_schema, name="national_schema"),
]
