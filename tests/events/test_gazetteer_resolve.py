"""One test per place rule of timeline.gazetteer (resolve.py, scan.py, specific.py), each with its example."""
from __future__ import annotations

import pytest

from timeline.gazetteer import find_places, scan
from timeline.gazetteer.specific import distance_km
from timeline.model import Place


def _places(text: str) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.country, p.precision) for p in find_places(text)]


def _event_places(text: str) -> list[Place]:
    return scan(text).event_places((0, len(text)), (0, len(text)))


def _near(place: Place, lat: float, lon: float, km: float) -> bool:
    return distance_km(place, Place("coded", None, lat, lon)) <= km


# -- coverage ----------------------------------------------------------------------------------

def test_villages_down_to_500_people_are_places():
    got = {p.name: p for p in find_places("Ukraine said its troops had liberated Staromaiorske on Thursday.")}
    assert got["Staromaiorske"].precision == "village" and got["Staromaiorske"].admin1 == "Donetsk"
    assert got["Staromaiorske"].geonameid


def test_first_level_divisions_by_name_with_a_point_inside_them():
    sool = _event_places("Clans clashed in Laascaanood town (Laas Caanood, Sool) on Monday.")
    assert [(p.name, p.admin1) for p in sool] == [("Laascaanood", "Sool")]
    got = {p.name: p for p in find_places("The army attacked in Middle Shabelle and near Baidoa, Bay region.")}
    shabelle = got["Middle Shabele"]
    assert shabelle.precision == "region" and shabelle.country == "SO" and _near(shabelle, 2.9, 45.5, 120)
    assert got["Bay"].precision == "region"


def test_second_level_districts_come_from_the_curated_table_where_geonames_lacks_them():
    (p,) = _event_places("Tribal clashes in Kurram District left dozens dead.")
    assert (p.name, p.precision, p.country) == ("Kurram District", "district", "PK")


@pytest.mark.parametrize("variant, canonical", [
    ("Kharkov", "Kharkiv"), ("Nikolaev", "Mykolaiv"), ("Artemivsk", "Bakhmut"), ("Artemovsk", "Bakhmut"),
    ("Zaporozhye", "Zaporizhzhia"), ("Odessa", "Odesa"),
])
def test_russian_and_ukrainian_spellings_are_one_place(variant, canonical):
    assert [p.name for p in find_places(f"Missiles hit {variant} on Monday.")] == [canonical]


@pytest.mark.parametrize("spelling", ["El Fasher", "Al-Fashir", "Al Fashir", "El-Fasher"])
def test_arabic_article_spellings_are_one_place(spelling):
    (p,) = find_places(f"Shelling hit {spelling} on Monday.")
    assert (p.name, p.country) == ("El Fasher", "SD")


def test_each_place_keeps_geonames_id_country_admin1_and_kind():
    (p,) = find_places("Shelling hit Kramatorsk on Monday.")
    assert (p.country, p.admin1, p.precision) == ("UA", "Donetsk", "city")
    (q,) = find_places("Protests spread in Niamey.")
    assert q.geonameid and q.country == "NE" and q.precision == "city"


# -- disambiguation ----------------------------------------------------------------------------

def test_a_division_named_after_it_picks_the_place_of_that_division():
    # the curated (Ukrainian) Donetsk yields to the Russian town when the text names Rostov Oblast
    got = find_places("Clashes in Donetsk, Rostov Oblast, on Monday.")
    assert (got[0].name, got[0].country, got[0].admin1) == ("Donetsk", "RU", "Rostov")
    assert find_places("Shelling hit Donetsk on Monday.")[0].country == "UA"


def test_a_division_after_a_name_the_data_lacks_is_the_place():
    # neither Nefza nor Zhabichevo is in the data; the division after them is, read as a division
    (p,) = _event_places("Tunisian police clashed with protesters in Nefza (Beja) on Monday.")
    assert (p.country, p.precision) == ("TN", "region")
    (q,) = _event_places("Shelling hit Zhabichevo, Donetsk on Monday.")
    assert (q.name, q.precision) == ("Donetsk Oblast", "region")
    # a sentence's first word is no unknown place: "Yesterday, Donetsk" is the city
    assert [p.precision for p in _event_places("Yesterday, Donetsk was shelled.")] == ["city"]


def test_a_country_named_after_it_picks_the_place_of_that_country():
    assert find_places("Rally in Reading, Pennsylvania.")[0].country == "US"
    assert find_places("A rally was held in Reading, England, on Monday.")[0].country == "GB"


def test_parenthesised_city_and_territory():
    (p,) = _event_places("Shelling hit a hospital area in (Gaza City, Gaza Strip) on 17 October 2023.")
    assert p.country == "PS" and _near(p, 31.50, 34.47, 10)


def test_the_countries_the_document_names_choose_between_namesakes():
    assert find_places("Gunfire was heard in Tripoli, the Lebanese army said; Beirut was calm.")[0].country == "LB"
    assert find_places("Gunfire was heard in Tripoli, Libyan officials said.")[0].country == "LY"


def test_other_places_in_the_text_choose_between_namesakes_in_one_country():
    # Ukraine has many villages called Novoselivka; the one near Kupiansk is meant
    got = {p.name: p for p in find_places("Shelling hit Novoselivka near Kupiansk on Monday.")}
    assert distance_km(got["Novoselivka"], got["Kupiansk"]) < 150


def test_population_is_the_prior():
    assert find_places("Riots broke out in Alexandria on Friday.")[0].country == "EG"


@pytest.mark.parametrize("text", [
    "Of the three plans, one failed.", "Police said the march ended.", "Militants attacked Mobile police units.",
    "Reading the report took an hour.", "A Protest was held.", "Bath time came.", "Protest leaders met Police in Bath.",
])
def test_common_words_are_not_places_without_evidence(text):
    assert find_places(text) == []


def test_common_word_names_are_places_when_a_division_or_country_follows():
    assert _places("Storm damage in Mobile, Alabama.")[0][:2] == ("Mobile", "US")
    assert _places("Workers walked out in Police, Poland.")[0][:2] == ("Police", "PL")


def test_capitals_in_a_headline_are_no_evidence():
    # "Send" is a village in England; in a headline its capital letter says nothing
    got = find_places("White House Says Iran Is Preparing to Send Russia Hundreds of Drones")
    assert "Send" not in [p.name for p in got] and all(p.precision == "country" for p in got)


def test_weekday_names_are_never_places():
    assert find_places("The EU imposed sanctions on Thursday.") == []


def test_small_places_need_a_country_the_document_is_about():
    # a lone village name with no locative, no country and no division is a word, not a village
    # (Andreyevka: villages in Kazakhstan, Russia and Ukraine)
    assert find_places("The meeting was held in Andreyevka on Monday.") == []
    assert [p.country for p in find_places("Russia said shelling hit Andreyevka on Monday.")] == ["RU"]


def test_an_old_name_of_a_city_yields_to_villages_called_so_today():
    got = find_places("Ukraine said shelling hit Aleksandrovka on Monday.")
    assert got and got[0].name != "Donetsk" and got[0].precision == "village"


def test_comilla_city_is_comilla_not_the_division_capital():
    (p,) = _event_places("Protesters clashed with police in Comilla city on 15 October 2021.")
    assert p.name == "Comilla" and _near(p, 23.46, 91.18, 10)


@pytest.mark.parametrize("text, reference", [
    ("The plant was set up in Tatarstan, several hundred miles east of Moscow.", "Moscow"),
    ("A drone hit a depot 50 km from Kherson on Monday.", "Kherson"),
    ("Shelling hit a village 30 miles north of Kyiv.", "Kyiv"),
])
def test_a_reference_point_is_marked_and_is_not_the_events_place(text, reference):
    m = scan(text)
    assert [x.reference for x in m.places if x.place.name == reference] == [True]
    assert reference not in [p.name for p in _event_places(text)]


def test_reference_points_stay_out_of_the_places_an_undated_sentence_adds():
    from datetime import date

    from timeline.events.extract import extract
    from timeline.model import Document

    text = ("Drones struck a depot in Kupiansk on Monday. The depot lies 40 km east of Kharkiv, "
            "officials said.")
    (event,) = extract(Document(text, published=date(2023, 6, 13)))
    assert [p.name for p in event.places] == ["Kupiansk"]


def test_inside_a_region_is_not_a_reference_point():
    m = scan("Ukraine liberated Staromaiorske in the south of Donetsk Oblast.")
    assert not any(x.reference for x in m.places)


def test_hyphenated_city_and_district_keep_the_district():
    assert [p.name for p in _event_places("Clashes in Mogadishu-Dharkenley, Somalia, on Tuesday.")] == ["Dharkenley"]


# -- the event's place ---------------------------------------------------------------------------

def test_the_most_specific_place_wins_over_the_division_and_country_holding_it():
    text = "Shelling hit Robotyne, Zaporizhzhia Oblast, Ukraine, on Tuesday."
    assert [p.name for p in _event_places(text)] == ["Robotyne"]


def test_water_and_facilities_are_not_containers():
    text = "Barges crossed the Caspian Sea from Amirabad to Makhachkala."
    assert {p.name for p in _event_places(text)} == {"Caspian Sea", "Amirabad Port", "Makhachkala"}


def test_clause_then_sentence_then_paragraph():
    text = "Heavy fighting was reported in Kupiansk.\nShelling continued overnight. Two people died on Monday."
    m = scan(text)
    s2 = text.index("Two")
    # the sentence names no place, and neither does its paragraph
    assert m.event_places((s2, len(text)), (s2, len(text))) == []
    text2 = "Heavy fighting was reported in Kupiansk. Two people died on Monday."
    m2 = scan(text2)
    s = text2.index("Two")
    assert [p.name for p in m2.event_places((s, len(text2)), (s, len(text2)))] == ["Kupiansk"]
    clause = (0, text2.index(".") + 1)
    assert [p.name for p in m2.event_places(clause, clause)] == ["Kupiansk"]
