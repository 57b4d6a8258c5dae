"""A generator of distinct, realistic conflict news articles, for ingest benchmarks and tests.

Knowledge is data (`newsgen_data/*.tsv`, written for this project): fourteen theatres of conflict
with their towns and regions, the actors of each (forces, armed groups, governments, police,
mediators), sixteen kinds of happening (air strikes, shelling, ambushes, protests, arrests,
agreements, prisoner exchanges, ...) with several phrasings each, quotes, details and dated
background. This module is the engine: it draws happenings (a kind, a day, a town, who did it
to whom, a toll) and writes articles about them.

Like a real feed, several outlets report the same happening on different days in different
words (so the store merges them), an article may report a second happening, dates are written
the ways news writes them ("on Tuesday", "yesterday", "on 14 March", "on March 14"), the
publication date is given as metadata, as a "Published:" line or only by a dateline, and
articles run from a headline and a paragraph to a dozen paragraphs of quotes and background.
Output mixes formats: plain text, Markdown with front matter, HTML and JSONL feeds.

Everything follows from the seed; memory stays flat in the number of articles (a bounded pool
of recent happenings, and an 8-byte hash per article to keep every text distinct).

    python3 benchmarks/newsgen.py OUT_DIR --articles 20000 [--seed 1]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import html
import json
import random
import re
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parent / "newsgen_data"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
SOURCES = ["local officials", "the health ministry", "a medical charity", "the regional governor",
           "a hospital source", "a monitoring group", "the United Nations", "residents"]
#: share of articles that report a happening already reported by another outlet
REPEAT_SHARE = 0.4
#: recent happenings kept for repeat reports (bounds memory)
POOL = 300
_SLOT = re.compile(r"\{(\w+)\}")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row and not row[0].startswith("#")]


@dataclass(frozen=True)
class Tables:
    theatres: dict[str, dict]
    towns: dict[str, list[tuple[str, str]]]
    actors: dict[tuple[str, str], list[str]]
    kinds: dict[str, tuple[str, str, str, bool]]
    templates: dict[tuple[str, str], list[str]]
    context: dict[str, list[str]]
    people: list[str]
    outlets: list[tuple[str, str]]
    mediator_city: dict[str, str]

    @classmethod
    def load(cls) -> Tables:
        theatres = {r[0]: {"code": r[1], "country": r[2], "adj": r[3], "years": (int(r[4]), int(r[5])),
                           "kinds": r[6].split(), "capital": r[7]} for r in _rows("theatres.tsv")}
        towns: dict[str, list] = defaultdict(list)
        for t, town, region in _rows("towns.tsv"):
            towns[t].append((town, region))
        actors: dict[tuple[str, str], list[str]] = defaultdict(list)
        for t, role, name in _rows("actors.tsv"):
            actors[(t, role)].append(name)
        kinds = {r[0]: (r[1], r[2], r[3], r[4] == "1") for r in _rows("kinds.tsv")}
        templates: dict[tuple[str, str], list[str]] = defaultdict(list)
        for kind, part, text in _rows("templates.tsv"):
            templates[(kind, part)].append(text)
        context: dict[str, list[str]] = defaultdict(list)
        for t, text in _rows("context.tsv"):
            context[t].append(text)
        return cls(theatres, dict(towns), dict(actors), kinds, dict(templates), dict(context),
                   [r[0] for r in _rows("people.tsv")], [(r[0], r[1]) for r in _rows("outlets.tsv")],
                   {r[0]: r[1] for r in _rows("mediators.tsv")})


@dataclass(frozen=True)
class Happening:
    theatre: str
    kind: str
    day: date
    town: str
    region: str
    a: str
    b: str
    n: int
    m: int
    k: int
    mediator: str


@dataclass(frozen=True)
class Article:
    """One generated article: `fmt` is txt, md, html or jsonl; `content` the file text or the JSONL record."""

    number: int
    fmt: str
    name: str
    content: str | dict


class NewsGenerator:
    def __init__(self, seed: int = 1, tables: Tables | None = None) -> None:
        self.t = tables or Tables.load()
        self.rnd = random.Random(seed)
        self.pool: deque[Happening] = deque(maxlen=POOL)
        self.seen: set[int] = set()

    # -- the world ---------------------------------------------------------------------------
    def _actor(self, theatre: str, role: str) -> str:
        names = self.t.actors.get((theatre, role)) or self.t.actors.get(("*", role)) or [role]
        return self.rnd.choice(names)

    def happening(self, theatre: str | None = None) -> Happening:
        r = self.rnd
        theatre = theatre or r.choice(sorted(self.t.theatres))
        th = self.t.theatres[theatre]
        kind = r.choice(th["kinds"])
        first, last = th["years"]
        start = date(first, 1, 1)
        day = start + timedelta(days=r.randrange((date(last, 12, 31) - start).days))
        town, region = r.choice(self.t.towns[theatre])
        a_role, b_role, _, _ = self.t.kinds[kind]
        a, b = self._actor(theatre, a_role), self._actor(theatre, b_role)
        if a == b:
            b = self._actor(theatre, "armed" if b_role != "armed" else "gov_forces")
        n = min(int(r.paretovariate(1.3)) + 1 + r.randrange(3), 180)  # 2 or more: "killing one people"
        return Happening(theatre, kind, day, town, region, a, b, n, n + r.randrange(0, 3 * n + 5),
                         r.choice([3, 5, 7, 12, 15, 20, 24, 30, 40, 60, 100, 150]),
                         self._actor(theatre, "mediator"))

    def _pick(self) -> Happening:
        if self.pool and self.rnd.random() < REPEAT_SHARE:
            return self.rnd.choice(self.pool)
        h = self.happening()
        self.pool.append(h)
        return h

    # -- writing -----------------------------------------------------------------------------
    def _number(self, x: int) -> str:
        if x < 10 and self.rnd.random() < 0.7:
            return NUMBER_WORDS[x]
        return str(x)

    def _when(self, day: date, published: date) -> str:
        r = self.rnd
        lag = (published - day).days
        explicit = [f"on {day.day} {MONTHS[day.month - 1]}", f"on {MONTHS[day.month - 1]} {day.day}"]
        if lag == 1:
            forms = ["yesterday", f"on {WEEKDAYS[day.weekday()]}", f"late on {WEEKDAYS[day.weekday()]}",
                     f"on {WEEKDAYS[day.weekday()]} night", *explicit]
        elif 1 < lag < 7:
            forms = [f"on {WEEKDAYS[day.weekday()]}", f"early on {WEEKDAYS[day.weekday()]}",
                     f"on {WEEKDAYS[day.weekday()]} morning", *explicit]
        else:
            forms = [*explicit, f"on {day.day} {MONTHS[day.month - 1]} {day.year}"]
        return r.choice(forms)

    def _fill(self, text: str, h: Happening, published: date, outlet: str, cap: bool = True) -> str:
        th = self.t.theatres[h.theatre]
        values = {
            "a": h.a, "b": h.b, "A": _cap(h.a), "B": _cap(h.b), "town": h.town, "region": h.region,
            "country": th["country"], "adj": th["adj"], "capital": th["capital"],
            "n": self._number(h.n), "m": self._number(h.m), "k": self._number(h.k), "N": str(h.n),
            "mediator": h.mediator, "Mediator": _cap(h.mediator),
            "mediatorcity": self.t.mediator_city.get(h.mediator, "Geneva"),
            "source": self.rnd.choice(SOURCES), "person": self.rnd.choice(self.t.people), "outlet": outlet,
            "big": f"{self.rnd.randrange(2, 90) * 10_000:,}",
        }
        if "{when}" in text:
            values["when"] = self._when(h.day, published)
        out = _SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), text)
        return _cap(out) if cap else out

    def _lead(self, h: Happening, published: date, outlet: str) -> list[str]:
        """The sentences about one happening: what happened, the toll, details and quotes."""
        r = self.rnd
        out = [self._fill(r.choice(self.t.templates[(h.kind, "lead")]), h, published, outlet)]
        if self.t.kinds[h.kind][3] and r.random() < 0.7:
            out.append(self._fill(r.choice(self.t.templates[("*", "casualty")]), h, published, outlet))
        for detail in r.sample(self.t.templates[("*", "detail")], r.choice([0, 0, 1, 1, 2])):
            out.append(self._fill(detail, h, published, outlet))
        return out

    def article(self, number: int) -> Article:
        r = self.rnd
        while True:
            h = self._pick()
            published = h.day + timedelta(days=r.choice([0, 1, 1, 1, 2, 2, 3, 5, 9]))
            outlet, site = r.choice(self.t.outlets)
            title = self._fill(r.choice(self.t.templates[(h.kind, "headline")]), h, published, outlet)
            paragraphs = [self._lead(h, published, outlet)]
            for quote in r.sample(self.t.templates[("*", "quote")], r.choice([0, 1, 1, 2, 3])):
                paragraphs.append([self._fill(quote, h, published, outlet)])
            if r.random() < 0.3:  # a second happening in the same theatre, days before publication
                other = self.happening(h.theatre)
                other = Happening(**{**other.__dict__, "day": published - timedelta(days=r.randrange(1, 6))})
                self.pool.append(other)
                lead = self._lead(other, published, outlet)
                lead[0] = r.choice(["Separately, ", "Elsewhere, ", "In a separate incident, "]) + _uncap(lead[0])
                paragraphs.append(lead)
            # background in a random order, each sentence once, none about years after publication
            context = [c for c in self.t.context.get(h.theatre, []) + self.t.context["*"]
                       if max(map(int, _YEAR.findall(c)), default=0) <= published.year]
            r.shuffle(context)
            for _ in range(r.choice([0, 1, 2, 3, 5, 8])):
                size = min(r.choice([1, 1, 2, 3]), len(context))
                if size:
                    paragraphs.append([self._fill(c, h, published, outlet) for c in context[:size]])
                    del context[:size]
            text = "\n\n".join(" ".join(p) for p in paragraphs)
            key = int.from_bytes(hashlib.blake2b(f"{title}\n{text}".encode(), digest_size=8).digest(), "big")
            if key not in self.seen:
                self.seen.add(key)
                break
        return self._format(number, h, published, outlet, site, title, text)

    def _format(self, number: int, h: Happening, published: date, outlet: str, site: str, title: str,
                text: str) -> Article:
        r = self.rnd
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:50]
        url = f"https://{site}/{published.year}/{published.month:02d}/{slug}-{number}"
        dateline = f"{h.town.upper()}, {MONTHS[published.month - 1]} {published.day} ({outlet}) - "
        stem = f"{h.theatre}/{published.year}/{published.isoformat()}-{slug}-{number}"
        roll = r.random()
        if roll < 0.5:
            rec = {"id": f"{site}-{number}", "title": title, "url": url, "publisher": outlet, "text": text}
            if r.random() < 0.85:
                rec["published"] = published.isoformat()
            else:
                rec["text"] = dateline + text
            return Article(number, "jsonl", "", rec)
        if roll < 0.8:
            head = f"{title}\n\n"
            if r.random() < 0.7:
                head += f"Published: {MONTHS[published.month - 1]} {published.day}, {published.year}\n\n"
                return Article(number, "txt", stem + ".txt", head + text + "\n")
            return Article(number, "txt", stem + ".txt", head + dateline + text + "\n")
        if roll < 0.9:
            front = f"---\ntitle: \"{title}\"\npublished: {published.isoformat()}\npublisher: {outlet}\nurl: {url}\n---\n\n"
            return Article(number, "md", stem + ".md", front + f"# {title}\n\n" + text + "\n")
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
        page = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)} | "
                f"{html.escape(outlet)}</title>\n<meta property=\"article:published_time\" "
                f"content=\"{published.isoformat()}T08:00:00Z\">\n<meta property=\"og:site_name\" "
                f"content=\"{html.escape(outlet)}\">\n<link rel=\"canonical\" href=\"{url}\"></head>\n<body>"
                f"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n<article><h1>{html.escape(title)}"
                f"</h1>\n{body}\n</article>\n<footer>Copyright {published.year} {html.escape(outlet)}. All rights "
                f"reserved.</footer></body></html>\n")
        return Article(number, "html", stem + ".html", page)

    def articles(self, n: int) -> Iterator[Article]:
        for i in range(n):
            yield self.article(i)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _uncap(s: str) -> str:
    first = s.split(" ", 1)[0]
    return s[:1].lower() + s[1:] if first in ("A", "An", "At", "The", "Gunmen", "Heavy", "Fierce", "Warplanes",
                                              "Artillery", "Rockets", "Kamikaze", "Armed", "Thousands",
                                              "Hundreds", "Protesters", "Rioters", "Angry", "Youths", "Security",
                                              "Delegations", "Talks", "Battles") else s


def write_corpus(out: Path, n: int, *, seed: int = 1, per_feed: int = 500) -> dict[str, int]:
    """Write `n` articles under `out` (files by theatre and year, JSONL feeds of `per_feed` records)."""
    counts: dict[str, int] = defaultdict(int)
    feed = None
    feed_lines = feeds = 0
    try:
        for art in NewsGenerator(seed).articles(n):
            counts[art.fmt] += 1
            if art.fmt == "jsonl":
                if feed is None or feed_lines >= per_feed:
                    if feed is not None:
                        feed.close()
                    (out / "feeds").mkdir(parents=True, exist_ok=True)
                    feed = (out / "feeds" / f"feed-{feeds:04d}.jsonl").open("w", encoding="utf-8")
                    feeds, feed_lines = feeds + 1, 0
                feed.write(json.dumps(art.content, ensure_ascii=False) + "\n")
                feed_lines += 1
            else:
                path = out / "articles" / art.name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(art.content, encoding="utf-8")
    finally:
        if feed is not None:
            feed.close()
    return dict(counts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-feed", type=int, default=500)
    args = ap.parse_args()
    print(write_corpus(args.out, args.articles, seed=args.seed, per_feed=args.per_feed))


if __name__ == "__main__":
    main()
