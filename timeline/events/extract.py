"""Document + timexes -> dated events, one per dated happening (clause), traceable to its sentence.

Pipeline: sentences -> drop boilerplate -> dates that can anchor a happening -> from/to pairs ->
clauses -> per clause: date fields, reporting date or happening, ACLED type, actors, places,
fatalities, confidence.

Publication stamps ("Published: <date>") and dateline dates are skipped (see headers.py).

Places of a dated sentence also take the explicitly named places of the undated sentences that
follow it in the same paragraph ("... the White House said on Friday. The weapons are ferried to
Makhachkala from Amirabad ..."): those sentences elaborate the dated one and would otherwise never
reach the map. Actors are not carried over, they stay with the clause that names them.
"""
from __future__ import annotations

import bisect
import re
from datetime import date

from ..gazetteer import Mentions, scan
from ..model import Actor, Document, Event, Place
from ..temporal.model import Timex
from .boilerplate import is_boilerplate
from .classify import Classification, cue_matches, score
from .clauses import clean_clause, content_words, focus, split_clauses
from .dates import DateFields, anchors_event, date_fields, merge_qualifiers, pair_ranges
from .background import is_background_date, is_background_sentence
from .context_dates import context_fields, continues, is_title, reported_fields, same_paragraph
from .fatalities import fatalities
from .headers import dateline_end, is_stamp
from .reporting import is_reporting_date, statement_summary
from .actor_roles import assign as assign_roles
from .actor_roles import speaker
from .sentences import Span, split_sentences
from .summaries import readable_summary, starts_with_pronoun

STATEMENT_TYPE = "Strategic developments"
#: A cue score at least this high names what a statement is about.
STRONG_CUE = 0.8
_PRECISION_SCORE = {"day": 0.45, "week": 0.38, "month": 0.33, "season": 0.28, "quarter": 0.28, "half": 0.25,
                    "year": 0.22, "decade": 0.12, "century": 0.08}


def extract(doc: Document, timexes: list[Timex] | None = None) -> list[Event]:
    """Dated events of `doc`. Without `timexes`, tags `doc.text` anchored to `doc.published` (None stays None)."""
    if not isinstance(doc, Document):
        raise TypeError(f"extract() needs a timeline.model.Document, got {type(doc).__name__}")
    text = doc.text or ""
    if timexes is None:
        timexes = _tag(text, _dct(doc))
    _check_offsets(doc, timexes)
    anchors = merge_qualifiers(text, sorted((t for t in timexes if anchors_event(t)), key=lambda t: t.start))
    sentences = _whole_dates(split_sentences(text), anchors)
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Timex]] = {}
    for t in anchors:
        k = bisect.bisect_right(starts, t.start) - 1
        if k >= 0:
            by_sentence.setdefault(k, []).append(t)
    mentions = scan(text) if sentences else Mentions()
    events: list[Event] = []
    dated_events: dict[int, list[Event]] = {}
    for k, sentence in enumerate(sentences):
        if is_boilerplate(text[sentence.start:sentence.end]):
            continue
        dated: list[Timex] = []
        for t in by_sentence.get(k, ()):
            story = dateline_end(text, sentence, t)
            if story is not None:          # the dateline's date is the publication date, not a happening
                sentence = Span(story, sentence.end)
            elif not is_stamp(text, sentence, t):
                dated.append(t)
        if dated and not content_words(text, sentence.start, sentence.end, [(t.start, t.end) for t in dated]):
            continue   # "Wednesday." or "Until this week.": a date alone says nothing happened
        sentence_events = _sentence_events(doc, text, sentence, dated, mentions) if dated else None
        if sentence_events is None:        # no date of its own (or only dates of other matters)
            sentence_events = _undated_event(doc, text, sentences, k, sentence, dated_events, mentions)
        elif sentence_events:
            dated_events[k] = sentence_events
        if sentence_events:
            extra = _continuation_places(text, sentences, k, by_sentence, mentions)
            last = sentence_events[-1]
            known = {(p.name, p.country) for p in last.places}
            last.places.extend(p for p in extra if (p.name, p.country) not in known)
        events.extend(sentence_events)
    return events


#: A document of at most this many sentences is a note about one happening (an ACLED-style description, a
#: wire brief): its undated sentences need no place or toll to be dated by the report.
SHORT_NOTE = 3
#: Words that say people died: a report of deaths is a happening even with no place named.
_DEATH = re.compile(r"\b(?:kill|killed|killing|kills|dead|died|death|deaths|slain|lynch|lynched|behead|beheaded|"
                    r"executed|massacred?|shot dead|murdered|toll)\b")     # matched on lower-cased text


def _undated_event(doc: Document, text: str, sentences: list[Span], k: int, sentence: Span,
                   dated_events: dict[int, list[Event]], mentions: Mentions) -> list[Event]:
    """An event for a sentence with a strong cue and no date: dated from context, else by the report."""
    sentence_text = text[sentence.start:sentence.end]
    previous = None
    for j in range(k - 1, -1, -1):
        if not same_paragraph(text, sentences[j].end, sentence.start):
            break
        if j in dated_events:
            previous = dated_events[j][-1]
            break
    places = mentions.places_in(sentence.start, sentence.end)
    local = any(p.precision != "country" for p in places)
    note = len(sentences) <= SHORT_NOTE       # a note of a few sentences is itself the report of its event
    if previous is None and not local and not note and not _DEATH.search(sentence_text.lower()):
        # Dated only by the report, it must say where or that people died, else it is commentary or history
        # ("Iran denies supplying weapons", "Ukraine used Bayraktar drones against Russian columns").
        return []
    if (len(sentences) > 1 and is_title(sentence_text)) or is_background_sentence(sentence_text):
        return []       # a headline restates the story its body tells; commentary and forecasts are no happening
    cls = score(cue_matches(sentence_text))
    strong = cls.event_type != "Other" and cls.score >= STRONG_CUE
    dead = fatalities(sentence_text)
    if not (strong or dead):
        return []       # a stated death toll is a happening too ("Gunmen killed three police officers")
    if previous is not None and continues(sentence_text, cls.event_type, previous):
        fields = context_fields(previous, sentence.start)
    elif dead is None and not local and not note:
        return []
    else:
        fields = reported_fields(doc.published, sentence.start)
    actors = mentions.actors_in(sentence.start, sentence.end)
    event = Event(
        date_start=fields.date_start, date_end=fields.date_end, precision=fields.precision,
        date_text=fields.date_text, date_value=fields.date_value,
        summary=_summary(text, sentence_text, sentence, mentions), sentence=sentence_text,
        sentence_start=sentence.start, sentence_end=sentence.end,
        timex_start=fields.timex_start, timex_end=fields.timex_end,
        approximate=fields.approximate, date_mod=fields.date_mod, date_relation=fields.date_relation,
        event_type=cls.event_type, sub_type=cls.sub_type, actors=actors, places=places,
        fatalities=dead, doc_id=doc.id,
    )
    event.actor1, event.actor2 = assign_roles(text, sentence.start, sentence.end, cls.event_type,
                                              event_country(text, sentence, places, mentions), mentions)
    event.summary = readable_summary(event.summary, event.actor1, _antecedent(event.summary, sentence, mentions))
    event.confidence = confidence(fields, cls.score, actors, places)
    return [event]


def _whole_dates(sentences: list[Span], timexes: list[Timex]) -> list[Span]:
    """Join sentences that a date expression runs across ("Mr. 12 a.m. 2023" cut after "a.m."), so every
    event's date lies inside its sentence; one pass, each boundary looked at once."""
    if len(sentences) < 2 or not timexes:
        return sentences
    starts = [s.start for s in sentences]
    joined = [False] * len(sentences)       # joined[k]: sentence k continues into k + 1
    for t in timexes:
        k = bisect.bisect_right(starts, t.start) - 1
        while 0 <= k < len(sentences) - 1 and t.end > sentences[k].end:
            joined[k] = True
            k += 1
    out: list[Span] = []
    first = None
    for k, s in enumerate(sentences):
        first = s.start if first is None else first
        if not joined[k]:
            out.append(Span(first, s.end))
            first = None
    return out


def _check_offsets(doc: Document, timexes: list[Timex]) -> None:
    """Timexes must come from this very text: a mismatch means they were tagged on another version."""
    for t in timexes:
        if not (0 <= t.start < t.end <= len(doc.text)) or doc.text[t.start:t.end] != t.text:
            where = doc.origin or doc.title or f"document {doc.id}"
            raise ValueError(f"{where}: timex {t.text!r} at {t.start}-{t.end} does not match the document text "
                             f"(found {doc.text[t.start:t.end]!r}); tag the same text you pass to extract()")


def _dct(doc: Document) -> date | str | None:
    """The anchor for tagging: the day when known, else a year-only value (pins "last year" only)."""
    if doc.published is not None:
        return doc.published
    value = doc.published_value or ""
    return value[:4] if len(value) >= 4 and value[:4].isdigit() else None


def _tag(text: str, dct: date | str | None) -> list[Timex]:
    try:
        from ..temporal import tag
    except ImportError as exc:  # the tagger is a separate part of the project
        raise RuntimeError("timeline.events.extract needs timeline.temporal.tag to find dates "
                           "when no timexes are passed") from exc
    return tag(text, dct)


def _sentence_events(doc: Document, text: str, sentence: Span, timexes: list[Timex],
                     mentions: Mentions) -> list[Event] | None:
    groups = [g for g in pair_ranges(text, timexes) if not is_background_date(text, g[0], sentence.start)]
    if not groups:
        return None          # only dates of other matters ("the famine of 1932"): the sentence is undated
    spans = [(first.start, (last or first).end) for first, last in groups]
    clauses = split_clauses(text, sentence, spans)
    sentence_text = text[sentence.start:sentence.end]
    out = []
    seen: set[tuple] = set()
    for (first, last), clause in zip(groups, clauses):
        fields = date_fields(text, first, last)
        key = (fields.date_value, fields.date_relation, clause.start, clause.end)
        if key in seen:      # "on Friday ... Friday's talks": one happening, one event
            continue
        seen.add(key)
        clause_text = text[clause.start:clause.end]
        cls = _classify(text, clause, fields)
        summary = None
        event_type, sub_type = cls.event_type, cls.sub_type
        statement = last is None and is_reporting_date(text, first.start, first.end, clause.start)
        if statement:
            event_type = STATEMENT_TYPE
            # the statement keeps the clause's strategic sub-type only on a strong cue ("signed a deal"),
            # not on a weak one from the reported content ("had been destroyed")
            strong = cls.event_type == STATEMENT_TYPE and cls.score >= STRONG_CUE
            sub_type = cls.sub_type if strong else "Other"
            # "<content>, <speaker> said on <date>[, ...]": the statement ends at the date's own stretch.
            stop = focus(text, clause, fields.timex_start, fields.timex_end).end
            summary = (statement_summary(_without_date(text, Span(clause.start, stop), fields))
                       or statement_summary(_without_date(text, Span(sentence.start, stop), fields)))
        actors = mentions.actors_in(clause.start, clause.end) or mentions.actors_in(sentence.start, sentence.end)
        places = mentions.event_places((clause.start, clause.end), (sentence.start, sentence.end))
        event = Event(
            date_start=fields.date_start, date_end=fields.date_end, precision=fields.precision,
            date_text=fields.date_text, date_value=fields.date_value,
            summary=_summary(text, summary or clause_text, sentence, mentions), sentence=sentence_text,
            sentence_start=sentence.start, sentence_end=sentence.end,
            timex_start=fields.timex_start, timex_end=fields.timex_end,
            approximate=fields.approximate, date_mod=fields.date_mod, date_relation=fields.date_relation,
            event_type=event_type, sub_type=sub_type, actors=actors, places=places,
            fatalities=fatalities(clause_text), doc_id=doc.id,
        )
        country = event_country(text, sentence, places, mentions)
        if statement and sub_type == "Other":      # the statement is the event: who made it acted
            event.actor1, event.actor2 = speaker(text, clause.start, clause.end, fields.timex_start, country,
                                                 mentions), None
        else:
            event.actor1, event.actor2 = assign_roles(text, clause.start, clause.end, event_type, country, mentions)
        if starts_with_pronoun(event.summary):
            event.summary = readable_summary(event.summary, event.actor1, _antecedent(event.summary, sentence, mentions))
        event.confidence = confidence(fields, cls.score if event_type != "Other" else 0.0, actors, places)
        out.append(event)
    return out


def _summary(text: str, clause_text: str, sentence: Span, mentions: Mentions) -> str:
    """The clause as a summary; the whole sentence when the clause opens with a pronoun and the sentence does not."""
    summary = clean_clause(clause_text)
    if starts_with_pronoun(summary):
        whole = clean_clause(text[sentence.start:sentence.end])
        if not starts_with_pronoun(whole):
            return whole
        return readable_summary(whole, None)
    return summary


def _antecedent(summary: str, sentence: Span, mentions: Mentions) -> str | None:
    """The last actor named before the sentence (within 400 characters) that the opening pronoun can stand for:
    a person for "He"/"She", anything else for "It"/"They"."""
    return mentions.actor_before(sentence.start, 400, summary.startswith(("He ", "She ")))


def event_country(text: str, sentence: Span, places: list[Place], mentions: Mentions) -> str | None:
    """Where the event happened (ISO2): its first place with a country, else the sentence's, else the document's."""
    for p in places:
        if p.country:
            return p.country
    # found by position (and the document's answer kept): a long document has thousands of mentions
    return mentions.country_in(sentence.start, sentence.end) or mentions.country_in(0, len(text))


def _classify(text: str, clause: Span, fields: DateFields) -> Classification:
    """Classify the stretch around the date first (its own verb), then the whole clause."""
    matches = cue_matches(text[clause.start:clause.end])
    near = focus(text, clause, fields.timex_start, fields.timex_end)
    if (near.start, near.end) != (clause.start, clause.end):
        cls = score(matches, near.start - clause.start, near.end - clause.start)
        if cls.event_type != "Other" and cls.score >= 0.5:
            return cls
    return score(matches)


def _without_date(text: str, clause: Span, fields: DateFields) -> str:
    """The clause with its date expression (and preposition) cut out: the statement's own words."""
    cut_from = max(clause.start, fields.text_start)
    return (text[clause.start:cut_from].rstrip() + text[fields.timex_end:clause.end]).strip()


def _continuation_places(text: str, sentences: list[Span], k: int, by_sentence: dict[int, list[Timex]],
                         mentions: Mentions) -> list[Place]:
    """Explicit places of the undated sentences right after sentence k in the same paragraph."""
    out: list[Place] = []
    j = k + 1
    while j < len(sentences) and j not in by_sentence and "\n" not in text[sentences[j - 1].end:sentences[j].start]:
        s = sentences[j]
        if is_boilerplate(text[s.start:s.end]):
            break
        out.extend(p for p in mentions.places_in(s.start, s.end, references=False) if p.precision != "country")
        j += 1
    return out


def confidence(fields: DateFields, type_score: float, actors: list[Actor], places: list[Place]) -> float:
    """How much to trust the event, in [0, 1]: date precision and resolution, type cue strength, who and where."""
    if fields.date_start is None and fields.date_end is None:
        score = 0.05
    else:
        score = _PRECISION_SCORE.get(fields.precision or "", 0.2)
    score += 0.3 * min(1.0, type_score)
    score += 0.15 if actors else 0.0
    score += 0.05 if places else 0.0
    score += 0.0 if fields.approximate else 0.05
    if (fields.date_start is None) != (fields.date_end is None):
        score -= 0.05     # an open interval says less about when than a closed one
    return round(max(0.0, min(1.0, score)), 2)
