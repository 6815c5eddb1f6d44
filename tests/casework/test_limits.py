"""One set of text limits (validation.LIMITS): every form uses it, and every limit fits its database column."""

from __future__ import annotations

from django import forms as django_forms
from django.db import models
from django.test import Client

from connected.casework import forms
from connected.casework.models import Contact, Conversation, Introduction, Person, Referral, Task
from connected.casework.validation import LIMITS, too_long

from .builders import make_world, sign_in
from .test_intake_views import FORM

FORMS = (
    forms.ReferralForm,
    forms.SelfReferralForm,
    forms.PersonForm,
    forms.ContactForm,
    forms.ConversationForm,
    forms.IntroductionStatusForm,
    forms.TaskForm,
    forms.DischargeForm,
)
# Form field names that differ from their LIMITS key.
ALIASES = {"description": "task"}


def test_every_free_text_form_field_takes_its_limit_from_limits():
    checked = 0
    for form in FORMS:
        for name, field in form.base_fields.items():
            key = ALIASES.get(name, name)
            if isinstance(field, django_forms.CharField) and key in LIMITS:
                assert field.max_length == LIMITS[key], (form.__name__, name)
                checked += 1
    assert checked >= 25


def test_every_limit_fits_its_database_column():
    """A limit past a CharField's max_length would be a DataError (a 500) on PostgreSQL."""
    for model in (Person, Referral, Contact, Conversation, Introduction, Task):
        for field in model._meta.get_fields():
            key = ALIASES.get(field.name, field.name)
            if isinstance(field, models.CharField) and key in LIMITS:
                assert LIMITS[key] <= field.max_length, (model.__name__, field.name)


def test_too_long_names_the_limit_and_the_length():
    assert too_long("phone", "0" * LIMITS["phone"]) == ""
    assert too_long("phone", "0" * 31) == "must be 30 characters or fewer (this is 31)"


def test_an_email_longer_than_its_column_is_a_message_not_a_database_error(db):
    """Django's form default (320) passed 262 characters to a 254-character column: a 500 on PostgreSQL."""
    world = make_world()
    client = Client(raise_request_exception=False)
    sign_in(client, world.users["referrer"])
    response = client.post("/casework/refer/", FORM | {"email": "a" * 250 + "@example.com"})
    assert response.status_code == 400
    assert "must be 254 characters or fewer" in response.content.decode()
    assert not Person.objects.filter(family_name="Somerville").exists()
