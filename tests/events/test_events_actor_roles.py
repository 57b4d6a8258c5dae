"""actor1 / actor2 in ACLED's naming: every table row's example, and the rules the engine adds."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.actor_roles import assign, is_known_actor_name, name_rows, phrases, role_rows
from timeline.gazetteer import scan


def _roles(text, event_type="Other", iso=None):
    mentions = scan(text)
    if iso is None:
        iso = next((m.place.country for m in mentions.places if m.place and m.place.country), None)
    return assign(text, 0, len(text), event_type, iso, mentions)


@pytest.mark.parametrize("row", name_rows(), ids=lambda r: f"names:{r.line}")
def test_every_name_row_example_gives_its_name(row):
    found = [p.name for p in phrases(row.example, 0, len(row.example), "KE")]
    assert row.expected in found, f"acled_actor_names.tsv:{row.line}: {row.example!r} -> {found}"
    assert is_known_actor_name(row.expected)


@pytest.mark.parametrize("row", role_rows(), ids=lambda r: f"roles:{r.line}")
def test_every_role_row_example_gives_its_roles(row):
    actor1, actor2 = _roles(row.example)
    want1, want2 = (s.strip() or None for s in row.expected.split("|"))
    assert (actor1, actor2) == (want1, want2), f"actor_roles.tsv:{row.line}: {row.example!r}"


@pytest.mark.parametrize("text, event_type, expected", [
    # subject before the verb acts, the object is acted on
    ("Israeli warplanes struck a residential building in Gaza City, killing 12 civilians.",
     "Explosions/Remote violence", ("Military Forces of Israel", "Civilians (Palestine)")),
    ("Taliban militants attacked an Afghan military convoy near Kandahar.",
     "Battles", ("Taliban", "Military Forces of Afghanistan")),
    # "by X" passives
    ("Two soldiers were killed by Al Shabaab fighters near Mogadishu.",
     "Battles", ("Al Shabaab", "Military Forces of Somalia")),
    # clashed with
    ("Northeastern police clashed with an unidentified armed group in Mandera.",
     "Battles", ("Police Forces of Kenya", "Unidentified Armed Group (Kenya)")),
    # no named perpetrator: ACLED's Unidentified Armed Group of the country
    ("An explosive device hit a bus near Quetta, killing two passengers.",
     "Explosions/Remote violence", ("Unidentified Armed Group (Pakistan)", "Civilians (Pakistan)")),
    # a claim names the perpetrator
    ("Gunmen killed 20 people at a concert hall near Moscow; Islamic State claimed the attack.",
     "Violence against civilians", ("Islamic State", "Civilians (Russia)")),
    # demonstrations: protesters or rioters act, the police are the other side
    ("Police fired tear gas at thousands of demonstrators in Nairobi.",
     "Protests", ("Protesters (Kenya)", "Police Forces of Kenya")),
    ("A mob lynched a man accused of theft in Kolkata.", "Riots", ("Rioters (India)", "Civilians (India)")),
    # a country acts through its military in violence, through its government in a deal
    ("Russia launched 40 drones at Kyiv overnight.", "Explosions/Remote violence",
     ("Military Forces of Russia", None)),
    ("Russia and Ukraine signed a deal in Istanbul.", "Strategic developments",
     ("Government of Russia", "Government of Ukraine")),
    # the examples
    ("Israeli military forces opened fire at Palestinians near Tulkarm.", "Violence against civilians",
     ("Military Forces of Israel", "Civilians (Palestine)")),
    ("An unidentified armed group attacked and killed 4 people in Churachandpur district.",
     # the gazetteer places Churachandpur district in India, so both names take the country, as ACLED's do
     "Violence against civilians", ("Unidentified Armed Group (India)", "Civilians (India)")),
    # titles: the minister is the government
    ("Ukraine's deputy defense minister, Hanna Maliar, ordered an inquiry.", "Strategic developments",
     ("Government of Ukraine", None)),
])
def test_roles_from_syntax(text, event_type, expected):
    assert _roles(text, event_type) == expected


@pytest.mark.parametrize("text", [
    "Russian drones struck Kyiv overnight, Reuters reported.",
    "Russian drones struck Kyiv overnight, according to the Associated Press.",
    "Reuters reported that Russian drones struck Kyiv overnight.",
])
def test_a_news_outlet_that_reports_is_a_source_not_an_actor(text):
    actor1, actor2 = _roles(text, "Explosions/Remote violence")
    assert actor1 == "Military Forces of Russia" and actor2 is None


def test_the_speaker_of_a_statement_is_not_the_actor_of_what_it_reports():
    text = "Ukraine's deputy defense minister, Hanna Maliar, said Ukrainian forces had retaken seven villages."
    assert _roles(text, "Battles")[0] == "Military Forces of Ukraine"


def test_known_names_reject_nonsense():
    assert is_known_actor_name("Military Forces of the United States")
    assert is_known_actor_name("Civilians (Ukraine)")
    assert not is_known_actor_name("Military Forces of Monday")
    assert not is_known_actor_name("The")


@given(st.text(alphabet="ab .,;:!?()[]|\n", max_size=60))
@settings(max_examples=500, deadline=None)
def test_the_window_cut_is_where_the_reference_pattern_cuts(window):
    from timeline.events.actor_roles import _WINDOW_BREAK, window_cut

    m = _WINDOW_BREAK.search(window)
    assert window_cut(window) == (m.end() if m else None)
