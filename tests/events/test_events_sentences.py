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
