"""The timeline store's tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Dates are kept as the extractor gave them (`date_start`/`date_end`, either may be
None) plus denormalised columns the queries filter, sort and group on:

* `open_start`/`open_end` say explicitly that an interval has no start ("until May")
  or no end ("since August 2022"); `range_lo`/`range_hi` then hold the sentinels
  `DATE_MIN`/`DATE_MAX`, so the overlap filter is two index-friendly comparisons.
  An unresolved date (both None, e.g. ``XXXX-10``) has NULL ranges and never
  matches a date filter: nothing is invented.
* `sort_date` is the first known day; `period_week`/`period_month`/`period_year`
  are the bucket starts `counts_by_period` groups on, so grouping 100,000 events is
  one GROUP BY on a plain column on both backends.

Tables listed in `migrations.py` are created by the migration that introduced them.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

#: Sentinels for open interval ends (explicit open_start/open_end flags say which are real).
DATE_MIN = date(1, 1, 1)
DATE_MAX = date(9999, 12, 31)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # content hash, see timeline.model.content_id
    Column("title", Text),
    Column("url", Text),
    Column("publisher", String(300), index=True),
    Column("published", Date),
    Column("published_source", String(20), nullable=False, server_default="unknown"),
    Column("published_evidence", Text),
    Column("published_value", String(10)),  # TIMEX3 value at the precision known: 2023-06-13, 2023-06, 2023
    Column("origin", Text),
    Column("encoding", String(40)),
    Column("external_id", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=False), nullable=False),
    Column("language", String(16)),  # ISO 639-1 code detected at ingest (timeline.language); NULL: undetermined
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("precision", String(20)),
    Column("date_text", Text, nullable=False),
    Column("date_value", String(80), nullable=False),
    Column("date_mod", String(20)),
    Column("date_relation", String(20)),
    Column("approximate", Boolean, nullable=False, default=False),
    Column("open_start", Boolean, nullable=False, default=False),
    Column("open_end", Boolean, nullable=False, default=False),
    Column("summary", Text, nullable=False),
    Column("sentence", Text, nullable=False),  # the first mention's sentence
    Column("event_type", String(60), nullable=False),
    Column("sub_type", String(120)),
    Column("fatalities", Integer),
    Column("confidence", Float, nullable=False),
    Column("actor1", String(200)),   # who acted, ACLED naming (migration 5)
    Column("actor2", String(200)),   # who was acted on
    # denormalised sort/filter/group columns (see module docstring)
    Column("range_lo", Date),
    Column("range_hi", Date),
    Column("sort_date", Date),
    Column("period_week", Date),
    Column("period_month", Date),
    Column("period_year", Date),
    Column("n_sources", Integer, nullable=False, default=1),
    CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_events_confidence"),
    CheckConstraint("date_start IS NULL OR date_end IS NULL OR date_start <= date_end", name="ck_events_order"),
    CheckConstraint("fatalities IS NULL OR fatalities >= 0", name="ck_events_fatalities"),
    Index("ix_events_range", "range_lo", "range_hi"),
    Index("ix_events_sort", "sort_date", "id"),
    Index("ix_events_type_sort", "event_type", "sort_date"),
    # merge candidates: seek on (date_start IN ..., event_type IN ...)
    Index("ix_events_merge_key", "date_start", "event_type", "date_end", "precision"),
    Index("ix_events_merge_open", "date_end", "event_type"),
    # (bucket, type) covers counts_by_period's GROUP BY without touching the table
    Index("ix_events_week", "period_week", "event_type"),
    Index("ix_events_month", "period_month", "event_type"),
    Index("ix_events_year", "period_year", "event_type"),
    Index("ix_events_sources", "n_sources", "sort_date"),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("sentence", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("timex_start", Integer, nullable=False),
    Column("timex_end", Integer, nullable=False),
    Column("date_text", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    CheckConstraint("sentence_start >= 0 AND sentence_start <= sentence_end", name="ck_mentions_sentence"),
    CheckConstraint("timex_start >= 0 AND timex_start <= timex_end", name="ck_mentions_timex"),
    Index("ix_mentions_event", "event_id"),
    Index("ix_mentions_doc", "doc_id", "event_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("country", String(2)),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_event_actors_actor", "actor_id", "event_id"),
)

def place_point_key(lat: float | None, lon: float | None, geonameid: int | None) -> str:
    """What tells two places of one name in one country apart (two villages called Novoselivka):
    the GeoNames id, else the point rounded to 0.01 degree (about a kilometre), else "" (no point)."""
    if geonameid:
        return f"geonames:{geonameid}"
    if lat is not None and lon is not None:
        return f"{lat:.2f},{lon:.2f}"
    return ""


places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False),
    Column("country", String(2), nullable=False, server_default=""),  # "" = unknown, so the unique key works
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(20), nullable=False),
    Column("geonameid", Integer),
    Column("admin1", String(100)),   # first-level division (migration 6)
    # place_point_key(lat, lon, geonameid) (migration 8): one row per name, country and point
    Column("point_key", String(40), nullable=False, server_default=""),
    UniqueConstraint("name", "country", "point_key", name="uq_places_name_country_point"),
)

event_places = Table(
    "event_places",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", Integer, ForeignKey("places.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_event_places_place", "place_id", "event_id"),
)

#: One row per event: the words full-text search looks at (summary, sentences, actor and
#: place names). SQLite indexes it with an FTS5 external-content table kept in sync by
#: triggers; PostgreSQL with a GIN index on its tsvector expression.
event_search = Table(
    "event_search",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("body", Text, nullable=False),
)

#: An analyst's corrections (issue 12), one row per change, never rewritten except for its
#: `event_id`/`status` when `timeline reprocess` finds the event again. The anchor is the corrected
#: event's first mention (document, sentence and date expression offsets): re-extraction makes new
#: event ids, so a correction finds its event again by where it was read, not by id.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer),      # the event it applies to now; NULL while orphaned
    Column("doc_id", String(64), nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("timex_start", Integer, nullable=False),
    Column("timex_end", Integer, nullable=False),
    Column("field", String(40), nullable=False),   # timeline.review.FIELDS, or merge / split
    Column("old_value", Text),                      # JSON
    Column("new_value", Text),                      # JSON
    Column("author", String(200), nullable=False, server_default=""),
    Column("note", Text),
    Column("created_at", DateTime(timezone=False), nullable=False),
    Column("status", String(20), nullable=False, server_default="applied"),  # applied | orphaned
    Index("ix_corrections_event", "event_id", "id"),
    Index("ix_corrections_doc", "doc_id"),
)

#: Events an analyst marked "not an event": kept with their sources and history, left out of
#: every view and export. A table of its own so that views pay one small anti-join, not a
#: column that every index would have to carry.
hidden_events = Table(
    "hidden_events",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=False), nullable=False),
    Column("description", Text, nullable=False),
)
