"""Headlines a desk editor would print (issue 13, item 1): one made-up sentence per fault the issue names, and the
checks of ``bench/headlines.py`` on made-up headlines.

Each case is (clause, its date phrase, the sentence it is part of or "", the headline expected): the date phrase
is what the events stage takes out of the clause; the sentence is the fallback the events stage passes.
"""
from __future__ import annotations

import pytest

from bench.headlines import faults
from timeline.events.text import HEADLINE_MAX, text_analysis

TEXT = text_analysis("en")


def headline(clause: str, phrase: str, sentence: str = "") -> str:
    at = clause.find(phrase)
    return TEXT.headline(clause, [(at, at + len(phrase))] if phrase else [], fallback=sentence or clause)


CASES = [
    # a hole where the date phrase was: the date stays, or its preposition goes with it
    ("An engineering report dated March 2019 had flagged cracks in the footbridge.", "March 2019", "",
     "An engineering report dated March 2019 had flagged cracks"),
    ("Tax rates were lower than a year ago.", "a year ago", "", "Tax rates were lower than a year ago"),
    ("Sales for the full year were $6.6 billion.", "the full year", "", "Sales were $6.6 billion"),
    ("The harbour master's rule (1998-2004) ended with the new bridge.", "1998-2004", "",
     "The harbour master's rule ended with the new bridge"),
    ("This year's results included a gain of $70 million.", "This year", "",
     "This year's results included a gain of $70 million"),
    # a news agency's dateline
    ("KALNRETH (AP) -- The footbridge collapsed on Tuesday, injuring three people.", "Tuesday", "",
     "The footbridge collapsed, injuring three people"),
    ("OSTERBY _ Ferry crews worked double shifts on Friday.", "Friday", "", "Ferry crews worked double shifts"),
    # a reporting frame standing alone: the reported event instead
    ("regional officials said on Sunday.", "Sunday", "Four more guards were killed, regional officials said on Sunday.",
     "Four more guards were killed"),
    ("Four more guards were killed on Sunday, regional officials said.", "Sunday", "", "Four more guards were killed"),
    # a cut inside a number or a dropped sign
    ("-5 degrees were recorded in Kalnreth on Monday, the weather service said.", "Monday", "",
     "-5 degrees were recorded in Kalnreth"),
    ("Temperatures fell to -12.5 degrees in the harbour district on Monday as the ferry crews worked double shifts.",
     "Monday", "", "Temperatures fell to -12.5 degrees in the harbour district"),
    # one word
    ("Germany in 1955", "1955", "The alliance expanded again, adding Germany in 1955.",
     "The alliance expanded again, adding Germany"),
    ("Campaign of 1904", "1904", "", "Campaign of 1904"),
    # a subjectless verb: the subject is found
    ("was repulsed on 3 May 1915.", "3 May 1915", "The garrison held the pass, and the assault was repulsed on 3 May 1915.",
     "The assault was repulsed"),
    ("refused to join the navy in spring.", "spring", "The Athenians, who had no walls, felt hard done by, and "
     "refused to join the navy in spring.", "The Athenians refused to join the navy"),
    # too long: cut at a phrase, so no "…"
    ("In May 1862 the Union Navy captured New Orleans without a major fight, which allowed Union forces to begin "
     "moving up the Mississippi.", "May 1862", "", "The Union Navy captured New Orleans without a major fight"),
    ("Coleco Industries Inc., a once high-flying toy maker whose stock peaked at $65 a share in the early 1980s, "
     "filed for bankruptcy protection.", "the early 1980s", "",
     "Coleco Industries Inc. filed for bankruptcy protection"),
    ("Because of the fierce resistance of a few Confederate forces at Manassas in July 1861, a march by Union troops "
     "was halted.", "July 1861", "", "A march by Union troops was halted"),
    ("A spokesman for the Stamford company said on Friday that operations had a loss of $5.5 million for the quarter.",
     "Friday", "", "Operations had a loss of $5.5 million for the quarter"),
]


#: headings, which have no verb to begin with
HEADINGS = {"Campaign of 1904"}


@pytest.mark.parametrize("clause, phrase, sentence, expected", CASES, ids=[c[3][:40] for c in CASES])
def test_headline(clause, phrase, sentence, expected):
    got = headline(clause, phrase, sentence)
    assert got == expected
    assert len(got) <= HEADLINE_MAX


@pytest.mark.parametrize("clause, phrase, sentence, expected", CASES, ids=[c[3][:40] for c in CASES])
def test_no_case_has_a_fault_the_bench_counts(clause, phrase, sentence, expected):
    allowed = {"no_subject_verb"} if expected in HEADINGS else set()
    assert faults(headline(clause, phrase, sentence), clause) <= allowed


def test_an_ellipsis_only_where_no_phrase_boundary_fits():
    long = ("Valley Federal Savings and Loan Association of Van Nuys took an $89.9 million charge as it reported "
            "a loss")
    got = TEXT.shorten(long)
    assert got.endswith("…") and len(got) <= HEADLINE_MAX
    assert not got[:-1].rstrip().endswith(("of", "and", "an", "89.9"))


@pytest.mark.parametrize("bad, fault", [
    ("An engineering report dated had flagged cracks", "hole"),
    ("Sales for were $6.6 billion", "hole"),
    ("Porfirio Díaz's rule ()", "hole"),
    ("Germany", "one_word"),
    ("Again", "one_word"),
    ("Was repulsed", "no_subject_verb"),
    ("Regional officials said", "frame_only"),
    ("WASHINGTON _ The economy created jobs", "dateline"),
    ("MOSCOW (AP)_ The mayor allocated funds", "dateline"),
    ("The assault was repulsed at the pass near the old…", "ellipsis"),
])
def test_the_bench_sees_each_fault(bad, fault):
    assert fault in faults(bad, "")


def test_the_bench_sees_a_dropped_sign():
    assert "sign_lost" in faults("5 degrees were recorded in Kalnreth", "-5 degrees were recorded in Kalnreth")
    assert "sign_lost" not in faults("-5 degrees were recorded", "-5 degrees were recorded in Kalnreth")


def test_a_heading_of_only_a_date_is_counted_apart():
    assert faults("1917", "1917") == {"no_subject_verb", "date_only"}


def test_a_long_capitalized_word_after_a_capital_word_is_no_dateline_and_costs_its_length():
    # the dateline pattern tried every split of each capitalized word (2^n): this sentence did not finish
    long = "WASHINGTON Abcdefghijklmnopqrstuvwxyzabcdefgh Abcdefghijklmnopq xyz agreed on the deal"
    got = headline(long, "", "")
    assert got.startswith("WASHINGTON Abcdefghijklmnopqrstuvwxyz")
    assert headline("WASHINGTON _ The economy created jobs", "", "") == "The economy created jobs"
