"""What each kind of activity looks like in the demo directory: names, words, sessions, costs and ages.

One profile per activity type in `vocabulary.ACTIVITIES`, so every search
filter has something to find. Descriptions are put together from the
sentences here (an opening, a detail or two, a welcome, a practical note), so
no two listings read quite alike and none is lorem ipsum.
"""

from __future__ import annotations

from dataclasses import dataclass

from connected.directory.vocabulary import Delivery

IN, ONLINE, PHONE = Delivery.IN_PERSON, Delivery.ONLINE, Delivery.PHONE
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
ALLDAYS = (*WEEKDAYS, "SA", "SU")


@dataclass(frozen=True)
class AgeRule:
    minimum: int | None
    maximum: int | None
    text: str
    need: str = ""


ANY_AGE = AgeRule(None, None, "")
ADULTS = AgeRule(18, None, "Adults aged 18 and over.")
OVER_50 = AgeRule(50, None, "For people aged 50 and over.", "older-people")
OVER_65 = AgeRule(65, None, "For people aged 65 and over.", "older-people")
YOUNG = AgeRule(16, 24, "For young people aged 16 to 24.", "young-adults")
PARENTS = AgeRule(16, None, "For parents and carers aged 16 and over with babies and toddlers.", "new-parent")


@dataclass(frozen=True)
class Profile:
    code: str
    weight: int
    names: tuple[str, ...]
    openings: tuple[str, ...]
    details: tuple[str, ...]
    needs: tuple[str, ...]
    delivery: tuple[tuple[str, int], ...]
    days: tuple[str, ...]
    times: tuple[tuple[str, int], ...]  # (opens_at, minutes)
    ages: tuple[tuple[AgeRule, int], ...]
    paid_share: float
    price_pence: tuple[int, int]
    price_note: str
    org_names: tuple[str, ...]
    venues: tuple[str, ...] = ()


PROFILES: tuple[Profile, ...] = (
    Profile(
        "befriending", 10,
        ("{town} Befriending Service", "{nbhd} Good Neighbours", "Friendly Visitors {nbhd}", "Befriend a Neighbour"),
        ("A trained volunteer visits you at home for a chat and a cup of tea once a week.",
         "We match people who would like more company with a friendly volunteer who lives nearby.",
         "Our befrienders offer regular visits and a listening ear to people who feel alone."),
        ("Volunteers are DBS checked and trained before they are matched with anyone.",
         "Many of our friendships go on to include trips out to a café, the shops or the park.",
         "We take time to find someone with shared interests, so it may take a few weeks to find the right match.",
         "Your GP, a social prescribing link worker or a relative can refer you, or you can contact us yourself."),
        ("loneliness", "older-people", "carers", "disability"),
        ((IN, 1),), WEEKDAYS, (("09:30", 420),),
        ((OVER_65, 5), (OVER_50, 3), (ADULTS, 2)), 0.0, (0, 0), "",
        ("{town} Befriending Network", "{nbhd} Good Neighbours Scheme", "Friends of {nbhd}"),
    ),
    Profile(
        "lunch-club", 8,
        ("{nbhd} Lunch Club", "Friendship Lunch at {venue}", "{day} Lunch Club", "{nbhd} Community Lunch"),
        ("A hot two-course lunch and good company, served with a smile.",
         "Come along for a home-cooked meal and a chat with friendly faces.",
         "Our lunch club brings neighbours together over a proper sit-down meal."),
        ("Meals are cooked fresh on the day by our volunteer cooks.",
         "Vegetarian and soft food options are always available; tell us about any allergies when you book.",
         "After lunch there is a quiz, bingo or a visiting speaker.",
         "Please book your place by the Friday before so we know how many to cook for."),
        ("loneliness", "older-people"),
        ((IN, 1),), WEEKDAYS, (("12:00", 120), ("11:30", 150), ("12:30", 90)),
        ((OVER_65, 4), (OVER_50, 4), (ANY_AGE, 1)), 0.85, (300, 600), "per meal, including pudding and a hot drink",
        ("{nbhd} Lunch Club", "{nbhd} Community Association"),
    ),
    Profile(
        "walking-group", 8,
        ("{nbhd} Health Walk", "{day} Walkers", "{park} Walking Group", "Stride and Chat {nbhd}"),
        ("Short, friendly walks at an easy pace, led by trained volunteer walk leaders.",
         "Walk, talk and get some fresh air with a friendly group.",
         "A gentle guided walk of about an hour, finishing with a cuppa."),
        ("Walks are mostly on paths and are suitable for beginners.",
         "Wear comfortable shoes and bring a bottle of water.",
         "Each walk has a leader at the front and a back marker, so nobody gets left behind.",
         "Walks go ahead in most weathers; we only cancel for ice or storms."),
        ("physical-activity", "loneliness", "mental-wellbeing"),
        ((IN, 1),), ("TU", "WE", "TH", "SA", "SU"), (("10:00", 90), ("10:30", 90), ("13:30", 90)),
        ((ANY_AGE, 6), (ADULTS, 3), (OVER_50, 1)), 0.0, (0, 0), "",
        ("{nbhd} Walking Group", "Friends of {park}"),
        ("{park}",),
    ),
    Profile(
        "mens-shed", 5,
        ("{nbhd} Men's Shed", "The {nbhd} Shed", "{town} Community Shed"),
        ("A workshop where men (and anyone else) can make, mend and chat shoulder to shoulder.",
         "Our shed is a place to share skills, work on projects and enjoy a brew with others.",
         "Woodwork, repairs and tinkering in a friendly community workshop."),
        ("We have a bench saw, lathes and hand tools, and we will show you how to use them safely.",
         "Members make bird boxes, benches and planters for local schools and parks.",
         "No experience needed: some come for the woodwork, most come for the company.",
         "There is always a kettle on and biscuits in the tin."),
        ("loneliness", "mental-wellbeing", "older-people"),
        ((IN, 1),), WEEKDAYS, (("10:00", 180), ("09:30", 210), ("13:00", 180)),
        ((ADULTS, 7), (OVER_50, 3)), 0.35, (200, 400), "per session, towards materials",
        ("{nbhd} Men's Shed",),
    ),
    Profile(
        "choir", 6,
        ("{nbhd} Community Choir", "Sing for Joy {nbhd}", "{town} Singing for Wellbeing", "Silver Voices {nbhd}"),
        ("A friendly community choir singing pop, folk and show tunes, with no auditions.",
         "Singing together lifts the spirits: come and join our relaxed sessions.",
         "We sing for fun and perform a couple of times a year at local events."),
        ("You don't need to read music; we learn everything by ear.",
         "Sessions start with a gentle warm-up for body and voice.",
         "Our musical director picks songs that everyone can sing.",
         "There is a tea break halfway through, which is when most of the chatting happens."),
        ("loneliness", "mental-wellbeing"),
        ((IN, 9), (ONLINE, 1)), ("MO", "TU", "WE", "TH"), (("19:00", 90), ("19:30", 90), ("14:00", 90)),
        ((ANY_AGE, 5), (ADULTS, 4), (OVER_50, 1)), 0.4, (200, 500), "per session",
        ("{nbhd} Community Choir", "{town} Community Music"),
    ),
    Profile(
        "reading-group", 5,
        ("{nbhd} Library Reading Group", "{nbhd} Book Club", "Shared Reading at {venue}", "{day} Readers"),
        ("A relaxed book group that meets to talk about what we have been reading.",
         "Shared reading: stories and poems read aloud and talked about together.",
         "Join other book lovers for a friendly discussion over a cup of tea."),
        ("Books are lent free by the library, including large print and audio copies.",
         "There is no pressure to finish the book: come along anyway.",
         "We choose books together, from crime and classics to memoirs.",
         "Everything is read aloud in the session, so there is nothing to prepare."),
        ("loneliness", "mental-wellbeing"),
        ((IN, 8), (ONLINE, 2)), ALLDAYS[:6], (("14:00", 90), ("18:30", 90), ("10:30", 90)),
        ((ADULTS, 7), (ANY_AGE, 2), (OVER_50, 1)), 0.1, (200, 300), "per session",
        ("{nbhd} Library", "Friends of {nbhd} Library"),
        ("{nbhd} Library",),
    ),
    Profile(
        "digital-skills", 6,
        ("Get Online at {venue}", "{nbhd} Digital Drop-in", "Tech Help Café {nbhd}", "Silver Surfers {nbhd}"),
        ("Friendly, patient help with phones, tablets and computers.",
         "Bring your device and your questions: our digital champions will help you get online.",
         "Learn to video call your family, shop online safely and use the NHS App."),
        ("We can lend a tablet to use in the session if you don't have one.",
         "Free wifi is available and we can help you get connected at home.",
         "Sessions are one to one or in small groups, at your own pace.",
         "We also help with online forms such as Universal Credit and blue badge applications."),
        ("digital-inclusion", "older-people", "unemployed"),
        ((IN, 8), (ONLINE, 2)), WEEKDAYS, (("10:00", 120), ("13:30", 120), ("14:00", 90)),
        ((ANY_AGE, 5), (OVER_50, 3), (YOUNG, 2)), 0.05, (200, 300), "per session",
        ("{nbhd} Library", "{town} Digital Inclusion Partnership"),
    ),
    Profile(
        "bereavement-support", 4,
        ("{nbhd} Bereavement Café", "After Loss Support Group", "{town} Bereavement Support", "Time to Talk: Loss"),
        ("A safe, gentle space to talk with others who have lost someone close.",
         "Our bereavement café offers tea, cake and understanding after the death of someone you love.",
         "Support for anyone grieving, however long ago the death was."),
        ("Trained volunteers are on hand if you would like to talk one to one.",
         "You can just listen; nobody has to share anything they don't want to.",
         "We can also put you in touch with counselling and practical help with what needs doing after a death."),
        ("bereavement", "loneliness", "mental-wellbeing"),
        ((IN, 7), (ONLINE, 2), (PHONE, 1)), WEEKDAYS, (("14:00", 120), ("10:30", 90), ("18:30", 90)),
        ((ADULTS, 9), (YOUNG, 1)), 0.0, (0, 0), "",
        ("{town} Bereavement Support", "{nbhd} Hospice Community Team"),
    ),
    Profile(
        "parent-baby", 7,
        ("{nbhd} Stay and Play", "Bumps and Babies {nbhd}", "{nbhd} Parent and Baby Group", "Baby Rhyme Time"),
        ("A relaxed group for parents and carers to meet others and play with their little ones.",
         "Songs, rhymes and play for babies, and a friendly cuppa for grown-ups.",
         "Meet other new parents in your area and share the ups and downs of early parenthood."),
        ("A health visitor drops in once a month to answer questions.",
         "There are toys and soft play for babies and toddlers up to four.",
         "Dads, grandparents and carers are all very welcome.",
         "Prams can be left in the foyer and there are baby changing facilities."),
        ("new-parent", "loneliness", "mental-wellbeing"),
        ((IN, 1),), WEEKDAYS, (("09:30", 90), ("10:00", 90), ("13:30", 90)),
        ((PARENTS, 1),), 0.3, (150, 300), "per family",
        ("{nbhd} Family Hub", "{nbhd} Children's Centre"),
        ("{nbhd} Family Hub", "{nbhd} Children's Centre"),
    ),
    Profile(
        "volunteering", 6,
        ("Volunteer with {org}", "{town} Volunteer Centre drop-in", "Give Time {nbhd}", "Community Champions {nbhd}"),
        ("Find a way to give some time that suits you and meet new people along the way.",
         "Our volunteer drop-in helps you find a role, from gardening to driving to befriending.",
         "Volunteering is a great way to use your skills, learn new ones and feel part of things."),
        ("Training and expenses are provided for every role.",
         "You can volunteer for as little as an hour a month.",
         "Many volunteers say they came to help and stayed for the friendships.",
         "We can also help with references and confidence if you are looking for work."),
        ("loneliness", "new-to-area", "unemployed", "mental-wellbeing"),
        ((IN, 8), (ONLINE, 1), (PHONE, 1)), WEEKDAYS, (("10:00", 180), ("13:00", 180)),
        ((ADULTS, 6), (YOUNG, 3), (ANY_AGE, 1)), 0.0, (0, 0), "",
        ("{town} Volunteer Centre", "{nbhd} Community Association"),
    ),
    Profile(
        "arts-crafts", 6,
        ("{nbhd} Knit and Natter", "Crafty Afternoons at {venue}", "{nbhd} Art Club", "Make and Mend {nbhd}"),
        ("A sociable craft group: bring your own project or try something new.",
         "Painting, drawing and printmaking for beginners, in a relaxed and friendly studio.",
         "Knitting, crochet and sewing with plenty of chat."),
        ("All materials are provided.", "Our tutor is on hand to help you get started.",
         "We make items for local hospitals and charities.",
         "Finished pieces go on show at an exhibition every summer."),
        ("loneliness", "mental-wellbeing", "disability"),
        ((IN, 9), (ONLINE, 1)), ALLDAYS[:6], (("13:30", 120), ("10:00", 120), ("18:30", 120)),
        ((ADULTS, 6), (ANY_AGE, 3), (OVER_50, 1)), 0.45, (200, 500), "per session, including materials",
        ("{nbhd} Arts Collective", "{nbhd} Community Association"),
    ),
    Profile(
        "exercise", 7,
        ("Chair Yoga at {venue}", "{nbhd} Tea Dance", "Move More {nbhd}", "Gentle Exercise Class", "Walking Netball"),
        ("Gentle exercise to music to improve strength, balance and confidence.",
         "A fun, low-impact class that you can do seated or standing.",
         "Get moving at your own pace with a friendly qualified instructor."),
        ("Classes are suitable for people with long-term conditions; speak to the instructor first.",
         "Wear comfortable clothes and bring a drink of water.",
         "Regular classes help with falls prevention and keeping independent.",
         "There is time for a chat and a hot drink after the class."),
        ("physical-activity", "older-people", "disability"),
        ((IN, 9), (ONLINE, 1)), WEEKDAYS, (("10:00", 60), ("11:00", 60), ("14:00", 60), ("18:00", 60)),
        ((OVER_50, 4), (ADULTS, 4), (OVER_65, 2)), 0.55, (200, 500), "per class",
        ("{nbhd} Active Ageing", "{town} Leisure Trust"),
        ("{nbhd} Leisure Centre",),
    ),
    Profile(
        "gardening", 4,
        ("{nbhd} Community Garden", "Grow Together {nbhd}", "{nbhd} Allotment Group"),
        ("Help grow fruit, vegetables and flowers in our community garden.",
         "Get your hands in the soil and meet people in the fresh air.",
         "A therapeutic gardening group for people of all abilities."),
        ("Tools, gloves and seeds are provided.", "We have raised beds for people who find bending difficult.",
         "Produce is shared among members and given to the local food bank.",
         "No gardening experience needed, just an interest in growing."),
        ("mental-wellbeing", "physical-activity", "loneliness"),
        ((IN, 1),), ("TU", "WE", "TH", "SA"), (("10:00", 180), ("13:00", 150)),
        ((ANY_AGE, 6), (ADULTS, 4)), 0.0, (0, 0), "",
        ("{nbhd} Community Garden", "{nbhd} Growing Project"),
        ("{nbhd} Community Garden", "{nbhd} Allotments"),
    ),
    Profile(
        "coffee-morning", 7,
        ("{nbhd} Coffee Morning", "Chatty Café at {venue}", "{day} Drop-in", "Tea and Chat {nbhd}"),
        ("Drop in for a cup of tea, a biscuit and a friendly chat.",
         "A warm, welcoming space to sit, chat and meet your neighbours.",
         "Our coffee morning is the friendliest hour in the neighbourhood."),
        ("There is a table of books and jigsaws to swap.", "Cakes are home made by our volunteers.",
         "Somebody is always on hand to make introductions if you come on your own.",
         "Advisers sometimes drop in to help with money and benefits questions."),
        ("loneliness", "new-to-area", "older-people"),
        ((IN, 1),), ("MO", "TU", "WE", "TH", "FR", "SA"), (("10:00", 120), ("10:30", 90), ("09:30", 120)),
        ((ANY_AGE, 8), (OVER_50, 2)), 0.2, (100, 200), "for a drink and cake",
        ("{nbhd} Community Association", "St {saint}'s Church, {nbhd}"),
    ),
    Profile(
        "telephone-friendship", 4,
        ("{town} Telephone Friends", "Call and Chat", "Phone Pals {town}", "Friendly Call Group"),
        ("A regular friendly phone call from a volunteer, at a time that suits you.",
         "Group phone calls for people who can't easily get out: a chat from your own armchair.",
         "Someone to talk to on the phone, regularly, for as long as you like."),
        ("Calls are free to receive on a landline or mobile.",
         "Group calls have up to six people and a volunteer host.",
         "Our volunteers are trained and supported by staff."),
        ("loneliness", "older-people", "disability", "carers"),
        ((PHONE, 1),), WEEKDAYS, (("10:00", 60), ("14:00", 60), ("15:00", 60)),
        ((OVER_65, 4), (OVER_50, 4), (ADULTS, 2)), 0.0, (0, 0), "",
        ("{town} Befriending Network", "{town} Telephone Friends"),
    ),
    Profile(
        "peer-support", 5,
        ("{town} Carers' Group", "Hear to Listen {nbhd}", "Men's Mental Health Circle", "Young Carers Meet-up",
         "New in {town}"),
        ("A peer support group where people with shared experiences support each other.",
         "Meet others in a similar situation, share what helps and feel less alone.",
         "A friendly, confidential group, run by people who have been there."),
        ("Everything said in the group stays in the group.", "Newcomers are paired with a buddy for their first visit.",
         "We invite speakers on topics the group chooses.",
         "Some members also keep in touch between meetings through a group chat."),
        ("mental-wellbeing", "carers", "refugees", "new-to-area", "disability"),
        ((IN, 7), (ONLINE, 3)), WEEKDAYS, (("18:30", 90), ("13:00", 90), ("10:30", 90)),
        ((ADULTS, 7), (YOUNG, 3)), 0.0, (0, 0), "",
        ("{town} Carers Centre", "{town} Mind", "{nbhd} Welcome Network"),
    ),
    Profile(
        "faith-community", 4,
        ("Open House at {venue}", "{nbhd} Warm Space", "Community Supper", "{day} Welcome Café"),
        ("Run by a local faith group and open to everyone, of any faith or none.",
         "A warm space with hot drinks, soup and company on cold days.",
         "Our doors are open for food, friendship and a listening ear."),
        ("There is no religious content and no expectation to join in with anything.",
         "Hot food is free for anyone who needs it.", "Board games, newspapers and free wifi are available.",
         "Volunteers can help you find other local support."),
        ("loneliness", "refugees", "new-to-area"),
        ((IN, 1),), ALLDAYS, (("11:00", 180), ("17:30", 120), ("12:00", 120)),
        ((ANY_AGE, 1),), 0.05, (100, 300), "suggested donation",
        ("St {saint}'s Church, {nbhd}", "{nbhd} Methodist Church", "{nbhd} Gurdwara", "{nbhd} Mosque Community Hub"),
    ),
    Profile(
        "advice", 4,
        ("{town} Money Advice Drop-in", "Benefits Check Clinic", "{nbhd} Advice Surgery", "Housing Help {nbhd}"),
        ("Free, independent and confidential advice on money, benefits, debt and housing.",
         "Drop in to talk to an adviser about bills, benefits or anything that is worrying you.",
         "Practical help to check you are getting everything you are entitled to."),
        ("Bring any letters or paperwork you have been sent.",
         "Advisers can help you fill in forms and make calls on your behalf.",
         "We can arrange a home visit if you can't get to us."),
        ("unemployed", "older-people", "disability", "carers"),
        ((IN, 6), (PHONE, 4)), WEEKDAYS, (("09:30", 180), ("13:00", 180)),
        ((ADULTS, 1),), 0.0, (0, 0), "",
        ("{town} Advice Centre", "{nbhd} Law Centre"),
    ),
)  # fmt: skip

WELCOMES = (
    "Everyone is welcome, whether you come on your own or with a friend.",
    "You don't need to book; just turn up.",
    "If it is your first time, one of our volunteers will meet you at the door.",
    "Please get in touch before your first visit so we can say hello.",
    "New faces are always welcome.",
    "Come along once to see if it is for you; there is no commitment.",
    "Bring a friend, a neighbour or a carer if you would like to.",
    "Booking is not essential, but it helps us to know you are coming.",
)
PRACTICALS = (
    "Tea and coffee are provided.",
    "Transport can be arranged for people who find it hard to get out.",
    "Carers come free.",
    "The venue is on a bus route and has parking nearby.",
    "Let us know if you have any access needs and we will do our best to help.",
    "Interpreters can be arranged if you ask in advance.",
    "Assistance dogs are welcome.",
    "",
)
VENUES = (
    "{nbhd} Community Centre", "St {saint}'s Church Hall", "{nbhd} Library", "{nbhd} Methodist Church",
    "The {nbhd} Hub", "{nbhd} Community Hall", "{nbhd} Baptist Church", "{nbhd} Friends Meeting House",
    "{nbhd} Neighbourhood Centre", "The Old School Rooms, {nbhd}",
)  # fmt: skip
GENERIC_ORGS = (
    "{nbhd} Community Association", "{town} Together", "{nbhd} Neighbourhood Network",
    "{town} Community Voluntary Service", "Age Well {town}", "{nbhd} Residents' Association", "{town} Wellbeing Trust",
)  # fmt: skip
SAINTS = ("Mary", "John", "Peter", "Paul", "Andrew", "Michael", "George", "Luke", "Anne", "Chad", "Aidan", "Margaret")
PARKS = ("{nbhd} Park", "{nbhd} Recreation Ground", "{nbhd} Fields", "{nbhd} Woods")
STREETS = (
    "Church Lane", "Victoria Road", "Station Road", "High Street", "Park Road", "Mill Lane", "Albert Street",
    "Queen Street", "King Street", "Chapel Street", "Green Lane", "Manor Road", "School Lane", "York Road",
    "Grove Road", "Spring Gardens", "Oak Avenue", "Market Street", "North Street", "Windsor Road", "Hall Lane",
    "Princess Street", "Westfield Road", "Cemetery Road", "Moor Lane", "Hill Top", "Brook Street", "Elm Grove",
)  # fmt: skip
FIRST_NAMES = (
    "Sam", "Alex", "Jo", "Chris", "Pat", "Priya", "Amir", "Grace", "Tom", "Ruth", "Aisha", "Dev", "Helen", "Kemi",
    "Marek", "Sian", "Lewis", "Farah", "Beth", "Owen", "Nadia", "Colin", "Maya", "Rosa", "Ian", "Tariq", "Lin",
)  # fmt: skip
SURNAMES = (
    "Example", "Sample", "Testwell", "Placeholder", "Demoson", "Fictional", "Madeup", "Specimen", "Mockup",
    "Pretendly", "Imaginary", "Trialby", "Makebelieve", "Notreal", "Exemplar", "Invented",
)  # fmt: skip
CONTACT_TITLES = (
    "Volunteer coordinator", "Group leader", "Project worker", "Centre manager", "Activities organiser",
    "Community development worker",
)  # fmt: skip
FUNDERS = (
    "{council} community grants", "National Lottery Community Fund", "Local donations and fundraising",
    "{council} public health", "Membership subscriptions",
)  # fmt: skip
ACCESS_ODDS = {
    "step-free": 0.75,
    "accessible-toilet": 0.6,
    "seating": 0.5,
    "parking": 0.4,
    "hearing-loop": 0.35,
    "quiet-space": 0.2,
    "large-print": 0.15,
    "bsl": 0.05,
}
ACCESS_DETAILS = {
    "step-free": ("Step-free access to the building and the meeting room.", "Level entrance with automatic doors."),
    "accessible-toilet": ("Accessible toilet on the ground floor.", "Fitted with grab rails and an alarm cord."),
    "seating": ("Chairs with arms are available throughout.", "Ask a volunteer if you need a higher seat."),
    "parking": ("Accessible parking spaces next to the entrance.", "Blue badge holders can park in the front bays."),
    "hearing-loop": ("Hearing loop in the main hall.", "Switch your hearing aid to the T setting."),
    "quiet-space": ("A quiet room is available if you need a break.", "Ask at the front desk."),
    "large-print": ("Large print materials are available.", "Ask for a large print copy of any handout."),
    "bsl": ("British Sign Language interpreter at sessions on request.", "Please give a week's notice."),
}
PARK_ACCESS = {
    "step-free": ("Level, surfaced paths for most of the route.", "Some sections can be muddy after rain."),
    "parking": ("Car park at the main entrance, with accessible bays.", "Free for blue badge holders."),
    "seating": ("Benches along the route.", "The walk leader stops for rests at each one."),
}
