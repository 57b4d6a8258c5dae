"""Bytes -> text, refusing to guess silently.

Order: UTF-32/UTF-16 with a BOM, UTF-8 (with or without BOM), an HTML
``<meta charset>`` declaration, then charset-normalizer. Detection is only
trusted when the plausible candidates agree on the decoded text, or when one
of them is Windows-1252/Latin-1 (the legacy encoding of English-language news,
which this tool reads). Anything else is an `IngestError` with the reason.
"""
from __future__ import annotations

import codecs
import re

from .errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
#: Mess ratio above which charset-normalizer's best guess is not trusted.
MAX_CHAOS = 0.15


def decode_bytes(data: bytes, origin: str, *, html: bool = False) -> tuple[str, str]:
    """Return (text, encoding name) or raise IngestError naming `origin`."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(name), origin), name
            except UnicodeDecodeError as exc:
                raise IngestError(origin, f"undecodable bytes: starts with a {name} BOM but {exc.reason} at byte {exc.start}") from None
    if b"\x00" in data[:65536]:
        wide = _utf16_without_bom(data)
        if wide is None:
            raise IngestError(origin, "binary file (contains NUL bytes)")
        return _check_text(wide[0], origin), wide[1]
    try:
        return _check_text(data.decode("utf-8"), origin), "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return _check_text(data.decode(name), origin), codecs.lookup(name).name
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; fall through to detection
    return _detect(data, origin)


def _detect(data: bytes, origin: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise IngestError(origin, "undecodable bytes: not UTF-8 or UTF-16, and no text encoding fits")
    best = min(m.chaos for m in matches)
    if best > MAX_CHAOS:
        raise IngestError(origin, f"undecodable bytes: encoding detection too weak (best guess {matches[0].encoding}, "
                                  f"{best:.0%} of the text looks garbled)")
    western = _western_text(data)
    if western is not None and any(m.chaos <= best + 0.1 and set(m.could_be_from_charset) & set(_WESTERN)
                                   for m in matches):
        return _check_text(western[0], origin), western[1]
    top = [m for m in matches if m.chaos <= best + 0.01]
    texts = {str(m) for m in top}
    if len(texts) == 1:
        return _check_text(texts.pop(), origin), top[0].encoding
    names_found = {m.encoding for m in top}
    for base, variants in _REGIONAL_VARIANTS.items():
        if base in names_found and names_found <= variants | {base}:
            return _check_text(data.decode(base), origin), base
    names = ", ".join(sorted({m.encoding for m in top}))
    raise IngestError(origin, f"ambiguous encoding: the bytes decode differently as {names}; save the file as UTF-8")


#: Regional variants that charset-normalizer cannot tell from the common code page they extend;
#: when only the base and its variants fit, the base is what the file almost certainly is.
_REGIONAL_VARIANTS: dict[str, set[str]] = {
    "cp1251": {"kz1048", "ptcp154"},
}

#: Characters a Windows-1252 decoding of Western-European prose produces outside ASCII.
_WESTERN_CHARS = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŸŽž"
    "\xa0£€©®°±§¶·«»¡¿–—‘’‚“”„…•™²³¹½¼¾ºªµ"
)


def _western_text(data: bytes) -> tuple[str, str] | None:
    """The Windows-1252 (or Latin-1) reading of `data` if it looks like Western-European prose.

    Checks that every non-ASCII character is a Western letter or typographic
    mark, and that such letters are a minority of the letters (mis-decoded
    Cyrillic or Greek would be almost all non-ASCII).
    """
    for name in ("cp1252", "latin_1"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        extra = [c for c in text if ord(c) > 127]
        if not extra or any(c not in _WESTERN_CHARS for c in extra):
            return None
        letters = sum(c.isalpha() for c in text)
        if sum(c.isalpha() for c in extra) > 0.3 * max(letters, 1):
            return None
        return text, name
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a BOM: mostly-ASCII text has NUL in every other byte.

    Trusted only when nearly all of one byte position is NUL, none of the
    other is, and the bytes decode cleanly; anything else stays "binary".
    """
    sample = data[:65536]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                return None
    return None


def _check_text(text: str, origin: str) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise IngestError(origin, "binary file (control characters, not text)")
    return text
