"""Evidence pages and downloads for schemes, commissioners and funders."""

from django.urls import path

from . import views, views_exports, views_funds

app_name = "evidence"
urlpatterns: list = [
    path("", views.report, name="report"),
    path("download/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("download/<slug:table_id>.csv", views.table_csv, name="table_csv"),
    path("national-return.json", views.national, name="national_return"),
    path("national-return.schema.json", views.national_schema, name="national_schema"),
    path("evaluation/", views_exports.evaluation_page, name="evaluation"),
    path("evaluation/extract.<str:fmt>", views_exports.evaluation_download, name="evaluation_download"),
    path("sroi/", views_exports.sroi_page, name="sroi"),
    path("sroi/sheet.<str:fmt>", views_exports.sroi_download, name="sroi_download"),
    path("sroi/values/", views_exports.proxy_new, name="proxy_new"),
    path("funds/", views_funds.portfolio, name="portfolio"),
    path("funds/grants/<int:pk>/", views_funds.grant, name="grant"),
    path("funds/grants/<int:pk>/returns/new/", views_funds.return_new, name="return_new"),
    path("funds/evaluation/", views_funds.funds_evaluation, name="funds_evaluation"),
    path("funds/evaluation.<str:fmt>", views_funds.funds_download, name="funds_download"),
]
