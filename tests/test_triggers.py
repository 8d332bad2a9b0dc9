"""The recognizer runs each rule only in windows around its trigger words (:mod:`timeline.tagger.scan.triggers`): the matches
must be exactly those of a scan of the whole text, and the trigger table must cover every rule.

The texts: the seed article, every phrasing of the cases file, every rule's example, hostile inputs (long runs
of whitespace and hyphens, numbers with thousands separators, glued words, characters that ``re.IGNORECASE``
equates to ASCII letters) and, when ``../shared`` is present, the TBAQ texts.
"""
from __future__ import annotations

import dataclasses
import random
import re
import shutil
from pathlib import Path

import pytest

from timeline import lang
from timeline.tagger.scan import triggers
from timeline.lang.lexicon import RESOURCES
from timeline.tagger.recognize import NORMALIZE, compiled_rules
from timeline.sources.timeml import read_timeml

ROOT = Path(__file__).resolve().parents[1]
TBAQ = ROOT.parent / "shared" / "corpora" / "tbaq"


def rules():
    return tuple((c.rule.name, c.regex) for c in compiled_rules())


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for line in (ROOT / "tests" / "cases" / "timex_cases.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#"):
            texts += [p.strip().replace("[", "").replace("]", "") for p in line.split("\t")[3].split(" || ")]
    texts += [c.rule.example for c in compiled_rules()]
    texts += [
        "the\n\n\n\n      \n third   -   -   quarter of\t\t\t\t\t\t\t\t\t\t1998 ended Sept.\n\n\n\n\n30",
        "for 1,000,000,000,000,000 years; 12,345,678 days ago; 1,2,3,4,5,6,7,8,9 weeks",
        "Mayfirst Oct23 January23,1998 1990s 1990's '80s nineteen-------ninety-six twenty           four hours",
        "the ſeaſon's laſt week, ıt was FRIDAY; \u212aelvin said Tuesday \u0130stanbul TODAY at 10:30 a.m.",
        " " * 500 + "last year" + "\n" * 300 + "two days ago" + "-" * 200 + "in 2011",
        "for 2days, 3 -days,five\u2003days, six\tweeks ago; Fridays today's holidays two yesterdays ago, 4-year",
        "",
        "no temporal words at all here.",
    ]
    rng = random.Random(7)
    seed = texts[0]
    for _ in range(20):     # the seed with random runs, hyphens and glued words spliced in
        chars = list(seed)
        for _ in range(len(chars) // 25):
            i = rng.randrange(len(chars))
            chars[i] = rng.choice([" " * rng.randint(2, 40), "\n\n\n", "-", " - ", "", ",000", "  -  -  ",
                                   chars[i].upper(), "\u017f", "\u0131"])
        texts.append("".join(chars))
    if TBAQ.is_dir():
        texts += [read_timeml(p).text for p in sorted(TBAQ.glob("*/*.tml"))[:60]]
    return [t.translate(NORMALIZE) for t in texts]


TEXTS = _texts()


def test_windows_give_the_matches_of_a_whole_text_scan():
    compiled = compiled_rules()
    for text in TEXTS:
        scan = triggers.scan(text, rules())
        for order, c in enumerate(compiled):
            expected = [m.span() for m in c.regex.finditer(text)]
            assert [m.span() for m in scan.finditer(order, c.regex)] == expected, (c.rule.name, text[:80])


def test_every_match_holds_a_trigger_of_its_rule_in_its_groups():
    """The trigger table is right: every match of a rule (on every text) has one of its trigger words, or a run
    of digits, starting inside one of the rule's declared groups (or overlapping the match when none are
    declared)."""
    table = triggers.read_triggers()
    plan = triggers.plan(rules())
    for text in TEXTS:
        scan = triggers.scan(text, rules())
        for order, (name, regex) in enumerate(rules()):
            groups = table[name][1]
            for m in regex.finditer(text):
                spans = [m.span(g) for g in groups if m.group(g) is not None] if groups else [m.span()]
                assert any(s <= ts < e if groups else ts < e and s < te
                           for s, e in spans for ts, te, _, _ in scan.triggers[order]), (name, m.group(), plan)


def test_characters_that_ignorecase_equates_to_ascii_letters_are_folded():
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x80, 0x110000):
        ch = chr(code)
        if letter.fullmatch(ch):
            folded = ch.translate(triggers.FOLD).lower()
            assert len(folded) == 1 and "a" <= folded <= "z", hex(code)


@pytest.fixture
def resources(tmp_path):
    shutil.copytree(RESOURCES, tmp_path / "res")
    return tmp_path / "res"


def _tmp_language(resources: Path) -> str:
    code = f"tmp_{abs(hash(str(resources)))}"
    lang.register(code, resources)
    return code


def _edit(resources: Path, change) -> None:
    path = resources / triggers.TRIGGERS_FILE
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (lambda s: re.sub(r"\nweekend\t[^\n]*", "", s), "rules without triggers: \\['weekend'\\]"),
    (lambda s: s + "no_such_rule\tyear\t-\n", "unknown rules: \\['no_such_rule'\\]"),
    (lambda s: s.replace("weekend\tweekend", "weekend\tWeek-end"), "not a lower-case word"),
    (lambda s: s.replace("vague\t@vague", "vague\t@vagueness"), "unknown class"),
    (lambda s: s.replace("quarter\tquarter half period\tunit", "quarter\tquarter half period\tyr"),
     "not in every match"),
    (lambda s: s.replace("century\tcentury\t-", "century\t\t-"), "non-empty"),
    (lambda s: s.replace("numeric_date\t@digits1-2", "numeric_date\t@digits3-2"), "empty digit class"),
    (lambda s: s.replace("numeric_date\t@digits1-2", "numeric_date\t@digits0"), "unknown class"),
])
def test_a_bad_trigger_table_is_an_error_at_load_time(resources, change, message):
    _edit(resources, change)
    with pytest.raises(triggers.LexiconError, match=message):
        triggers.plan(rules(), _tmp_language(resources))


def test_a_match_changed_by_the_cut_is_found_again_without_it():
    """Each match found in a window is checked against the whole text. With the year rule's windows cut right
    after each year on purpose, "2011 %" looks like a year (the cut hides the "%" its lookahead rejects); the
    check sees it and the window is scanned again with room: the matches are still the whole-text ones."""
    compiled = compiled_rules()
    order = [c.rule.name for c in compiled].index("year")
    regex = compiled[order].regex
    plan = triggers.plan(rules())
    short = dataclasses.replace(plan, afters=tuple(0 if i == order else a for i, a in enumerate(plan.afters)))
    filler = " and then the other thing happened, as everyone had said it would, in the end"     # no digits
    text = "sales rose in 2011   %" + filler + " and fell in 1998 percent," + filler + " then 2003. In 1990 %, 1991"
    assert len(scan_windows := triggers.Scan(text, short).windows(order)) > 1, scan_windows
    scan = triggers.Scan(text, short)
    assert [m.span() for m in scan.finditer(order, regex)] == [m.span() for m in regex.finditer(text)]
    assert [m.group() for m in regex.finditer(text, 0, text.index("2011") + 4)] == ["2011"]   # what the cut fakes


def test_windows_skip_a_unit_glued_to_a_word_only_where_the_pattern_says_so():
    """A duration's unit follows whitespace or a hyphen ([\\s-]+ before the group, which holds a list of words
    starting with the triggers), so "day" in "Friday" triggers no duration window; a rule whose group may hold
    another word first ("fiscal year") keeps every trigger."""
    plan = triggers.plan(rules())
    spaced = dict(zip(plan.names, plan.spaced))
    assert spaced["duration"] and spaced["ago"]
    assert not spaced["rel_unit"] and not spaced["full_date"] and not spaced["year"]
