"""Evidence pages and downloads for schemes, commissioners and funders."""

from django.urls import path  # noqa: F401 - the reports, exports and funds add their paths here

app_name = "evidence"
urlpatterns: list = []
