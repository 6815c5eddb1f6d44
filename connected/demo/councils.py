"""The local authorities the demo directory covers, and real postcodes inside them.

Each area is one council's ORUK feed. Its neighbourhoods are real postcode
districts (outcodes) with the name people use for them, so a venue in
"Headingley" sits at a real LS6 postcode and its real coordinates. Postcodes
come from the shared NSPL extract (`SHARED_DIR/data/postcodes`), read once per
process; only the districts named here are kept.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

# England's bounding box, generously: every demo location must fall inside it.
ENGLAND_BBOX = (49.8, -6.5, 55.9, 1.8)  # south, west, north, east


@dataclass(frozen=True)
class Area:
    key: str
    council: str
    town: str
    county: str
    population: int  # relative weight: larger councils list more activities
    districts: tuple[tuple[str, str], ...]  # (outcode, neighbourhood name)
    languages: tuple[tuple[str, str], ...]  # community languages other than English: (name, ISO 639 code)
    neighbours: tuple[str, ...] = field(default=())
    town_is_district: bool = False  # a county: the post town is the district's own town
    place: str = ""  # what local groups call the area, where it is not the post town (London boroughs)

    def city(self, district: str) -> str:
        return district if self.town_is_district else self.town

    @property
    def feed_name(self) -> str:
        return f"{self.council} directory"

    @property
    def slug(self) -> str:
        return self.key


AREAS: dict[str, Area] = {
    a.key: a
    for a in (
        Area(
            "leeds", "Leeds City Council", "Leeds", "West Yorkshire", 810,
            (("LS1", "Leeds city centre"), ("LS4", "Kirkstall"), ("LS6", "Headingley"), ("LS7", "Chapeltown"),
             ("LS8", "Roundhay"), ("LS9", "Burmantofts"), ("LS10", "Hunslet"), ("LS11", "Beeston"),
             ("LS12", "Armley"), ("LS13", "Bramley"), ("LS14", "Seacroft"), ("LS15", "Cross Gates"),
             ("LS16", "Adel"), ("LS17", "Moortown"), ("LS18", "Horsforth"), ("LS25", "Garforth"),
             ("LS26", "Rothwell"), ("LS27", "Morley"), ("LS28", "Pudsey")),
            (("Polish", "pl"), ("Urdu", "ur"), ("Punjabi", "pa"), ("Kurdish", "ku")),
        ),
        Area(
            "manchester", "Manchester City Council", "Manchester", "Greater Manchester", 550,
            (("M1", "Manchester city centre"), ("M4", "Ancoats"), ("M8", "Cheetham Hill"), ("M9", "Blackley"),
             ("M11", "Openshaw"), ("M12", "Longsight"), ("M13", "Ardwick"), ("M14", "Fallowfield"),
             ("M15", "Hulme"), ("M16", "Whalley Range"), ("M18", "Gorton"), ("M19", "Levenshulme"),
             ("M20", "Didsbury"), ("M21", "Chorlton"), ("M22", "Wythenshawe"), ("M40", "Moston")),
            (("Urdu", "ur"), ("Arabic", "ar"), ("Polish", "pl"), ("Somali", "so")),
            ("salford",),
        ),
        Area(
            "salford", "Salford City Council", "Salford", "Greater Manchester", 270,
            (("M3", "Salford Central"), ("M5", "Ordsall"), ("M6", "Pendleton"), ("M7", "Broughton"),
             ("M27", "Swinton"), ("M28", "Walkden"), ("M30", "Eccles"), ("M44", "Irlam")),
            (("Polish", "pl"), ("Yiddish", "yi"), ("Arabic", "ar")),
            ("manchester",),
        ),
        Area(
            "bristol", "Bristol City Council", "Bristol", "Bristol", 470,
            (("BS1", "Bristol city centre"), ("BS2", "St Pauls"), ("BS3", "Bedminster"), ("BS4", "Knowle"),
             ("BS5", "Easton"), ("BS6", "Redland"), ("BS7", "Horfield"), ("BS8", "Clifton"),
             ("BS9", "Westbury-on-Trym"), ("BS10", "Southmead"), ("BS11", "Avonmouth"), ("BS13", "Hartcliffe"),
             ("BS14", "Stockwood"), ("BS16", "Fishponds")),
            (("Somali", "so"), ("Polish", "pl"), ("Punjabi", "pa"), ("Arabic", "ar")),
        ),
        Area(
            "cornwall", "Cornwall Council", "Truro", "Cornwall", 570,
            (("TR1", "Truro"), ("TR7", "Newquay"), ("TR11", "Falmouth"), ("TR13", "Helston"),
             ("TR14", "Camborne"), ("TR15", "Redruth"), ("TR18", "Penzance"), ("TR26", "St Ives"),
             ("PL14", "Liskeard"), ("PL15", "Launceston"), ("PL25", "St Austell"), ("PL26", "Mevagissey"),
             ("PL28", "Padstow"), ("PL31", "Bodmin")),
            (("Polish", "pl"), ("Portuguese", "pt"), ("Cornish", "kw")),
            town_is_district=True,
        ),
        Area(
            "newcastle", "Newcastle City Council", "Newcastle upon Tyne", "Tyne and Wear", 300,
            (("NE1", "Newcastle city centre"), ("NE2", "Jesmond"), ("NE3", "Gosforth"), ("NE4", "Elswick"),
             ("NE5", "Denton Burn"), ("NE6", "Byker"), ("NE7", "High Heaton"), ("NE15", "Newburn")),
            (("Arabic", "ar"), ("Bengali", "bn"), ("Polish", "pl"), ("Chinese (Cantonese)", "yue")),
            ("gateshead",),
        ),
        Area(
            "gateshead", "Gateshead Council", "Gateshead", "Tyne and Wear", 200,
            (("NE8", "Gateshead town centre"), ("NE9", "Low Fell"), ("NE10", "Felling"), ("NE11", "Dunston"),
             ("NE16", "Whickham"), ("NE21", "Blaydon")),
            (("Polish", "pl"), ("Yiddish", "yi")),
            ("newcastle",),
        ),
        Area(
            "norwich", "Norwich City Council", "Norwich", "Norfolk", 145,
            (("NR1", "Lakenham"), ("NR2", "Norwich city centre"), ("NR3", "Mile Cross"), ("NR4", "Eaton"),
             ("NR5", "Bowthorpe"), ("NR6", "Hellesdon"), ("NR7", "Sprowston")),
            (("Portuguese", "pt"), ("Lithuanian", "lt"), ("Polish", "pl")),
        ),
        Area(
            "hackney", "London Borough of Hackney", "London", "Greater London", 260,
            (("E8", "Dalston"), ("E5", "Clapton"), ("N16", "Stoke Newington"), ("E9", "Homerton")),
            (("Turkish", "tr"), ("Yiddish", "yi"), ("Polish", "pl"), ("Bengali", "bn")),
            ("islington",),
            place="Hackney",
        ),
        Area(
            "islington", "London Borough of Islington", "London", "Greater London", 220,
            (("N1", "Islington"), ("N7", "Holloway"), ("N19", "Archway"), ("N5", "Highbury"), ("N4", "Finsbury Park")),
            (("Turkish", "tr"), ("Somali", "so"), ("Bengali", "bn")),
            ("hackney",),
            place="Islington",
        ),
        Area(
            "birmingham", "Birmingham City Council", "Birmingham", "West Midlands", 1140,
            (("B6", "Aston"), ("B8", "Washwood Heath"), ("B10", "Small Heath"), ("B11", "Sparkhill"),
             ("B12", "Balsall Heath"), ("B13", "Moseley"), ("B14", "Kings Heath"), ("B15", "Edgbaston"),
             ("B17", "Harborne"), ("B18", "Hockley"), ("B20", "Handsworth"), ("B23", "Erdington"),
             ("B29", "Selly Oak"), ("B30", "Bournville"), ("B31", "Northfield"), ("B44", "Kingstanding"),
             ("B73", "Sutton Coldfield")),
            (("Urdu", "ur"), ("Punjabi", "pa"), ("Bengali", "bn"), ("Arabic", "ar"), ("Somali", "so")),
        ),
    )
}  # fmt: skip


def resolve_areas(feeds: object = None) -> tuple[Area, ...]:
    """Areas chosen by key ("leeds"), council, or feed name; None means all of them."""
    if feeds is None:
        return tuple(AREAS.values())
    if isinstance(feeds, str):
        feeds = [feeds]
    by_name = {}
    for area in AREAS.values():
        for name in (area.key, area.council, area.feed_name):
            by_name[name.lower()] = area
    chosen: list[Area] = []
    for name in feeds:  # type: ignore[attr-defined]
        area = name if isinstance(name, Area) else by_name.get(str(name).lower())
        if area is None:
            raise ValueError(f"Unknown area {name!r}; choose from: {', '.join(AREAS)}")
        if area not in chosen:
            chosen.append(area)
    if not chosen:
        raise ValueError("Choose at least one area")
    return tuple(chosen)


def postcodes_file() -> Path:
    return Path(settings.SHARED_DIR) / "data" / "postcodes" / "gb_postcodes_nspl_may2025.csv.gz"


@cache
def district_postcodes() -> dict[str, tuple[tuple[str, float, float], ...]]:
    """Every live-looking postcode (with coordinates inside England) in the demo's districts, by outcode."""
    wanted = {outcode for area in AREAS.values() for outcode, _ in area.districts}
    firsts = tuple({o[0] for o in wanted})
    south, west, north, east = ENGLAND_BBOX
    found: dict[str, list[tuple[str, float, float]]] = {o: [] for o in wanted}
    with gzip.open(postcodes_file(), "rt", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            if not line.startswith(firsts):
                continue
            postcode, lat, lon = line.rstrip("\n").split(",")
            bucket = found.get(postcode.split(" ", 1)[0])
            if bucket is None or not lat or not lon:
                continue
            la, lo = float(lat), float(lon)
            if south <= la <= north and west <= lo <= east:
                bucket.append((postcode, la, lo))
    missing = [o for o, rows in found.items() if not rows]
    if missing:
        raise RuntimeError(f"No postcodes found for districts {', '.join(sorted(missing))} in {postcodes_file()}")
    return {o: tuple(rows) for o, rows in found.items()}
