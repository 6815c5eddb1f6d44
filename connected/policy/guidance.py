"""The first edition of the Loneliness Test's questions and guidance, as the migration seeds them.

After that they are data: an administrator revises them in the admin, and each revision is a new
version (ADR 0038), so a test keeps the wording it was made with. Paraphrased from the routes and groups
that "A connected society" (2018) and its annual reports name; edit freely.
"""

from __future__ import annotations

# (key, section, text, guidance)
QUESTIONS: tuple[tuple[str, str, str, str], ...] = (
    (
        "what",
        "about",
        "What is the policy, programme or decision?",
        "Say what it does and what it changes, in a few plain sentences, as you would to a member of the public.",
    ),
    (
        "who",
        "about",
        "Who does it affect?",
        "Name the people who will notice it: who uses the service, lives in the place or is covered by the rule.",
    ),
    (
        "transport",
        "route",
        "Transport and getting around",
        "Will people find it easier or harder to get to friends, family, activities and services? Think of bus "
        "routes and times, community transport, concessionary fares, step-free access and safe walking routes.",
    ),
    (
        "spaces",
        "route",
        "Places and spaces to meet",
        "Does it open, close, or change the use of places where people meet: libraries, community centres, "
        "parks, cafés, places of worship, pubs, sports grounds?",
    ),
    (
        "housing",
        "route",
        "Housing and planning",
        "Does it change where people live or how neighbourhoods are laid out: moves, new estates, shared "
        "spaces, homes for older people, distance from services?",
    ),
    (
        "digital",
        "route",
        "Digital access",
        "Does it move something online? Who will lack the device, data, skills or confidence to use it, and is "
        "there still a way to speak to a person?",
    ),
    (
        "work",
        "route",
        "Work and volunteering",
        "Does it change people's chances to work, volunteer or learn alongside others, or the hours and "
        "places they do it?",
    ),
    (
        "services",
        "route",
        "Services that bring people together or take contact away",
        "Does it add or remove a point of human contact: a visit, a group, a counter, a phone line, a regular "
        "appointment? Removing routine contact can leave people with no one to speak to.",
    ),
    (
        "older_alone",
        "group",
        "Older people living alone",
        "Think of widowhood, mobility, hearing and sight, and reliance on buses and local services.",
    ),
    (
        "young_adults",
        "group",
        "Young adults",
        "People aged 16 to 24 report loneliness most often: think of leaving education, moving for work, "
        "renting, and spaces to meet that are free.",
    ),
    (
        "carers",
        "group",
        "Carers",
        "Unpaid carers lose time, money and energy for friends; think of breaks and respite.",
    ),
    (
        "disabled",
        "group",
        "Disabled people",
        "Think of physical access, accessible information, transport and support to take part.",
    ),
    (
        "bereaved",
        "group",
        "People who are bereaved",
        "Bereavement is one of the life events most linked to loneliness; think of support at the right time.",
    ),
    (
        "new_parents",
        "group",
        "New parents",
        "Think of baby groups, health visiting, family hubs and the first months back at work.",
    ),
    (
        "migrants",
        "group",
        "Migrants and refugees",
        "Think of language, knowing how things work locally, and places where newcomers meet neighbours.",
    ),
    (
        "poverty",
        "group",
        "People in poverty",
        "Cost is a barrier to joining in: think of fares, fees, data and the price of a coffee.",
    ),
)
