"""The Timex record: what the tagger promises to every caller.

Kept in its own module so that ingest, events, store and app can import the
type without pulling in the rule tables or the engine.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
#: Granularity of the resolved interval, coarsest last.
PRECISIONS: tuple[str, ...] = (
    "day", "week", "month", "season", "quarter", "half", "year", "decade", "century",
)
#: Anchoring modes of `tag`.
MODES: tuple[str, ...] = ("news", "narrative", "auto")


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression found in a text.

    `start`/`end` are Python str offsets, so ``text[start:end] == timex.text``.
    `value` and `mod` follow TIMEX3. `first`/`last` are the first and last day
    of the interval the value stands for (None when it is not a calendar
    interval, e.g. a duration, PRESENT_REF or an unanchored ``XXXX-05``) and
    `precision` its granularity. `relation` keeps what a governing preposition
    says about the event's relation to this time ("since", "until", "before",
    "after", "from", "to", "by", "on"/"in" are not recorded), for the events step.
    `anchor` tells how a relative value was resolved: "dct", "narrative",
    "absolute" (needed no anchor) or "none" (left unresolved).
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    first: date | None = None
    last: date | None = None
    precision: str | None = None
    relation: str | None = None
    anchor: str = "absolute"
    quant: str | None = None
    freq: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO strings)."""
        d = asdict(self)
        for k in ("first", "last"):
            if d[k] is not None:
                d[k] = d[k].isoformat()
        if not d["extra"]:
            d.pop("extra")
        return d


_FIELD_SETTERS = tuple(getattr(Timex, f).__set__ for f in Timex.__dataclass_fields__)


def new_timex(start: int, end: int, text: str, type: TimexType, value: str, mod: str | None,
              first: date | None, last: date | None, precision: str | None, relation: str | None,
              anchor: str, quant: str | None, freq: str | None) -> Timex:
    """`Timex(...)` with every field given positionally and an empty `extra`, about 40% cheaper:
    it fills the slots directly instead of through the frozen dataclass's per-field
    `object.__setattr__` (the engine makes one per timex)."""
    t = _new(Timex)
    (s_start, s_end, s_text, s_type, s_value, s_mod, s_first, s_last, s_precision, s_relation,
     s_anchor, s_quant, s_freq, s_extra) = _FIELD_SETTERS
    s_start(t, start)
    s_end(t, end)
    s_text(t, text)
    s_type(t, type)
    s_value(t, value)
    s_mod(t, mod)
    s_first(t, first)
    s_last(t, last)
    s_precision(t, precision)
    s_relation(t, relation)
    s_anchor(t, anchor)
    s_quant(t, quant)
    s_freq(t, freq)
    s_extra(t, {})
    return t


_new = object.__new__
