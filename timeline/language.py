"""Which language a document is written in, so nothing pretends to read what it cannot.

The tagger, the event cues and the gazetteer read English only. A report in Russian,
Ukrainian or Arabic is still stored, searchable and viewable, but its events are
flagged "language not supported" (see README: we flag rather than skip, so the
document still shows up in the app, with a warning, instead of vanishing).

Detection: py3langid (a maintained fork of langid.py: a naive Bayes model over byte
n-grams for 97 languages, shipped inside the package, offline, numpy only). It was
picked over lingua (far larger models), langdetect (random unless seeded, slower) and
fastText wrappers (which fetch their model at run time). Its model takes ~2 s to load,
so an English gate comes first: a text whose words are mostly Latin letters and that
is dense in English function words is English without loading the model. Only what
fails the gate is classified, from at most `SAMPLE_CHARS` characters (start, middle
and end), so the cost per document is bounded.
"""
from __future__ import annotations

import re
from functools import lru_cache

#: Languages the extraction reads today.
SUPPORTED = frozenset({"en"})
#: Characters classified at most (three slices of a third each): detection stays O(1) per document.
SAMPLE_CHARS = 12_000
#: Below this probability the language is "undetermined" (None), never guessed.
MIN_PROBABILITY = 0.5
#: Fewer letters than this say nothing reliable about a language.
MIN_LETTERS = 40

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is was for on that with by as at from it said were has have had be are an "
    "this which after its their but not or who been will over more than".split())
#: Share of words that must be English function words for the gate to say "en" (news prose: ~35-45%).
_ENGLISH_SHARE = 0.18


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    third = SAMPLE_CHARS // 3
    mid = len(text) // 2
    return " ".join((text[:third], text[mid - third // 2:mid + third // 2], text[-third:]))


def _english_gate(sample: str) -> bool:
    words = _WORD.findall(sample[:4000])
    if len(words) < 8:
        return False
    latin = sum(map(str.isascii, words))
    english = sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, map(str.lower, words)))
    return latin >= 0.9 * len(words) and english >= _ENGLISH_SHARE * len(words)


@lru_cache(maxsize=1)
def _identifier():  # noqa: ANN202
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`'s language ("en", "ru", "uk", "ar", ...), or None when undetermined
    (too few letters, a low probability, or the detector not installed)."""
    sample = _sample(text or "")
    letters = sum(map(len, _WORD.findall(sample[:2000])))
    if letters < MIN_LETTERS:
        return None
    if _english_gate(sample):
        return "en"
    try:
        identifier = _identifier()
    except ImportError:
        return None
    code, probability = identifier.classify(sample)
    return code if probability >= MIN_PROBABILITY else None


def is_supported(code: str | None) -> bool:
    """True for English and for an undetermined language (no evidence against reading it)."""
    return code is None or code in SUPPORTED


def language_name(code: str | None) -> str:
    """"Russian (ru)"; "undetermined" for None."""
    if not code:
        return "undetermined"
    try:
        import pycountry

        found = pycountry.languages.get(alpha_2=code)
    except (ImportError, LookupError, KeyError):
        found = None
    return f"{found.name} ({code})" if found is not None else code


def unsupported_note(code: str | None) -> str | None:
    """The flag shown with events of a document the extraction cannot read; None when it can."""
    if is_supported(code):
        return None
    return (f"language not supported: {language_name(code)}; the tagger and event extraction read English "
            f"only, so these dates and events may be wrong or missing")
