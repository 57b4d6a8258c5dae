from timeline.events.sentences import split_sentences


def texts(text):
    return [s.text(text) for s in split_sentences(text)]


def test_abbreviations_initials_and_acronyms_do_not_end_sentences():
    text = ("Mr. Ortega met Gen. Halvorsen at 9 a.m. on Tuesday. The U.S. Navy said nothing. "
            "Analysts cited John Q. Public. Dr. Ames left for the U.S. The convoy moved at dawn.")
    assert texts(text) == [
        "Mr. Ortega met Gen. Halvorsen at 9 a.m. on Tuesday.",
        "The U.S. Navy said nothing.",
        "Analysts cited John Q. Public.",
        "Dr. Ames left for the U.S.",
        "The convoy moved at dawn.",
    ]


def test_quotes_close_the_sentence_and_offsets_match_the_text():
    text = "“We will rebuild,” the mayor said. “Not yet.” Officials left.\n\nA new paragraph starts here."
    spans = split_sentences(text)
    assert [s.text(text) for s in spans] == [
        "“We will rebuild,” the mayor said.", "“Not yet.”", "Officials left.", "A new paragraph starts here."]
    for s in spans:
        assert text[s.start:s.end] == s.text(text) and not s.text(text)[0].isspace()


def test_headline_lines_are_their_own_sentences_and_wrapped_lines_are_joined():
    text = ("Ports Reopen After Storm\nThe harbour authority reopened two ports on Monday after a storm that\n"
            "closed them for a week.")
    assert texts(text) == ["Ports Reopen After Storm",
                           "The harbour authority reopened two ports on Monday after a storm that\nclosed them for a week."]


def test_month_abbreviation_before_a_day_number():
    assert texts("The talks began on Jan. 5 in Vienna. They ended soon.") == [
        "The talks began on Jan. 5 in Vienna.", "They ended soon."]


def test_empty_text():
    assert split_sentences("") == [] and split_sentences("   \n ") == []


def test_clock_time_at_the_end_of_a_sentence():
    assert texts("Sirens sounded at 7 a.m. Police closed the road. It was 9 p.m. Monday when it ended.") == [
        "Sirens sounded at 7 a.m.", "Police closed the road.", "It was 9 p.m. Monday when it ended."]


def test_hard_wrapped_paragraph_is_joined_even_before_a_capital():
    text = ("The spokesman for the regional administration told reporters that\n"
            "President Ortega had approved the plan. Work starts soon.\nShort Heading\nBody text here.")
    assert texts(text) == [
        "The spokesman for the regional administration told reporters that\n"
        "President Ortega had approved the plan.", "Work starts soon.", "Short Heading", "Body text here."]


def test_long_headline_without_punctuation_before_a_one_line_paragraph_is_its_own_sentence():
    text = ("Regional council votes to rebuild the old grain terminal after the spring floods\n"
            "The regional council approved a plan on Tuesday to rebuild the grain terminal that floods wrecked in "
            "April, with work due to start before the harvest and end within two years.")
    assert texts(text) == [
        "Regional council votes to rebuild the old grain terminal after the spring floods",
        "The regional council approved a plan on Tuesday to rebuild the grain terminal that floods wrecked in "
        "April, with work due to start before the harvest and end within two years."]


def test_headline_with_attribution_is_cut_from_the_body():
    text = ("Ferry operator expands service to the northern islands, harbour authority says\n"
            "The ferry operator will add two daily crossings to the northern islands from next month, the harbour "
            "authority said on Monday.")
    assert texts(text)[0] == "Ferry operator expands service to the northern islands, harbour authority says"


def test_hard_wrapped_lines_of_even_width_stay_one_sentence():
    text = ("The inspectors visited the pumping station on the eastern bank twice in\n"
            "March and found the Generators in working order despite the shelling\n"
            "Officials had warned about since the winter began last year.")
    assert len(texts(text)) == 1


def test_title_case_headline_before_hard_wrapped_body_is_its_own_sentence():
    text = ("Engineers Restore Power To Northern Districts After Week-Long Blackout Ends\n"
            "Engineers restored power to the northern districts on Sunday after a week\n"
            "without electricity, the city council said.")
    assert texts(text)[0] == "Engineers Restore Power To Northern Districts After Week-Long Blackout Ends"
    assert len(texts(text)) == 2
