"""The words befriending records use: checks, slots of the week, modes, moods, concerns and endings."""

from __future__ import annotations

from django.db import models

DAYS = (
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
)
# Parts of the day, with the hour a call in that part is scheduled for.
PARTS = (("am", "morning", 10), ("pm", "afternoon", 14), ("eve", "evening", 18))
SLOTS = tuple((f"{d}_{p}", f"{day} {part}") for d, day in DAYS for p, part, _hour in PARTS)
SLOT_CODES = frozenset(code for code, _ in SLOTS)
MODES = (("phone", "Phone calls"), ("video", "Video calls"), ("visit", "Home visits"))
MODE_NOUN = {"phone": "phone call", "video": "video call", "visit": "visit"}
LANGUAGES = ("English", "Urdu", "Punjabi", "Polish", "Bengali", "Gujarati", "Arabic", "Welsh", "Somali", "Cantonese")
INTERESTS = (
    ("gardening", "Gardening"),
    ("music", "Music"),
    ("sport", "Sport"),
    ("reading", "Books and reading"),
    ("cooking", "Cooking"),
    ("history", "Local history"),
    ("crafts", "Crafts"),
    ("faith", "Faith"),
    ("nature", "Nature and walking"),
    ("films", "Films and TV"),
    ("pets", "Pets"),
    ("travel", "Travel"),
)
AGE_BANDS = (("", "No preference"), ("18-39", "18 to 39"), ("40-64", "40 to 64"), ("65+", "65 or over"))
GENDERS = (("", "No preference"), ("female", "Female"), ("male", "Male"))
# What a volunteer may be shown about the person, each only where the person agreed (Request.shared).
SHAREABLE = (
    ("phone", "Phone number"),
    ("address", "Address (for visits)"),
    ("interests", "Interests"),
    ("language", "Language"),
    ("accessibility", "Access needs"),
)
COURSES = (("induction", "Befriending induction"), ("safeguarding", "Safeguarding adults"))
REQUIRED_COURSES = frozenset({"induction", "safeguarding"})
REFERENCES_NEEDED = 2


def slot_of(weekday: int, part: str) -> str:
    return f"{DAYS[weekday][0]}_{part}"


def slot_hour(slot: str) -> tuple[int, int]:
    """(weekday 0-6, hour) at which a call in `slot` is scheduled."""
    day, part = slot.split("_")
    return [d for d, _ in DAYS].index(day), next(hour for p, _label, hour in PARTS if p == part)


def label(choices, code: str) -> str:
    return dict(choices).get(code, code)


class VolunteerStatus(models.TextChoices):
    APPLIED = "applied", "Applied"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Not taken forward"
    PAUSED = "paused", "Paused"
    LEFT = "left", "Left"


class DbsLevel(models.TextChoices):
    NONE = "none", "Not checked"
    BASIC = "basic", "Basic"
    STANDARD = "standard", "Standard"
    ENHANCED = "enhanced", "Enhanced"


class SupportKind(models.TextChoices):
    SUPERVISION = "supervision", "Supervision"
    WELLBEING = "wellbeing", "Wellbeing check-in"


class RequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a match"
    MATCHED = "matched", "Matched"
    CLOSED = "closed", "Closed"


class MatchStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class CallStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    DONE = "done", "Took place"
    MISSED = "missed", "Missed"


class Mood(models.TextChoices):
    GOOD = "good", "Cheerful"
    OK = "ok", "Much as usual"
    LOW = "low", "Low or quiet"
    WORRIED = "worried", "I am worried about them"


class ConcernKind(models.TextChoices):
    HEALTH = "health", "Health or self-neglect"
    HARM = "harm", "Abuse, harm or exploitation"
    MONEY = "money", "Money or scams"
    MOOD = "mood", "Very low mood or talk of self-harm"
    MISSED_CALLS = "missed_calls", "Calls missed in a row"
    OTHER = "other", "Something else"


class ConcernStatus(models.TextChoices):
    RAISED = "raised", "Raised"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ACTED = "acted", "Acted on"


class EndReason(models.TextChoices):
    GOALS_MET = "goals_met", "Goals met: more connected now"
    PERSON_ENDED = "person_ended", "The person chose to end it"
    VOLUNTEER_LEFT = "volunteer_left", "The volunteer stepped down"
    MOVED = "moved", "Moved away or into care"
    DIED = "died", "The person died"
    NOT_WORKING = "not_working", "The match was not working"


GOODBYES = (
    ("last_call", "A last call or visit to say goodbye"),
    ("letter", "A goodbye card or letter"),
    ("not_possible", "Not possible (explain to the coordinator)"),
)
