import pytest

from timeline.events.classify import classify, cues
from timeline.gazetteer.tables import TableError, read_table
from timeline.model import EVENT_TYPES


@pytest.mark.parametrize("cue", cues(), ids=lambda c: f"line{c.line}-{c.sub_type}")
def test_every_cue_row_classifies_its_own_example(cue):
    result = classify(cue.example)
    assert (result.event_type, result.sub_type) == (cue.event_type, cue.sub_type)


def test_table_covers_every_acled_type():
    assert {c.event_type for c in cues()} == set(EVENT_TYPES) - {"Other"}


@pytest.mark.parametrize("clause, expected", [
    ("a drone strike destroyed a fuel depot near the coast", ("Explosions/Remote violence", "Air/drone strike")),
    ("the government retook territory around the dam", ("Battles", "Government regains territory")),
    ("the EU adopted a new package of sanctions", ("Strategic developments", "Other")),
    ("the supplier delivered more drones and spare parts", ("Strategic developments", "Other")),
    ("work started on a new missile factory", ("Strategic developments", "Other")),
    ("the weather was mild", ("Other", None)),
])
def test_typical_clauses(clause, expected):
    r = classify(clause)
    assert (r.event_type, r.sub_type) == expected
    assert 0.0 <= r.score <= 1.0


def test_malformed_table_names_file_and_line(tmp_path):
    (tmp_path / "bad.tsv").write_text("# comment\na\tb\n1\t2\t3\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"bad\.tsv:3"):
        read_table("bad.tsv", 2, data_dir=tmp_path)
    with pytest.raises(TableError, match="missing.tsv"):
        read_table("missing.tsv", 2, data_dir=tmp_path)


@pytest.mark.parametrize("clause", [
    "the army carried out its biggest air attack in months, firing dozens of drones at the port",
    "the navy launched forty drones at coastal radar sites overnight",
    "one of the heaviest bombardments of the year hit the suburbs",
])
def test_air_and_drone_attacks_are_remote_violence_not_battles(clause):
    assert classify(clause).event_type == "Explosions/Remote violence"


def test_pledging_air_defence_is_not_a_strike():
    assert classify("allies pledged more air defence systems for the capital").event_type == "Strategic developments"


@pytest.mark.parametrize("clause", [
    "investors bet on an imminent clash between the two carmakers",
    "the incumbent was defeated in the provincial election",
    "federal agents raided the family's home before dawn",
])
def test_fighting_words_outside_war_are_not_battles(clause):
    assert classify(clause).event_type != "Battles"


@pytest.mark.parametrize("clause", [
    "government troops clashed with rebels near the dam",
    "the army captured the ridge after a week",
    "soldiers fought house to house in the old town",
])
def test_fighting_words_next_to_armed_forces_are_battles(clause):
    assert classify(clause).event_type == "Battles"
