"""Casework pages at /casework/ (the FHIR intake is at /fhir/, the self-referral page at /refer-yourself/)."""

from django.urls import path

from . import (
    views,
    views_audit,
    views_caseload,
    views_intake,
    views_measures,
    views_outcomes,
    views_people,
    views_thread,
    views_unassigned,
)

app_name = "casework"
urlpatterns = [
    path("", views.home, name="home"),
    path("caseload/", views_caseload.caseload, name="caseload"),
    path("team/", views_caseload.team_view, name="team"),
    path("overview/", views.overview, name="overview"),
    path("audit/", views_audit.audit_log, name="audit"),
    path("refer/", views_intake.referral_new, name="referral_new"),
    path("my-referrals/", views_intake.my_referrals, name="my_referrals"),
    path("referrals/<uuid:pk>/", views_intake.referral_status, name="referral_status"),
    path("cases/<uuid:pk>/", views.case, name="case"),
    path("cases/<uuid:pk>/accept/", views.accept, name="accept"),
    path("cases/<uuid:pk>/decline/", views.decline, name="decline"),
    path("cases/<uuid:pk>/contact/", views.contact_new, name="contact_new"),
    path("cases/<uuid:pk>/what-matters/", views.conversation_new, name="conversation_new"),
    path("cases/<uuid:pk>/introductions/", views.introduction_new, name="introduction_new"),
    path("cases/<uuid:pk>/introductions/<int:intro_id>/", views.introduction_update, name="introduction_update"),
    path(
        "cases/<uuid:pk>/introductions/<int:intro_id>/thread/",
        views_thread.introduction_thread,
        name="introduction_thread",
    ),
    path("cases/<uuid:pk>/tasks/", views.task_new, name="task_new"),
    path("cases/<uuid:pk>/tasks/<int:task_id>/done/", views.task_done, name="task_done"),
    path("cases/<uuid:pk>/close/", views.discharge, name="discharge"),
    path("cases/<uuid:pk>/reopen/", views_caseload.reopen, name="reopen"),
    path("cases/<uuid:pk>/reassign/", views_caseload.reassign, name="reassign"),
    path("cases/<uuid:pk>/measures/", views_measures.measures_record, name="measures_record"),
    path("people/<uuid:pk>/", views_people.person, name="person"),
    path("people/<uuid:pk>/edit/", views_people.person_edit, name="person_edit"),
    path("people/<uuid:pk>/export/", views_people.person_export, name="person_export"),
    path("people/<uuid:pk>/erase/", views_people.person_erase, name="person_erase"),
    # Messages back to the referrer and the PRSB dataset (ADR 0025).
    path("cases/<uuid:pk>/messages/<uuid:message_id>/letter.pdf", views_outcomes.outcome_letter, name="outcome_letter"),
    path("cases/<uuid:pk>/messages/<uuid:message_id>/retry/", views_outcomes.outcome_retry, name="outcome_retry"),
    path("people/<uuid:pk>/prsb.json", views_outcomes.person_dataset, {"fmt": "json"}, name="person_dataset_fhir"),
    path("people/<uuid:pk>/prsb.csv", views_outcomes.person_dataset, {"fmt": "csv"}, name="person_dataset_csv"),
    path("prsb-dataset/", views_outcomes.scheme_dataset, name="scheme_dataset"),
    # Referrals no scheme covers, placed by an administrator (ADR 0035).
    path("unassigned/", views_unassigned.unassigned, name="unassigned"),
    path("unassigned/<uuid:pk>/", views_unassigned.place, name="place"),
]
