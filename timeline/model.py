"""Records shared by ingest, events, store, app and export.

Plain dataclasses, no behaviour beyond (de)serialisation, so every stage can
import them without importing each other. Field names follow ACLED / UCDP GED
where they overlap (event_type, sub_type, actors, fatalities, geo precision).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

PublishedSource = Literal["given", "metadata", "dateline", "inferred", "unknown"]

#: ACLED's six event types (https://acleddata.com codebook), plus "other"
#: for dated happenings that fit none of them.
EVENT_TYPES: tuple[str, ...] = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
    "Other",
)


#: ACLED's 25 sub-event types under their event type (codebook, 2023). "Other" has none.
SUB_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
    "Other": (),
}


def content_id(text: str) -> str:
    """Stable document id: the SHA-256 of its text (first 32 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(slots=True)
class Document:
    """One article or report, ready for tagging.

    `published` is the document creation time (DCT) used to anchor relative
    dates, and `published_source` says how it was found; `published_evidence`
    is the text or metadata field it came from, shown to the user.
    `published_value` is the publication date at the precision known, as a
    TIMEX3 value ("2023-06-13", "2023"): `published` is set only when that is a
    day, so a year-only date can pin "last year" but never "on Friday".
    """

    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    published_source: PublishedSource = "unknown"
    published_evidence: str | None = None
    published_value: str | None = None
    origin: str | None = None          # path (and line for JSONL) it was read from
    encoding: str | None = None        # detected encoding of the source bytes
    external_id: str | None = None     # the "id" of a JSONL record, if any
    language: str | None = None        # ISO 639-1 code detected at ingest (timeline.language); None: undetermined
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


@dataclass(slots=True)
class Actor:
    name: str                  # canonical name, e.g. "Iran", "Russian Armed Forces", "John Kirby"
    kind: str                  # country | military | government | organisation | person | group
    country: str | None = None  # ISO 3166-1 alpha-2 where known


@dataclass(slots=True)
class Place:
    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    #: How precise the point is, finest first: facility | village | town | city | district | region |
    #: water | country (a region's or a country's point is only a representative point inside it).
    precision: str = "country"
    geonameid: int | None = None
    admin1: str | None = None   # first-level division (oblast, province, region), English GeoNames name


@dataclass(slots=True)
class Event:
    """A dated happening, as extracted from one sentence (or clause) of one document.

    `date_end` is None for an open-ended interval ("since August 2022");
    `date_start` None for an open start ("until May"). Both None means the
    date could not be resolved (no DCT): `date_value` still holds the TIMEX3
    value, e.g. ``XXXX-10``, so nothing is invented.
    """

    date_start: date | None
    date_end: date | None
    precision: str | None
    date_text: str
    date_value: str
    summary: str
    sentence: str
    sentence_start: int
    sentence_end: int
    timex_start: int                 # document offsets of the date expression
    timex_end: int
    approximate: bool = False
    date_mod: str | None = None      # TIMEX3 mod (START, END, APPROX, BEFORE, ...)
    date_relation: str | None = None  # since | until | before | after | reported (dated by publication) | ...
    event_type: str = "Other"
    sub_type: str | None = None
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    fatalities: int | None = None
    confidence: float = 0.5
    doc_id: str = ""
    actor1: str | None = None        # who acted, in ACLED's naming ("Military Forces of Russia", "Protesters (Kenya)")
    actor2: str | None = None        # who was acted on, if anyone ("Civilians (Ukraine)")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("date_start", "date_end"):
            if d[k] is not None:
                d[k] = d[k].isoformat()
        return d


@dataclass(slots=True)
class EventFilter:
    """What the CLI, the app and the export filter by; None / empty means no filter.

    Dates select events whose interval overlaps [date_from, date_to].
    """

    date_from: date | None = None
    date_to: date | None = None
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)   # publisher names or document ids
    search: str | None = None
    include_hidden: bool = False   # events an analyst marked "not an event" (kept, but out of views)
