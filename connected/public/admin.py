"""Councils' local words on life-event pages, edited in the admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from . import life_events, spaces
from .models import LifeEventLocalText, SpaceOffer


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
    raw_id_fields = ["local_authority"]


@admin.register(SpaceOffer)
class SpaceOfferAdmin(admin.ModelAdmin):
    """Offers wait here for review; publishing puts them in the directory and the ORUK feed."""

    list_display = ["space", "venue", "postcode", "capacity", "status", "received_at"]
    list_filter = ["status"]
    search_fields = ["venue", "space", "postcode"]
    readonly_fields = ["status", "service_id", "received_at", "latitude", "longitude"]
    actions = ["publish", "decline"]

    @admin.action(description="Publish the selected offers to the directory")
    def publish(self, request, queryset) -> None:
        for offer in queryset.exclude(status=SpaceOffer.Status.DECLINED):
            spaces.space_publish(offer=offer)
        self.message_user(request, "Published. The spaces are in the directory and the ORUK API.")

    @admin.action(description="Decline the selected offers")
    def decline(self, request, queryset) -> None:
        queryset.filter(status=SpaceOffer.Status.PENDING).update(status=SpaceOffer.Status.DECLINED)
