import pytest

from timeline.events.classify import CUE_TABLES, classify, cues, lead_end
from timeline.events.roles import parties, roles, verbs
from timeline.gazetteer.tables import TableError, read_table
from timeline.model import EVENT_TYPES


@pytest.mark.parametrize("cue", cues(), ids=lambda c: f"{c.table}:{c.line}-{c.sub_type}")
def test_every_cue_row_classifies_its_own_example(cue):
    result = classify(cue.example)
    assert (result.event_type, result.sub_type) == (cue.event_type, cue.sub_type)


@pytest.mark.parametrize("role", roles(), ids=lambda r: f"roles:{r.line}-{r.sub_type}")
def test_every_role_row_classifies_its_own_example(role):
    result = classify(role.example)
    assert (result.event_type, result.sub_type) == (role.event_type, role.sub_type)


@pytest.mark.parametrize("row", parties() + verbs(), ids=lambda r: f"{type(r).__name__}:{r.line}-{r.cls}")
def test_every_party_and_verb_row_matches_its_example(row):
    assert row.pattern.search(row.example.lower()), row.example


def test_tables_cover_every_acled_type_and_other():
    assert {c.event_type for c in cues()} == set(EVENT_TYPES)
    assert {c.table for c in cues()} == set(CUE_TABLES)


@pytest.mark.parametrize("clause, expected", [
    # the examples of issue 8
    ("Israeli warplanes struck a residential building", ("Explosions/Remote violence", "Air/drone strike")),
    ("Taliban militants attacked an Afghan military convoy", ("Battles", "Armed clash")),
    ("Northeastern Police Force clashed with an unidentified armed group", ("Battles", "Armed clash")),
    ("Israeli military forces opened fire at Palestinians", ("Violence against civilians", "Attack")),
    ("an unidentified armed group attacked and killed 4 people", ("Violence against civilians", "Attack")),
    ("rioters set fire to cars and threw stones at the police", ("Riots", "Violent demonstration")),
    # and others
    ("a drone strike destroyed a fuel depot near the coast", ("Explosions/Remote violence", "Air/drone strike")),
    ("the government retook territory around the dam", ("Battles", "Government regains territory")),
    ("the supplier delivered more drones and spare parts", ("Strategic developments", "Other")),
    ("work started on a new missile factory", ("Strategic developments", "Other")),
    ("the EU adopted a new package of sanctions", ("Other", None)),          # diplomacy: ACLED does not code it
    ("a strong earthquake killed forty people in the valley", ("Other", None)),
    ("the weather was mild", ("Other", None)),
])
def test_typical_clauses(clause, expected):
    r = classify(clause)
    assert (r.event_type, r.sub_type) == expected
    assert 0.0 <= r.score <= 1.0


def test_riots_are_not_protests():
    assert classify("hundreds of demonstrators rioted, torching shops").event_type == "Riots"
    assert classify("the protest turned violent as youths hurled rocks at officers").event_type == "Riots"
    assert classify("thousands protested peacefully outside parliament").event_type == "Protests"


def test_a_background_invasion_is_not_a_battle():
    r = classify("Iran and Russia have deepened their cooperation since Russia invaded Ukraine last year.")
    assert r.event_type != "Battles"


def test_the_means_decides_over_the_target():
    # ACLED: a bombing of civilians is remote violence, not an attack on civilians
    r = classify("militants set off a roadside bomb that killed six villagers")
    assert (r.event_type, r.sub_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert classify("a suicide bomber blew himself up in a crowded market").sub_type == "Suicide bomb"


def test_the_lead_sentence_outweighs_background():
    text = ("Thousands rallied peacefully in the capital on Sunday. A day earlier security forces had opened fire "
            "on protesters in another city.")
    assert lead_end(text) is not None
    assert classify(text).sub_type == "Peaceful protest"
    assert lead_end("One sentence only, with no second one") is None


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


@pytest.mark.parametrize("clause, expected", [
    ("Five soldiers were killed by militants in an ambush", "Battles"),                       # passive: agent after "by"
    ("Villagers were attacked by gunmen overnight", "Violence against civilians"),
    ("A police patrol came under attack from suspected rebels", "Battles"),
    ("Two civilians were killed when soldiers opened fire on their car", "Violence against civilians"),
    ("Soldiers killed two militants who attacked a checkpoint", "Battles"),
    ("Four people were shot dead by unidentified gunmen", "Violence against civilians"),
    ("Gunmen attacked the home of a politician, killing his wife", "Violence against civilians"),
    ("Police fired on a crowd of protesters", "Protests"),
    ("An attack by suspected jihadists on a village killed 12 civilians", "Violence against civilians"),
    ("Houthi rebels attacked Saudi border guards", "Battles"),
    ("Unidentified gunmen kill a pastor in his church", "Violence against civilians"),          # headline tense
    ("ISIS kills 10 Iraqi soldiers", "Battles"),
    ("A crowd set upon a man accused of theft and beat him", "Riots"),
])
def test_who_did_it_to_whom_decides_the_type(clause, expected):
    assert classify(clause).event_type == expected


@pytest.mark.parametrize("clause, expected", [
    ("the military said it had brought down an Iranian-designed attack drone near the town",
     ("Strategic developments", "Disrupted weapons use")),       # air defence at work: ACLED's disrupted weapons use
    ("the air force has reported shooting down hundreds of Shahed drones", ("Strategic developments", "Disrupted weapons use")),
    ("Iran is getting ready to provide Russia with several hundred unmanned aerial vehicles", ("Strategic developments", "Other")),
    ("Iran broke the resolution by sending Shahed drones to Russia", ("Strategic developments", "Other")),
    ("the convoy was hit by Israeli jets", ("Explosions/Remote violence", "Air/drone strike")),
    ("the breach of the Kakhovka dam flooded swathes of the region", ("Strategic developments", "Looting/property destruction")),
])
def test_the_projects_own_subject(clause, expected):
    r = classify(clause)
    assert (r.event_type, r.sub_type) == expected


def test_a_clause_shared_by_several_dates_is_matched_once(monkeypatch) -> None:
    """A list of dates in one clause classifies that clause once, not once per date."""
    import timeline.events.classify as classify_mod

    calls = [0]
    real = classify_mod._gate()

    class CountingGate:
        def matches(self, lowered, patterns):  # noqa: ANN001, ANN201
            calls[0] += 1
            return real.matches(lowered, patterns)

    monkeypatch.setattr(classify_mod, "_gate", lambda: CountingGate())
    classify_mod._cue_matches.cache_clear()
    clause = "Artillery shelled the market on 3, 4, 5 and 6 March, killing two civilians in Kherson"
    first = [classify_mod.cue_matches(clause) for _ in range(4)]
    classify_mod._cue_matches.cache_clear()
    assert calls[0] == 1
    assert first[0] == first[3] == classify_mod.cue_matches_unfiltered(clause)
