"""URLs of the policy module: the Loneliness Test (staff and published) and the commitments tracker."""

from django.urls import path

from . import views, views_tracker

app_name = "policy"
urlpatterns = [
    path("", views.index, name="index"),
    path("tests/new/", views.about, name="new"),
    path("tests/<int:pk>/", views.record, name="record"),
    path("tests/<int:pk>/record.pdf", views.record_pdf, name="record_pdf"),
    path("tests/<int:pk>/about/", views.about, name="about"),
    path("tests/<int:pk>/effects/<slug:section>/", views.effects, name="effects"),
    path("tests/<int:pk>/mitigations/", views.mitigations, name="mitigations"),
    path("tests/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("tests/<int:pk>/publish/", views.publish, name="publish"),
    path("published/", views.published_library, name="published_library"),
    path("published/<int:pk>/", views.published, name="published"),
    path("published/<int:pk>/record.pdf", views.published_pdf, name="published_pdf"),
    path("commitments/", views_tracker.dashboard, name="dashboard"),
    path("commitments/new/", views_tracker.commitment_new, name="commitment_new"),
    path("commitments/<int:pk>/", views_tracker.commitment, name="commitment"),
    path(
        "commitments/<int:pk>/milestones/<int:milestone_id>/done/",
        views_tracker.milestone_done,
        name="milestone_done",
    ),
    path("report/", views_tracker.report, name="report"),
    path("report/<int:year>.pdf", views_tracker.report_pdf, name="report_pdf"),
]
