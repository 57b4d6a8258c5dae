from timeline.gazetteer import find_actors, scan


def _actors(text):
    return {(a.name, a.kind, a.country) for a in find_actors(text)}


def test_countries_short_forms_and_metonyms():
    got = _actors("The US and Britain warned Tehran, while the Kremlin and Kyiv traded accusations.")
    assert {("United States", "country", "US"), ("United Kingdom", "country", "GB"),
            ("Government of Iran", "government", "IR"), ("Kremlin", "government", "RU"),
            ("Government of Ukraine", "government", "UA")} <= got


def test_demonyms_become_countries_armed_forces_or_governments():
    got = _actors("Iranian engineers met Russian forces; Ukrainian officials objected.")
    assert ("Iran", "country", "IR") in got
    assert ("Russian Armed Forces", "military", "RU") in got
    assert ("Government of Ukraine", "government", "UA") in got


def test_curated_organisations():
    got = _actors("NATO, the IAEA, the State Department, the Pentagon and the IRGC commented, as did HESA.")
    names = {n for n, _, _ in got}
    assert {"North Atlantic Treaty Organization", "International Atomic Energy Agency", "US State Department",
            "US Department of Defense", "Islamic Revolutionary Guard Corps",
            "Iran Aircraft Manufacturing Industrial Company"} <= names


def test_people_with_roles_and_later_short_references():
    text = ("The agency spokesperson, Maria Lindqvist, said the talks failed. Ms. Lindqvist added that "
            "President Tomas Ferreira would travel. Later Mr. Ferreira declined to comment.")
    mentions = scan(text).actors
    people = [(m.text, m.actor.name) for m in mentions if m.actor.kind == "person"]
    assert ("Ms. Lindqvist", "Maria Lindqvist") in people
    assert ("Mr. Ferreira", "Tomas Ferreira") in people
    assert any(name == "Tomas Ferreira" and "President" in t for t, name in people)


def test_role_country_is_taken_from_context():
    got = _actors("Ukraine's foreign minister, Olena Marchuk, met envoys.")
    assert ("Olena Marchuk", "person", "UA") in got


def test_capital_after_locative_preposition_is_a_place_not_an_actor():
    m = scan("Drones struck targets in Kyiv overnight.")
    assert not [a for a in m.actors if a.text == "Kyiv"]
    assert [p.place.name for p in m.places] == ["Kyiv"]


def test_possessive_country_forces_and_ministries():
    got = _actors("Ukraine's military said the drone fell; Iran's government denied it.")
    assert ("Armed Forces of Ukraine", "military", "UA") in got
    assert ("Government of Iran", "government", "IR") in got


def test_capital_after_an_adjective_and_a_locative_verb_is_a_place():
    m = scan("Missiles hit central Kyiv at dawn.")
    assert [p.place.name for p in m.places] == ["Kyiv"] and not m.actors
