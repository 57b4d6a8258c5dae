"""Site furniture that must never become an event: copyright lines, terms of use, sign-in prompts.

Ingest cuts most of it; this is the second line of defence, because a "© 2024" footer would
otherwise become a dated event in 2024.
"""
from __future__ import annotations

import re

BOILERPLATE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|terms of (?:use|service)|privacy policy|cookie|"
    r"use of this site|sign (?:in|up)\b|log ?in\b|create a (?:free )?account|subscribe|newsletter|"
    r"by continuing you agree|may not be (?:reproduced|published)|click here|share this article|"
    r"follow us on|read more:|advertisement",
)


def is_boilerplate(sentence: str) -> bool:
    """True for footer/header sentences of a web page."""
    return bool(BOILERPLATE.search(sentence.lower()))
