"""Rule data for the temporal tagger: vocabularies (`vocab`) and scanner patterns (`patterns`).

Nothing here executes rules; the engine modules (scan, normalise, anchor) read these tables.
"""
