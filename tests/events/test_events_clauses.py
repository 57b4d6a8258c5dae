import re

from timeline.events.clauses import clean_clause, split_clauses
from timeline.events.sentences import Span


def _anchors(text, *phrases):
    return [(text.index(p), text.index(p) + len(p)) for p in phrases]


def test_two_dates_two_happenings_split_at_comma_and():
    text = "The bridge was damaged in May, and the ferry service resumed on Friday."
    spans = split_clauses(text, Span(0, len(text)), _anchors(text, "May", "Friday"))
    assert [text[s.start:s.end] for s in spans] == ["The bridge was damaged in May",
                                                     "and the ferry service resumed on Friday."]
    assert clean_clause(text[spans[1].start:spans[1].end]) == "The ferry service resumed on Friday."


def test_semicolon_is_the_strongest_boundary():
    text = "Talks stalled in March, officials said; a deal followed in April."
    spans = split_clauses(text, Span(0, len(text)), _anchors(text, "March", "April"))
    assert text[spans[0].start:spans[0].end] == "Talks stalled in March, officials said"
    assert text[spans[1].start:spans[1].end] == "a deal followed in April."


def test_dates_without_boundary_share_the_clause():
    text = "The ministry said on Friday that the depot burned on Monday."
    spans = split_clauses(text, Span(0, len(text)), _anchors(text, "Friday", "Monday"))
    assert spans[0] == spans[1] == Span(0, len(text))


def test_single_date_keeps_the_sentence():
    text = "Crews repaired the line in June."
    assert split_clauses(text, Span(0, len(text)), _anchors(text, "June")) == [Span(0, len(text))]


def test_clean_clause_trims_and_limits_length():
    long = "and " + "word " * 80
    out = clean_clause(long, limit=50)
    assert len(out) <= 50 and out.endswith("…") and out.startswith("Word")


def test_a_side_holding_only_its_date_is_not_cut_off():
    text = "Crowds queued at the border crossing on Saturday and Sunday."
    spans = split_clauses(text, Span(0, len(text)), _anchors(text, "Saturday", "Sunday"))
    assert spans == [Span(0, len(text))] * 2


def test_clean_clause_drops_leading_connectives_and_participles():
    assert clean_clause("and then, however, the convoy turned back") == "The convoy turned back"
    assert clean_clause("Separately, the port reopened") == "The port reopened"
    assert clean_clause("citing engineers who inspected the bridge in May") == (
        "Engineers who inspected the bridge in May")
    out = clean_clause("but " + "the column of trucks moved slowly " * 12)
    assert len(out) <= 200 and out.endswith("…") and out.startswith("The column")
    assert out[:-1].split()[-1] in {"the", "column", "of", "trucks", "moved", "slowly"}


def test_fragments_and_bare_attributions_are_not_clauses_of_their_own():
    text = "The league admitted Norway in 1952, Chile in 1961 and Peru in 1975."
    spans = split_clauses(text, Span(0, len(text)), _anchors(text, "1952", "1961", "1975"))
    assert spans == [Span(0, len(text))] * 3
    text = "A second suspect was detained at the airport on Sunday, police said today."
    spans = split_clauses(text, Span(0, len(text)), _anchors(text, "Sunday", "today"))
    assert spans == [Span(0, len(text))] * 2


def test_as_of_keeps_its_as():
    assert clean_clause("As of March 1, the fund held no bonds") == "As of March 1, the fund held no bonds"
    assert clean_clause("as the river rose in May") == "The river rose in May"


def test_thousands_separator_is_no_clause_boundary():
    text = "Visitors fell to 40,000 last year, and the park closed its gates in March."
    spans = split_clauses(text, Span(0, len(text)), _anchors(text, "last year", "March"))
    assert text[spans[0].start:spans[0].end] == "Visitors fell to 40,000 last year"


def test_wire_dateline_is_not_part_of_the_summary():
    assert clean_clause("ODESA, Ukraine (Wire)_ Port cranes resumed loading on Monday") == (
        "Port cranes resumed loading on Monday")
    assert clean_clause("LONDON (Newsdesk) - The talks ended on Monday") == "The talks ended on Monday"



def test_split_clauses_work_is_linear_in_the_dates_of_a_sentence() -> None:
    """Thousands of dates in one sentence with no boundary between them (dense numbers, date lists).

    Work is counted as lines of clauses.py executed (generator steps included). The old code
    re-read the list of cuts on both sides of every date, so doubling the dates quadrupled it;
    linear work doubles.
    """
    import sys

    import timeline.events.clauses as clauses_mod

    def lines_run(n: int) -> int:
        text = "Troops shelled the town " + "on 3 March 4 March " * n + "officials said; police fled on 5 May."
        anchors = [(m.start(), m.end()) for m in re.finditer(r"\d+ (?:March|May)", text)]
        count = [0]

        def trace(frame, event, arg):  # noqa: ANN001, ANN202
            if frame.f_code.co_filename != clauses_mod.__file__:
                return None
            if event == "line":
                count[0] += 1
            return trace

        sys.settrace(trace)
        try:
            spans = clauses_mod.split_clauses(text, Span(0, len(text)), anchors)
        finally:
            sys.settrace(None)
        assert len(spans) == len(anchors)
        return count[0]

    small, large = lines_run(300), lines_run(600)
    assert small > 0
    assert large / small < 2.6
