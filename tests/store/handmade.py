"""Documents and events written by hand for the store tests (the project's own words).

`event_in` finds the sentence and the date expression in the document text, so the
offsets stored are real ones and the tests can check them against the text.
"""
from __future__ import annotations

from datetime import date

from timeline.model import Actor, Document, Event, Place

IRAN = Actor("Iran", "country", "IR")
RUSSIA = Actor("Russia", "country", "RU")
UKRAINE = Actor("Ukraine", "country", "UA")
ALABUGA = Place("Alabuga", "RU", 55.76, 52.05, "facility")
KYIV = Place("Kyiv", "UA", 50.45, 30.52, "city", 703448)
ODESA = Place("Odesa", "UA", 46.48, 30.73, "city", 698740)


def doc(text: str, **kw) -> Document:
    return Document(text=text, **kw)


def event_in(
    document: Document,
    sentence: str,
    date_text: str,
    start: date | None,
    end: date | None,
    precision: str | None = "day",
    *,
    summary: str | None = None,
    value: str | None = None,
    event_type: str = "Strategic developments",
    actors: list[Actor] | None = None,
    places: list[Place] | None = None,
    **kw,
) -> Event:
    s_start = document.text.index(sentence)
    t_start = document.text.index(date_text, s_start)
    return Event(
        date_start=start,
        date_end=end,
        precision=precision,
        date_text=date_text,
        date_value=value or (start or end).isoformat() if (start or end) else (value or "XXXX"),
        summary=summary or sentence,
        sentence=sentence,
        sentence_start=s_start,
        sentence_end=s_start + len(sentence),
        timex_start=t_start,
        timex_end=t_start + len(date_text),
        event_type=event_type,
        actors=list(actors or []),
        places=list(places or []),
        doc_id=document.id,
        **kw,
    )


# A report on drone deliveries, and a second outlet's account of the same deliveries.
REPORT_A = doc(
    "Officials in Kyiv said on 9 June 2023 that Iran had shipped a new batch of attack drones to Russia. "
    "The shipment reportedly reached the Alabuga plant in Tatarstan. "
    "Since August 2022 Russia has launched Iranian-designed drones at Ukrainian cities. "
    "On 12 June 2023 a drone strike hit a grain terminal in Odesa.",
    title="Drone shipment reported", url="https://example.org/a", publisher="Example Wire",
    published=date(2023, 6, 13), published_source="given",
)
REPORT_B = doc(
    "According to Ukrainian officials, on 9 June 2023 Iran shipped another batch of attack drones to Russia. "
    "On the same day, 9 June 2023, Ukraine's army reported fighting near Bakhmut.",
    title="Second account", url="https://example.org/b", publisher="Other Daily",
    published=date(2023, 6, 14), published_source="metadata",
)


def events_a() -> list[Event]:
    d = REPORT_A
    s1 = "Officials in Kyiv said on 9 June 2023 that Iran had shipped a new batch of attack drones to Russia."
    s3 = "Since August 2022 Russia has launched Iranian-designed drones at Ukrainian cities."
    s4 = "On 12 June 2023 a drone strike hit a grain terminal in Odesa."
    return [
        event_in(d, s1, "on 9 June 2023", date(2023, 6, 9), date(2023, 6, 9),
                 summary="Iran shipped a new batch of attack drones to Russia", actors=[IRAN, RUSSIA],
                 places=[ALABUGA], confidence=0.8),
        event_in(d, s3, "Since August 2022", date(2022, 8, 1), None, "month", value="2022-08",
                 summary="Russia has launched Iranian-designed drones at Ukrainian cities",
                 event_type="Explosions/Remote violence", actors=[RUSSIA], date_relation="since"),
        event_in(d, s4, "On 12 June 2023", date(2023, 6, 12), date(2023, 6, 12),
                 summary="a drone strike hit a grain terminal in Odesa",
                 event_type="Explosions/Remote violence", sub_type="Air/drone strike", places=[ODESA]),
    ]


def events_b() -> list[Event]:
    d = REPORT_B
    s1 = "According to Ukrainian officials, on 9 June 2023 Iran shipped another batch of attack drones to Russia."
    s2 = "On the same day, 9 June 2023, Ukraine's army reported fighting near Bakhmut."
    return [
        event_in(d, s1, "on 9 June 2023", date(2023, 6, 9), date(2023, 6, 9),
                 summary="Iran shipped another batch of attack drones to Russia", actors=[IRAN, RUSSIA],
                 confidence=0.9),
        # Same day, same actors' war, a different happening: must stay a separate event.
        event_in(d, s2, "9 June 2023", date(2023, 6, 9), date(2023, 6, 9),
                 summary="Ukraine's army reported fighting near Bakhmut", event_type="Strategic developments",
                 actors=[UKRAINE, RUSSIA]),
    ]
