"""Markdown -> plain text for tagging, plus its YAML front matter.

The stored text is the cleaned text (events' offsets refer to it), so the
conversion keeps the words and line structure and drops only markup: headings'
``#``, emphasis, link targets, images, code fences' backticks, block-quote and
list markers, HTML tags, reference-link definitions and table rules.
"""
from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_FM_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*$|^~~~.*$", re.M), ""),                          # fence lines
    (re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$", re.M), ""),              # [ref]: http://...
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.M), ""),                 # horizontal rules
    (re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?[ \t]*$", re.M), ""),  # table rules
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),                       # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                        # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                       # [text][ref]
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),                           # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),                               # inline HTML
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*[ \t]*$", re.M), r"\1"),        # ATX headings
    (re.compile(r"^\s{0,3}(?:>\s?)+", re.M), ""),                         # block quotes
    (re.compile(r"^(\s*)[-*+]\s+", re.M), r"\1"),                         # bullet markers
    (re.compile(r"^\s{0,3}(?:=+|-+)[ \t]*$", re.M), ""),                     # setext underlines
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),                # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),    # *em*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),      # _em_
    (re.compile(r"~~(.+?)~~"), r"\1"),                                    # strike
    (re.compile(r"`([^`]+)`"), r"\1"),                                    # inline code
    (re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.M), r"\1"),                       # table row edges
    (re.compile(r"[ \t]*\|[ \t]*"), " | "),                                     # table cells
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),                   # escapes
    (re.compile(r"\n{3,}"), "\n\n"),
)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split simple ``key: value`` YAML front matter off the top (no YAML dependency)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields = {k.lower(): v.strip().strip("'\"") for k, v in _FM_FIELD.findall(m.group(1))}
    return fields, text[m.end():]


def markdown_to_text(text: str) -> str:
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return "\n".join(line.rstrip() for line in text.splitlines()).strip()
