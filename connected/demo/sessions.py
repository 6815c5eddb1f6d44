"""Sessions and costs for the synthetic directory: realistic rules, times and prices.

A session is an RFC 5545-style rule as HSDS holds it (WEEKLY, fortnightly as
WEEKLY with interval 2, or MONTHLY on the nth weekday such as "2TU"), with a
`dtstart` on a real session day so fortnights and months have an anchor.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from connected.demo.activities import ALLDAYS, Profile
from connected.directory.vocabulary import DAY_NAMES, Delivery

BASE_DATE = date(2025, 1, 6)
COURSE_START = date(2026, 9, 7)
COURSES = {"digital-skills", "arts-crafts", "exercise", "peer-support"}
ATTENDING = {
    Delivery.IN_PERSON: ("In person", "In person at the venue"),
    Delivery.ONLINE: ("Online (Zoom)", "Online via Microsoft Teams", "Online video call"),
    Delivery.PHONE: ("By telephone", "Phone call"),
}
ORDINALS = {1: "First", 2: "Second", 3: "Third", 4: "Fourth"}


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def spoken(minutes: int) -> str:
    hour, minute = divmod(minutes, 60)
    suffix = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}{suffix}" if minute == 0 else f"{hour}:{minute:02d}{suffix}"


def schedule(rng: random.Random, profile: Profile, delivery: str) -> dict:
    """One regular session as an ORUK schedule (without ids), with words that say the same as the rule."""
    opens, minutes = rng.choice(profile.times)
    start = int(opens[:2]) * 60 + int(opens[3:]) + rng.choice((0, 0, 0, 15, 30, -30))
    end = start + minutes
    day = rng.choice(profile.days)
    hours = f"{spoken(start)} to {spoken(end)}"
    first = BASE_DATE + timedelta(days=rng.randrange(0, 500))
    if minutes >= 240:  # service hours rather than a session
        days, freq, interval = ["MO", "TU", "WE", "TH", "FR"], "WEEKLY", 1
        text = f"Monday to Friday, {hours}"
        day = "MO"
    else:
        roll = rng.random()
        days, freq, interval = [day], "WEEKLY", 1
        if roll < 0.12 and profile.code == "exercise":
            days = [day, {"MO": "WE", "TU": "TH", "WE": "FR", "TH": "MO", "FR": "TU"}.get(day, "WE")]
            days.sort(key=ALLDAYS.index)
            text = f"Every {DAY_NAMES[days[0]]} and {DAY_NAMES[days[1]]}, {hours}"
        elif roll < 0.7:
            text = f"Every {DAY_NAMES[day]}, {hours}"
        elif roll < 0.85:
            interval = 2
            text = f"Every other {DAY_NAMES[day]}, {hours}"
        else:
            freq, interval, nth = "MONTHLY", 1, rng.randint(1, 4)
            days = [f"{nth}{day}"]
            text = f"{ORDINALS[nth]} {DAY_NAMES[day]} of the month, {hours}"
    course = profile.code in COURSES and rng.random() < 0.25
    if course:  # a course that starts this autumn or winter and runs for six months
        first = COURSE_START + timedelta(days=rng.randrange(0, 150))
    dtstart = first_session(first, days[0])
    rule = {
        "freq": freq,
        "interval": interval,
        "byday": ",".join(days),
        "dtstart": dtstart.isoformat(),
        "valid_from": dtstart.isoformat(),
        "opens_at": clock(start),
        "closes_at": clock(end),
        "description": text,
        "attending_type": rng.choice(ATTENDING[delivery]),
    }
    if course:
        rule["valid_to"] = (dtstart + timedelta(weeks=26)).isoformat()
        rule["notes"] = "A six-month course; you can join at any point."
    elif delivery == Delivery.ONLINE:
        rule["notes"] = "Joining details are sent when you book."
    elif rng.random() < 0.15:
        rule["notes"] = "No sessions on bank holidays."
    return rule


def first_session(after: date, byday: str) -> date:
    """The first date on or after `after` that the rule meets (so fortnights and months have an anchor)."""
    weekday = ALLDAYS.index(byday[-2:])
    if byday[:-2]:
        nth = int(byday[:-2])
        month = after.replace(day=1)
        while True:
            first = month + timedelta(days=(weekday - month.weekday()) % 7)
            candidate = first + timedelta(weeks=nth - 1)
            if candidate >= after:
                return candidate
            month = (month + timedelta(days=32)).replace(day=1)
    return after + timedelta(days=(weekday - after.weekday()) % 7)


def costs(rng: random.Random, new_id: Callable[[], str], profile: Profile) -> tuple[str, list[dict]]:
    """The fees text and cost options: free for most, modest prices for some."""
    if rng.random() >= profile.paid_share:
        note = rng.choice(("Free", "Free", "Free; donations welcome"))
        return note, [{"id": new_id(), "option": "Free", "currency": "GBP", "amount": 0, "amount_description": note}]
    low, high = profile.price_pence
    pence = rng.randrange(low, high + 1, 50)
    options = [
        {
            "id": new_id(),
            "option": "Per session",
            "currency": "GBP",
            "amount": pence / 100,
            "amount_description": profile.price_note,
        }
    ]
    text = f"£{pence / 100:.2f} {profile.price_note}"
    if pence >= 200 and rng.random() < 0.3:
        options.append(
            {
                "id": new_id(),
                "option": "Concession",
                "currency": "GBP",
                "amount": (pence - 100) / 100,
                "amount_description": "for people on means-tested benefits",
            }
        )
        text += f"; £{(pence - 100) / 100:.2f} concessions"
    return text, options
