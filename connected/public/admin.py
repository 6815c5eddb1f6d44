"""Councils' local words on life-event pages, edited in the admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from . import life_events
from .models import LifeEventLocalText


class LocalTextForm(forms.ModelForm):
    event = forms.ChoiceField(choices=())

    class Meta:
        model = LifeEventLocalText
        fields = ["event", "local_authority", "heading", "text", "link_text", "link_url"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [(e.slug, e.title) for e in life_events.events().values()]


@admin.register(LifeEventLocalText)
class LifeEventLocalTextAdmin(admin.ModelAdmin):
    form = LocalTextForm
    list_display = ["event", "local_authority", "heading", "updated_at"]
    list_filter = ["event"]
    search_fields = ["local_authority__name", "local_authority__code"]
