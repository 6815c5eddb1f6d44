"""Admin for the Loneliness Test's questions and the tracker's strategies and commitments.

Saving a changed question makes a new version (screening.question_revise) instead of rewriting the row,
so tests already made keep the wording they were answered with (ADR 0038). Old versions are read-only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin

from connected.core.admin_site import AuditedAdmin

from . import screening
from .models import Commitment, CommitmentUpdate, Milestone, Question, Strategy


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ("key", "section", "order", "text", "guidance")

    def clean_key(self):
        key = self.cleaned_data["key"]
        if self.instance.pk is None and Question.objects.filter(key=key).exists():
            raise forms.ValidationError("A question with this key exists: change that question to revise it")
        return key


@admin.register(Question)
class QuestionAdmin(AuditedAdmin):
    form = QuestionForm
    list_display = ("text", "key", "section", "version", "is_current")
    list_filter = ("section", "is_current")
    search_fields = ("text", "key", "guidance")
    fields = ("key", "section", "order", "version", "is_current", "text", "guidance")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("version", "is_current")
        if not obj.is_current:
            return self.fields  # an old version is history: never edited
        return ("key", "section", "version", "is_current")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        original = Question.objects.get(pk=obj.pk)
        revised = screening.question_revise(question=original, text=obj.text, guidance=obj.guidance)
        if revised.pk != original.pk and obj.order != original.order:
            Question.objects.filter(pk=revised.pk).update(order=obj.order)
        obj.pk, obj.version, obj.is_current = revised.pk, revised.version, revised.is_current


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1


class UpdateInline(admin.TabularInline):
    model = CommitmentUpdate
    extra = 0
    fields = ("made_at", "status", "progress", "evidence_url", "author")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # updates are made on the commitment's page, where they set its status


@admin.register(Strategy)
class StrategyAdmin(AuditedAdmin):
    list_display = ("name", "published")


@admin.register(Commitment)
class CommitmentAdmin(AuditedAdmin):
    list_display = ("reference", "strategy", "lead", "status", "owner")
    list_filter = ("strategy", "status", "lead")
    search_fields = ("text", "lead", "reference")
    inlines = [MilestoneInline, UpdateInline]
    readonly_fields = ("status", "last_update_at", "reminded_at")
    autocomplete_fields = ("owner",)
