"""Dated events from documents: `extract(doc, timexes=None) -> list[Event]`.

Modules: sentences (splitting with offsets), clauses (one clause per dated happening), dates (timex ->
date fields, the choices about open ends and unresolved dates), reporting (statement dates),
classify (ACLED types from the cue table), fatalities, boilerplate, extract (the pipeline).
"""
from __future__ import annotations

from .extract import confidence, extract

__all__ = ["extract", "confidence"]
