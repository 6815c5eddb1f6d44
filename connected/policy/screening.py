"""Writes for the Loneliness Test: questions revised as new versions, tests made, rated and signed off.

A test takes the current version of every question when it is made (one blank answer each), so a later
revision changes neither a draft's questions nor a signed-off record's wording (ADR 0038). Once signed off
a test refuses every write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .guidance import QUESTIONS
from .models import Answer, LonelinessTest, Mitigation, Question
from .vocabulary import RATED, Direction, Section, TestStatus

ABOUT_FIELDS = ("title", "department", "places", "internal_notes", "is_public")


class TestLocked(Exception):
    """A signed-off test cannot be changed."""

    __test__ = False  # not a pytest class


class NotReady(ValueError):
    """The test cannot be signed off yet; `problems` says why, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def questions_seed(model=Question) -> int:
    """The first edition of the questions (guidance.py), where there are none; `model` for migrations."""
    if model.objects.exists():
        return 0
    model.objects.bulk_create(
        model(key=key, section=section, text=text, guidance=guide, order=i, version=1, is_current=True)
        for i, (key, section, text, guide) in enumerate(QUESTIONS)
    )
    return len(QUESTIONS)


def current_questions() -> list[Question]:
    # The migration loads the first edition; a database flushed since (tests that reset tables) gets it again.
    questions_seed()
    return list(Question.objects.filter(is_current=True).order_by("order", "key"))


@transaction.atomic
def question_revise(*, question: Question, text: str, guidance: str) -> Question:
    """A new version of `question` with this wording; the old row stays for the tests that used it."""
    text, guidance = text.strip(), guidance.strip()
    if not text:
        raise ValueError("Enter the question")
    if question.text == text and question.guidance == guidance:
        return question
    versions = Question.objects.select_for_update().filter(key=question.key)
    latest = versions.aggregate(top=Max("version"))["top"] or 0
    versions.update(is_current=False)
    return Question.objects.create(
        key=question.key,
        version=latest + 1,
        section=question.section,
        text=text,
        guidance=guidance,
        order=question.order,
        is_current=True,
    )


def _unlocked(test: LonelinessTest) -> None:
    if test.signed_off:
        raise TestLocked(f"“{test.title}” is signed off and cannot be changed")


@transaction.atomic
def test_create(*, user, about: Mapping, what: str, who: str) -> LonelinessTest:
    """A draft test with one answer per current question; `about` holds ABOUT_FIELDS."""
    test = LonelinessTest.objects.create(created_by=user, **{k: about[k] for k in ABOUT_FIELDS if k in about})
    Answer.objects.bulk_create(Answer(test=test, question=q) for q in current_questions())
    _about_answers(test, what=what, who=who)
    return test


@transaction.atomic
def test_update(*, test: LonelinessTest, about: Mapping, what: str, who: str) -> LonelinessTest:
    _unlocked(test)
    for key in ABOUT_FIELDS:
        if key in about:
            setattr(test, key, about[key])
    test.updated_at = timezone.now()
    test.save()
    _about_answers(test, what=what, who=who)
    return test


def _about_answers(test: LonelinessTest, *, what: str, who: str) -> None:
    for key, text in (("what", what), ("who", who)):
        test.answers.filter(question__key=key).update(text=text.strip())


@transaction.atomic
def answers_rate(*, test: LonelinessTest, ratings: Mapping[int, Mapping[str, str]]) -> int:
    """Save the ratings of effects: answer id -> direction, size, confidence, evidence, reasons."""
    _unlocked(test)
    answers = {a.pk: a for a in test.answers.exclude(question__section=Section.ABOUT)}
    for pk, rating in ratings.items():
        answer = answers[pk]
        for field in ("direction", "size", "confidence", "evidence", "reasons"):
            setattr(answer, field, (rating.get(field) or "").strip())
        if answer.direction not in RATED:
            answer.size = answer.confidence = ""
        answer.save()
    LonelinessTest.objects.filter(pk=test.pk).update(updated_at=timezone.now())
    return len(ratings)


def mitigation_add(*, test: LonelinessTest, action: str, owner: str, due: dt.date | None) -> Mitigation:
    _unlocked(test)
    return Mitigation.objects.create(test=test, action=action.strip(), owner=owner.strip(), due=due)


def mitigation_remove(*, test: LonelinessTest, mitigation_id: int) -> None:
    _unlocked(test)
    test.mitigations.filter(pk=mitigation_id).delete()


def problems(test: LonelinessTest, answers: Iterable[Answer] | None = None) -> list[str]:
    """What stops sign-off: unanswered questions, unrated effects, no mitigation for a harm."""
    answers = list(test.answers.select_related("question") if answers is None else answers)
    found = []
    for a in answers:
        if a.question.section == Section.ABOUT and not a.text:
            found.append(f"Answer “{a.question.text}”")
        elif a.question.section != Section.ABOUT and not a.direction:
            found.append(f"Rate the effect on “{a.question.text}”")
    harms = [a for a in answers if a.direction in (Direction.NEGATIVE, Direction.MIXED)]
    if harms and not test.mitigations.exists():
        found.append("Add a mitigation, with its owner, for each effect that reduces connection")
    return found


@transaction.atomic
def test_sign_off(*, test: LonelinessTest, user, signer_name: str, signer_role: str) -> LonelinessTest:
    """Sign the test off: from now on its record is fixed, and public if it was marked so."""
    test = LonelinessTest.objects.select_for_update().get(pk=test.pk)
    _unlocked(test)
    found = problems(test)
    if found:
        raise NotReady(found)
    now = timezone.now()
    test.status = TestStatus.SIGNED_OFF
    test.signed_off_by, test.signed_off_at, test.updated_at = user, now, now
    test.signer_name, test.signer_role = signer_name.strip(), signer_role.strip()
    test.save()
    return test


def test_publish(*, test: LonelinessTest, public: bool) -> LonelinessTest:
    """Publishing may change after sign-off: it is a decision about the record, not part of it."""
    LonelinessTest.objects.filter(pk=test.pk).update(is_public=public)
    test.is_public = public
    return test
