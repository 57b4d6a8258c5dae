"""Trailing site furniture is cut from plain text; real sentences never are."""
from __future__ import annotations

import pytest

from timeline.ingest.boilerplate import is_furniture, strip_trailing_boilerplate

BODY = ("Drones struck the port overnight, the governor said.\n\n"
        "Repairs to the damaged grain terminal began on Sunday.")


def test_seed_style_footer_block_is_cut() -> None:
    footer = ("\n\nThe Example Sun\n\n© 2024 The Example Sun Company, LLC. All rights reserved.\n\n"
              "Use of this site constitutes acceptance of our Terms of Use and Privacy Policy. The material on this "
              "site is protected by copyright law and may not be reproduced.\n\nThe Example Sun\n\n"
              "Sign in or  create a free account\n\nBy continuing you agree to our Privacy Policy and Terms of Use")
    kept, removed = strip_trailing_boilerplate(BODY + footer)
    assert kept == BODY
    assert removed == footer
    assert (kept + removed) == BODY + footer


def test_text_without_furniture_is_unchanged() -> None:
    assert strip_trailing_boilerplate(BODY) == (BODY, "")
    # A short closing line alone is not furniture.
    text = BODY + "\n\nReporting by A. Writer"
    assert strip_trailing_boilerplate(text) == (text, "")


def test_a_real_last_sentence_about_a_privacy_policy_stays() -> None:
    text = BODY + "\n\nThe ministry said it would publish a new privacy policy for its air-raid alert app on Friday."
    assert strip_trailing_boilerplate(text) == (text, "")


def test_furniture_in_the_middle_is_left_alone() -> None:
    text = "Subscribe\n\n" + BODY
    assert strip_trailing_boilerplate(text) == (text, "")


def test_walk_stops_at_the_first_sentence() -> None:
    text = BODY + "\n\nSample Desk\nCopyright 2023 Sample Desk"
    kept, removed = strip_trailing_boilerplate(text)
    assert kept == BODY and "Sample Desk" in removed


@pytest.mark.parametrize("line", [
    "© 2024 Example Media. All rights reserved.",
    "Copyright 2024 Example Media",
    "Copyright © Example Media",
    "(c) 2023 Example",
    "Use of this website constitutes acceptance of our user agreement.",
    "Sign in or create a free account",
    "Subscribe to our newsletter",
    "Terms of Use | Privacy Policy | Cookie Policy",
    "We use cookies to improve your experience on our site and to show you relevant advertising, by clicking accept you agree.",
])
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Copyright law was not the issue, the court said.",
    "Officials said the company had broken its own privacy policy when it shared the data of thousands of users.",
    "Registered voters in the region were told to stay home.",
    "The drones were subscribed to no schedule, a soldier joked.",
])
def test_sentences_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)
