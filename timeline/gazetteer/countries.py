"""Country names, short forms and demonyms -> ISO 3166-1 alpha-2, from pycountry plus curated aliases."""
from __future__ import annotations

from functools import lru_cache

from .tables import read_table

#: Short forms news text uses that pycountry does not list (or lists only in an official form).
ALIASES: dict[str, str] = {
    "Russia": "RU", "Iran": "IR", "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States of America": "US", "the United States": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB",
    "Great Britain": "GB", "England": "GB", "North Korea": "KP", "South Korea": "KR", "Syria": "SY",
    "Vietnam": "VN", "Moldova": "MD", "Taiwan": "TW", "Venezuela": "VE", "Bolivia": "BO", "Tanzania": "TZ",
    "Laos": "LA", "Czech Republic": "CZ", "Czechia": "CZ", "Turkey": "TR", "Türkiye": "TR", "Palestine": "PS",
    "Ivory Coast": "CI", "Democratic Republic of the Congo": "CD", "DR Congo": "CD", "DRC": "CD",
    "Republic of the Congo": "CG", "Burma": "MM", "Myanmar": "MM", "Holland": "NL", "the Netherlands": "NL",
    "UAE": "AE", "Emirates": "AE", "Macedonia": "MK", "Kosovo": "XK", "Vatican": "VA", "Brunei": "BN",
    "Cape Verde": "CV", "Eswatini": "SZ", "Swaziland": "SZ", "East Timor": "TL", "Micronesia": "FM",
}
#: Country names that are also everyday words or people's names; they need a capital and context.
_AMBIGUOUS = {"Chad", "Jordan", "Georgia", "Niger", "Guinea", "Turkey", "Togo"}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every known written form of a country name -> ISO2."""
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names.setdefault(value, c.alpha_2)
    names.update(ALIASES)
    names["Kosovo"] = "XK"
    return names


@lru_cache(maxsize=1)
def short_names() -> dict[str, str]:
    """ISO2 -> the short name used as the canonical actor/place name ("Iran", not "Iran, Islamic Republic of")."""
    import pycountry

    preferred = {"US": "United States", "GB": "United Kingdom", "RU": "Russia", "IR": "Iran", "KP": "North Korea",
                 "KR": "South Korea", "SY": "Syria", "VN": "Vietnam", "MD": "Moldova", "TW": "Taiwan",
                 "VE": "Venezuela", "BO": "Bolivia", "TZ": "Tanzania", "LA": "Laos", "CZ": "Czechia",
                 "TR": "Turkey", "PS": "Palestine", "CD": "DR Congo", "XK": "Kosovo"}
    out = {}
    for c in pycountry.countries:
        out[c.alpha_2] = preferred.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
    out.update({k: v for k, v in preferred.items() if k not in out})
    return out


def country_name(iso2: str) -> str:
    return short_names().get(iso2, iso2)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Adjective ("Iranian") -> ISO2, from data/demonyms.tsv."""
    return {cells[0]: cells[1] for _, cells in read_table("demonyms.tsv", 2)}


def is_ambiguous_country(name: str) -> bool:
    return name in _AMBIGUOUS


#: Short names read with "the" ("the United States", "the Netherlands").
_WITH_ARTICLE = {"US", "GB", "NL", "PH", "AE", "BS", "GM", "MV"}


def government_name(iso2: str) -> str:
    """"Government of Iran", "Government of the United States"."""
    name = country_name(iso2)
    return f"Government of the {name}" if iso2 in _WITH_ARTICLE else f"Government of {name}"
