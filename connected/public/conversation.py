"""The check-in as a conversation, one message at a time: the same journey as the pages, in plain text.

`step(state, text)` takes the stored state and the person's message and returns the new state (None when the
conversation is over and must be forgotten) and the reply. It knows nothing about storage or channels
(`conversations` keeps state, `views_conversation` speaks JSON and Twilio). Short replies suit SMS: options
are numbered, and a number, or the answer's words, is accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from connected.core import postcodes
from connected.core.places import PostcodeError, locate
from connected.measures.definitions import Item

from . import checkin, tips

LONELINESS_COUNT = len(checkin.questions())
YES = {"yes", "y", "yeah", "yep", "ok", "okay", "1"}
NO = {"no", "n", "nope", "2"}
CONNECT_CHOICES = ("in_person", "phone", "online")
INTRO = (
    "Hello. This is a 2-minute check-in about loneliness. You will get tips and 3 things near you. "
    "Nothing is kept unless you ask us to refer you. Reply STOP at any time to end."
)
ENDED = "Take care. You can text again any time. Nothing from this conversation has been kept."


@dataclass
class Turn:
    """What a step returns: the state to keep (None: forget the conversation), the reply, and any referral."""

    state: dict[str, Any] | None
    reply: str
    referral: dict[str, Any] | None = field(default=None)


def start() -> Turn:
    state = {"step": "question", "i": 0, "answers": {}, "wellbeing": False}
    return Turn(state, f"{INTRO}\n\n{question_text(0)}")


def _item(i: int) -> tuple[str, Item]:
    instrument, item = checkin.questions(wellbeing=True)[i]
    return instrument.code, item


def question_text(i: int) -> str:
    _, item = _item(i)
    if item.hint:  # ONS4: 0 to 10
        return f"{item.text} {item.hint}. Reply with a number from 0 to 10."
    options = "\n".join(f"{n} {o.label}" for n, o in enumerate(item.presented_options, 1))
    return f"{item.text} Reply with a number:\n{options}"


def parse_option(item: Item, text: str) -> str | None:
    """An option's value from its value, its words, or its number in the list shown; None if none fits."""
    said = " ".join(text.lower().split())
    for option in item.options:
        if said in (option.value, option.label.lower()):
            return option.value
    if re.fullmatch(r"[0-9]{1,2}", said) and 1 <= int(said) <= len(item.presented_options):
        return item.presented_options[int(said) - 1].value
    return None


def in_crisis(text: str) -> bool:
    said = " ".join(re.sub(r"[^a-z\s-]", " ", text.lower()).split())
    return any(re.search(rf"\b{re.escape(word)}\b", said) for word in tips.content().crisis_words)


def urgent_text() -> str:
    lines = "\n".join(f"- {line.name}: {line.detail}" for line in tips.content().urgent)
    return f"Please talk to someone now:\n{lines}"


def step(state: dict[str, Any] | None, text: str, *, today: dt.date | None = None) -> Turn:
    """Answer one message."""
    said = text.strip()
    if said.lower() in {"stop", "end", "quit"}:
        return Turn(None, ENDED)
    if in_crisis(said):
        if state is None:
            first = start()
            return Turn(first.state, f"{urgent_text()}\n\n{first.reply}")
        return Turn(state, f"{urgent_text()}\n\nWhen you are ready, reply to carry on.")
    if state is None or said.lower() in {"restart", "start"}:
        return start()
    handler = STEPS[state["step"]]
    return handler(state, said, today or dt.date.today())


def _question(state: dict[str, Any], said: str, today: dt.date) -> Turn:
    i = state["i"]
    code, item = _item(i)
    value = parse_option(item, said)
    if value is None:
        return Turn(state, f"Sorry, I did not understand. {question_text(i)}")
    state["answers"].setdefault(code, {})[item.id] = value
    last = len(checkin.questions(wellbeing=state["wellbeing"])) - 1
    if i < last:
        state["i"] = i + 1
        return Turn(state, question_text(i + 1))
    if not state["wellbeing"]:
        state["step"] = "wellbeing"
        return Turn(state, "Thank you. Would you answer 4 more questions about your wellbeing? Reply YES or NO.")
    return _ask_postcode(state)


def _wellbeing(state: dict[str, Any], said: str, today: dt.date) -> Turn:
    answer = _yes_no(said)
    if answer is None:
        return Turn(state, "Please reply YES or NO.")
    if answer:
        state.update(step="question", wellbeing=True, i=LONELINESS_COUNT)
        return Turn(state, question_text(LONELINESS_COUNT))
    return _ask_postcode(state)


def _ask_postcode(state: dict[str, Any]) -> Turn:
    state["step"] = "postcode"
    return Turn(
        state,
        "What is your postcode? We keep only the first part (like M13) while we talk, to find things near you. "
        "Reply SKIP to skip.",
    )


def _postcode(state: dict[str, Any], said: str, today: dt.date) -> Turn:
    if said.lower() != "skip":
        try:
            place = locate(said)
        except PostcodeError as error:
            return Turn(state, f"{error}. Or reply SKIP.")
        state["outcode"] = place.outcode
    state["step"] = "connect"
    return Turn(
        state,
        "How do you like to meet or talk to people? Reply with a number:\n1 In person\n2 By phone\n3 Online\n4 Any",
    )


def _connect(state: dict[str, Any], said: str, today: dt.date) -> Turn:
    choice = said.strip()
    if choice not in {"1", "2", "3", "4"}:
        return Turn(state, "Please reply 1 (in person), 2 (by phone), 3 (online) or 4 (any).")
    state["connect"] = [] if choice == "4" else [CONNECT_CHOICES[int(choice) - 1]]
    state["step"] = "offer"
    return Turn(state, results_text(state))


def results_text(state: dict[str, Any]) -> str:
    """The answers in a sentence, two tips, three things nearby, and the offer; urgent help first if needed."""
    profile = checkin.Profile(connect=tuple(state.get("connect") or ()))
    outcome = checkin.assess(state["answers"], profile)
    place = locate(state["outcode"]) if state.get("outcode") else None
    found = checkin.nearby(place, profile.connect)
    parts = [urgent_text()] if outcome.urgent else []
    parts.append(f"Thank you. You feel lonely: {outcome.lonely.lower()}. Your score was {outcome.ucla_score} out of 9.")
    parts.extend(f"Tip: {tip.title}. {tip.body}" for tip in outcome.tips[:2])
    if found:
        near = "\n".join(_nearby_line(n, r) for n, r in enumerate(found, 1))
        parts.append(f"Near you:\n{near}")
    parts.append(
        "Would you like a link worker to contact you? They can help you find things that suit you. Reply YES or NO."
    )
    state["summary"] = outcome.summary
    return "\n\n".join(parts)


def _nearby_line(n: int, result: Any) -> str:
    where = f", {result.distance_miles:.1f} miles" if result.distance_miles is not None else ""
    when = f", {result.next_session_text}" if result.next_session_text else ""
    return f"{n} {result.service_name}{where}{when}"


def _offer(state: dict[str, Any], said: str, today: dt.date) -> Turn:
    answer = _yes_no(said)
    if answer is None:
        return Turn(state, "Please reply YES or NO.")
    if not answer:
        return Turn(None, ENDED)
    state["step"] = "consent"
    return Turn(
        state,
        "To ask a link worker to contact you we need to keep your name, date of birth, postcode and phone number, "
        "and share them with your local social prescribing scheme. Do you agree? Reply YES or NO.",
    )


def _consent(state: dict[str, Any], said: str, today: dt.date) -> Turn:
    answer = _yes_no(said)
    if answer is None:
        return Turn(state, "Please reply YES or NO.")
    if not answer:
        return Turn(None, "That is fine. We have not kept anything from this conversation. Take care.")
    state.update(step=PERSON[0][0], consented=True, person={})
    return Turn(state, PERSON[0][2])


# After consent: (step, person field, question), asked in this order.
PERSON = (
    ("given_name", "given_name", "Thank you. What is your first name?"),
    ("family_name", "family_name", "What is your last name?"),
    ("date_of_birth", "date_of_birth", "What is your date of birth? For example, 27 3 1950."),
    ("full_postcode", "postcode", "What is your full postcode? For example, M13 9PL."),
    ("phone", "phone", "What phone number should the link worker call?"),
)
PERSON_STEPS = [p[0] for p in PERSON]


def _person(state: dict[str, Any], said: str, today: dt.date) -> Turn:
    index = PERSON_STEPS.index(state["step"])
    _, name, _ = PERSON[index]
    value, problem = _clean_person(name, said, today)
    if problem:
        return Turn(state, problem)
    state["person"][name] = value
    if index + 1 < len(PERSON):
        state["step"] = PERSON[index + 1][0]
        return Turn(state, PERSON[index + 1][2])
    person = dict(state["person"])
    person["date_of_birth"] = dt.date.fromisoformat(person["date_of_birth"])
    person["contact_methods"] = ["phone"]
    referral = {"reason": state.get("summary", "Check-in by message"), "consent_given": True}
    return Turn(None, "", referral={"person": person, "referral": referral})


def _clean_person(name: str, said: str, today: dt.date) -> tuple[str, str]:
    """(value, "") or ("", a message saying what to send)."""
    if not said:
        return "", "Please reply with an answer."
    if name == "date_of_birth":
        born = parse_date(said)
        if born is None or not (today.replace(year=today.year - 120) <= born <= today):
            return "", "Please send your date of birth as day, month and year, for example 27 3 1950."
        return born.isoformat(), ""
    if name == "postcode" and not postcodes.is_valid(said):
        return "", "Please send your full postcode, for example M13 9PL."
    if name == "phone" and len(re.sub(r"\D", "", said)) < 10:
        return "", "Please send a phone number with the area code, for example 0161 496 0000."
    return said[:100], ""


def parse_date(text: str) -> dt.date | None:
    """'27 3 1950', '27/03/1950', '27-3-1950' or '1950-03-27'."""
    parts = [int(p) for p in re.findall(r"\d+", text)]
    if len(parts) != 3:
        return None
    day, month, year = parts if parts[2] > 31 else (parts[2], parts[1], parts[0])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _yes_no(said: str) -> bool | None:
    word = said.strip().lower().rstrip(".!")
    return True if word in YES else False if word in NO else None


STEPS = {
    "question": _question,
    "wellbeing": _wellbeing,
    "postcode": _postcode,
    "connect": _connect,
    "offer": _offer,
    "consent": _consent,
    **dict.fromkeys(PERSON_STEPS, _person),
}
