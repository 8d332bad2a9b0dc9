"""Adversarial inputs for the tagger: time per KB at 1x, 4x and 16x size (issue 7).

    python bench/adversarial.py            # every family, prints the table, exit 1 if one grows > 1.5x
    python bench/adversarial.py --quick    # smaller sizes (a smoke run)
    python bench/adversarial.py --family month_abbrevs --family single_line
    python bench/adversarial.py --stage pipeline   # tag + events per document (what a build does per article)
    python bench/adversarial.py --budget 60        # skip a size predicted to take over 60 s (it fails)
    python bench/adversarial.py --base 64          # every family at 64 KB, 256 KB and 1 MB

Each family is a generator ``make(n_chars) -> str`` of hostile text: digit runs and spaces, month abbreviations
repeated, a single long line of real prose, deeply repeated punctuation and numeric separators, whitespace.
Sizes: 1x is ``base`` characters (100 KB for most families; the single line is 5 MB at 16x, so 320 KB at 1x;
64 KB for issue 15's families, so 64 KB, 256 KB and 1 MB).
The time is the best of a few runs of ``timeline.tag(text, dct)`` (recognize + resolve), in CPU time of this
process (``time.process_time``, so that other jobs on a shared 2-core machine do not blur it); ms/KB is that
time per 1,000 characters. A family passes when its ms/KB at 16x is at most 1.5 times its ms/KB at 1x: time stays linear
in the input size, so no regular expression or selection step backtracks or compares all pairs.

The same generators give the untimed regression inputs of ``tests/test_adversarial.py``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
DCT = dt.datetime(2015, 11, 12, 14, 12)
MAX_GROWTH = 1.5
SCALES = (1, 4, 16)
KB = 1000


def _repeat(unit: str) -> Callable[[int], str]:
    def make(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]
    return make


def _random_tokens(pick: Callable[[random.Random], str], seed: int) -> Callable[[int], str]:
    def make(n: int) -> str:
        rng = random.Random(seed)
        parts, size = [], 0
        while size < n:
            token = pick(rng)
            parts.append(token)
            size += len(token)
        return "".join(parts)[:n]
    return make


def _digits_and_spaces(rng: random.Random) -> str:
    return str(rng.randrange(10 ** rng.randint(1, 8))).zfill(rng.choice((1, 1, 2, 4))) + " " * rng.randint(1, 3)


MONTH_ABBREVS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.",
                 "Dec.")


def _months_and_numbers(rng: random.Random) -> str:
    token = rng.choice(MONTH_ABBREVS)
    if rng.random() < 0.5:
        token += " " + str(rng.randint(0, 40))
    if rng.random() < 0.3:
        token += ", " + str(rng.randint(1900, 2100))
    return token + rng.choice((" ", ", ", ". ", " - ", " to "))


PUNCT = ".,;:-–—/\\()[]'\"!?…*&%$#@"


def _punctuation(rng: random.Random) -> str:
    return rng.choice(PUNCT) * rng.randint(1, 40)


def _prose_line(n: int) -> str:
    """Real prose on one line: the seed article's body, newlines turned into spaces, repeated."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    text = " ".join(p.read_text(encoding="utf-8") for p in seeds) or "On Oct. 23, 2015, officials said on Wednesday."
    line = " ".join(text.split()) + " "
    return _repeat(line)(n)


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _distinct_dates(n: int) -> str:
    """Many distinct dates in one sentence, no full stop: "1 Oct. 2 Oct. ... 31 Oct. 1 Nov. ..." """
    parts, size, i = [], 0, 0
    while size < n:
        token = f"{i % 28 + 1} {MONTH_ABBREVS[(i // 28) % len(MONTH_ABBREVS)]} "
        parts.append(token)
        size += len(token)
        i += 1
    return "".join(parts)[:n]


def _weekday_list(n: int) -> str:
    return _repeat(", ".join(WEEKDAYS) + ", ")(n)


def _weekday_sentences(rng: random.Random) -> str:
    return f"They met on {rng.choice(WEEKDAYS)}. "


def _reporting(rng: random.Random) -> str:
    return rng.choice((f"officials said {rng.choice(WEEKDAYS)} ", f"in {rng.choice(MONTHS)} they said ",
                       f"he told reporters on {rng.choice(WEEKDAYS)} that "))


def _interval_chain(rng: random.Random) -> str:
    a, b = rng.sample(WEEKDAYS, 2)
    return rng.choice((f"from {a} to {b} and ", f"since {a} and ", f"between {a} and {b} or ",
                       f"since {rng.randint(1990, 2015)} and ", f"until {rng.choice(MONTHS)} and "))


def _parenthesised(rng: random.Random) -> str:
    return f"the vote ({rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1900, 2015)}) and "


SCRIPTS = ("2015年11月12日", "١٢ نوفمبر ٢٠١٥", "12 ноября 2015", "on Wednesday", "\u00a0", "\u2003", "\u200b", "\t",
           "12.11.2015", "Ⅻ", "１２日")


def _scripts_and_spaces(rng: random.Random) -> str:
    return rng.choice(SCRIPTS) + rng.choice((" ", "\u00a0", "\u3000", "", "\u2028"))


def _unicode_digits(rng: random.Random) -> str:
    digits = rng.choice(("٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "０１２３４５６７８９", "0123456789"))
    return "".join(rng.choice(digits) for _ in range(rng.randint(1, 4))) + rng.choice(("/", ".", " ", "-", " Oct. "))


def _mixed_numeric(rng: random.Random) -> str:
    a, b = rng.randint(0, 40), rng.randint(0, 40)
    return rng.choice((f"{a}/{b}/", f"{a}.{b}.", f"{a}-{b}-", f"{a}:{b}", f"{a},{b:03d}", f"'{a:02d} "))


def _anchors_and_links(rng: random.Random) -> str:
    """A happening dated by a boundary verb, then an anchor phrase naming another one: each anchor looks for its
    link among every link of the document."""
    a, b = rng.sample(("strike", "election", "talks", "dinner", "festival", "inquiry", "boycott", "trial"), 2)
    return f"the {a} began in {rng.randint(1990, 2015)}, since the start of the {b}, "


def _date_ranges(rng: random.Random) -> str:
    """Thousands of intervals on one line, of every shape the events stage pairs."""
    d, y = rng.randint(1, 25), rng.randint(1990, 2014)
    month = rng.choice(MONTH_ABBREVS)
    return rng.choice((f"{month} {d}-{d + 2}, ", f"{y}-{y + 3}, ", f"from {d} to {d + 3} {month}, ",
                       f"between {y} and {y + 2}, ", f"{month} {d} - {month} {d + 1} ", f"{y}–{str(y + 1)[2:]}, "))


HOMOGLYPHS = ("M\u043enday", "\uff2d\uff4f\uff4e\uff44\uff41\uff59", "Tu\u0435sday", "\u039fct. 23", "Oct.\u00a023",
              "2015\u200b11\u200b12", "\u0663\u0660 Oct.", "Ｏｃｔ．２３", "Mon\u0301day", "ﬁve years ago")


def _alternating_scripts(rng: random.Random) -> str:
    """Letters of four scripts alternating within words, homoglyph and full-width dates, every kind of space."""
    letters = "aбγ字eжδ語"
    word = "".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))
    return rng.choice((word, rng.choice(HOMOGLYPHS), rng.choice(WEEKDAYS))) + rng.choice(
        (" ", "\u00a0", "\u2009", "\u3000", "\u200b", "\t", "\u2029", "\u000b", "\u0085"))


def _long_words_and_dates(rng: random.Random) -> str:
    """Words of thousands of letters (digits and dots inside some) between dates."""
    word = "x" * rng.randint(500, 5000)
    if rng.random() < 0.5:
        word = word[:200] + rng.choice(("2015", "Oct.", "12.11.", "Monday")) + word[200:]
    return word + rng.choice((" on Monday ", " in 2011 ", " ", " Oct. 23 "))


def _signal_soup(rng: random.Random) -> str:
    """Signal words without punctuation: since, until, from, to, between, around ... and a date now and then."""
    words = ("since", "until", "from", "to", "between", "and", "around", "about", "before", "after", "the",
             "began", "in", "ended", "during", "while")
    out = " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
    return out + " " + rng.choice((str(rng.randint(1990, 2015)), rng.choice(WEEKDAYS), rng.choice(MONTHS), "")) + " "


def _clause_cuts(rng: random.Random) -> str:
    """Dates between every kind of clause separator: semicolons, conjunctions, commas, dashes."""
    return rng.choice(WEEKDAYS) + rng.choice(("; ", ", and ", ", but ", ", ", " -- ", " – ", " and then ", "; then "))


def _digit_dates(rng: random.Random) -> str:
    """Dates written in other digits: ١٢/١١/٢٠١٥, Oct. ٢٣, ２０１５年, १९९९."""
    digits = rng.choice(("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "０１２３４５６７８９"))

    def num(n: int) -> str:
        return "".join(digits[int(c)] for c in str(n))

    return rng.choice((f"{num(rng.randint(1, 28))}/{num(rng.randint(1, 12))}/{num(rng.randint(1990, 2015))} ",
                       f"Oct. {num(rng.randint(1, 28))} ", f"in {num(rng.randint(1990, 2015))} ",
                       f"{num(rng.randint(1990, 2015))}年{num(rng.randint(1, 12))}月 "))


@dataclass(frozen=True)
class Family:
    name: str
    make: Callable[[int], str]
    base: int = 100 * KB
    what: str = ""


FAMILIES: tuple[Family, ...] = (
    Family("digits_and_spaces", _random_tokens(_digits_and_spaces, 1), what="digit runs of 1-8 separated by spaces"),
    Family("digit_run", _repeat("0123456789"), what="one unbroken run of digits"),
    Family("month_abbrevs", _repeat("Oct. "), what='"Oct. " repeated'),
    Family("month_abbrevs_glued", _repeat("Oct."), what='"Oct.Oct.Oct..." without spaces'),
    Family("months_and_numbers", _random_tokens(_months_and_numbers, 2), what="abbreviations, days, years"),
    Family("single_line", _prose_line, base=5_000 * KB // 16, what="real prose on one line (5 MB at 16x)"),
    Family("dots", _repeat("."), what='"." repeated'),
    Family("punctuation_runs", _random_tokens(_punctuation, 3), what="runs of mixed punctuation"),
    Family("slashes", _repeat("1/1/"), what='"1/1/1/1/..."'),
    Family("dashes", _repeat("1-1-"), what='"1-1-1-1-..."'),
    Family("dotted_numbers", _repeat("12.11."), what='"12.11.12.11...."'),
    Family("numeric_mix", _random_tokens(_mixed_numeric, 4), what="numbers glued by / . - : , and '"),
    Family("thousands", _repeat("1,000,"), what='"1,000,1,000,..."'),
    Family("ordinals", _repeat("the 45th "), what='"the 45th " repeated'),
    Family("number_words", _repeat("twenty-four "), what='"twenty-four " repeated'),
    Family("may_may", _repeat("May may "), what='"May may " repeated (month or verb)'),
    Family("newlines", _repeat("\n"), what="blank lines"),
    Family("spaces", _repeat(" "), what="spaces"),
    # issue 15: many expressions and few full stops (each family stresses one lookup over the text)
    Family("since_and", _repeat("since Monday and "), base=64 * KB, what='"since Monday and " on one line'),
    Family("reporting_weekdays", _random_tokens(_reporting, 5), base=64 * KB,
           what='"officials said Monday", "in October they said" without full stops'),
    Family("distinct_dates", _distinct_dates, base=64 * KB, what='"1 Oct. 2 Oct. 3 Oct. ..." in one sentence'),
    Family("interval_chain", _random_tokens(_interval_chain, 6), base=64 * KB,
           what='"from Monday to Friday and since 2011 and ..." chains'),
    Family("weekday_list", _weekday_list, base=64 * KB, what="comma-separated weekdays in one sentence"),
    Family("weekday_sentences", _random_tokens(_weekday_sentences, 7), base=64 * KB,
           what="short sentences of one weekday each"),
    Family("parenthesised", _random_tokens(_parenthesised, 8), base=64 * KB, what='"the vote (4 May 1862) and ..."'),
    Family("scripts_and_spaces", _random_tokens(_scripts_and_spaces, 9), base=64 * KB,
           what="dates in other scripts, exotic and zero-width spaces"),
    Family("long_word", _repeat("a" * 4999 + " "), base=64 * KB, what="5,000-letter words"),
    Family("unicode_digits", _random_tokens(_unicode_digits, 10), base=64 * KB,
           what="Arabic-Indic, Devanagari, full-width digits"),
    # issue 15, second part: each stresses one more lookup of the events stage or the tagger
    Family("anchors_and_links", _random_tokens(_anchors_and_links, 11), base=64 * KB,
           what='"the strike began in 2011, since the start of the election, ..."'),
    Family("date_ranges", _random_tokens(_date_ranges, 12), base=64 * KB,
           what='thousands of intervals on one line ("Nov. 3-5, 1990-1993, from 3 to 6 May, ...")'),
    Family("alternating_scripts", _random_tokens(_alternating_scripts, 13), base=64 * KB,
           what="scripts alternating inside words, homoglyph dates, every kind of space"),
    Family("long_words_and_dates", _random_tokens(_long_words_and_dates, 14), base=64 * KB,
           what="words of 500-5,000 letters, some with a date inside, between dates"),
    Family("giant_word", _repeat("abcdefghij"), base=64 * KB, what="one word as long as the text"),
    Family("signal_soup", _random_tokens(_signal_soup, 15), base=64 * KB,
           what="since, until, from, to, between ... without punctuation, a date now and then"),
    Family("clause_cuts", _random_tokens(_clause_cuts, 16), base=64 * KB,
           what="weekdays between semicolons, conjunctions, commas and dashes"),
    Family("digit_dates", _random_tokens(_digit_dates, 17), base=64 * KB,
           what="dates in Arabic-Indic, Persian, Devanagari and full-width digits"),
)
BY_NAME = {f.name: f for f in FAMILIES}


def run_tag(text: str) -> int:
    from timeline.tagger import tag

    return len(tag(text, DCT))


def run_pipeline(text: str) -> int:
    """The per-document pipeline after ingest: tag, then events (what ``timeline build`` does per article)."""
    from timeline.model import Document
    from timeline.pipeline.work import process_document

    doc = Document(path="adversarial.txt", title="Adversarial", dct=DCT, text=text, doc_id="adversarial")
    return len(process_document(doc).events)


STAGES = {"tag": run_tag, "pipeline": run_pipeline}


def time_stage(stage: Callable[[str], int], text: str, repeats: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeats):
        start = time.process_time()
        found = stage(text)
        best = min(best, time.process_time() - start)
    return best, found


def measure(family: Family, scale_down: int = 1, stage: str = "tag", budget: float = 120.0,
            base: int | None = None) -> dict:
    """ms/KB at each scale (1x is ``base`` characters when given, else the family's own). A size whose predicted
    time (the last ms/KB times the growth so far) is past ``budget`` seconds is not run: the family fails, with
    the growth measured up to there."""
    base = base or family.base
    row = {"family": family.name, "what": family.what, "base_kb": base / scale_down / KB}
    last = previous = None
    for scale, repeats in zip(SCALES, (5, 3, 2) if stage == "tag" else (3, 2, 1)):
        n = base * scale // scale_down
        if last is not None:
            step = row[last] / row[previous] if previous is not None and row[previous] > 0 else 1.0
            predicted = row[last] * max(step, 1.0) * n / KB / 1000 * repeats
            if predicted > budget:
                row[scale] = None
                continue
        text = family.make(n)
        seconds, found = time_stage(STAGES[stage], text, repeats)
        row[scale] = seconds * 1000 / (len(text) / KB)      # ms per KB
        row[f"found{scale}"] = found
        previous, last = last, scale
    first, top = row[SCALES[0]], row[last]
    row["growth"] = top / first if first > 0 else float("inf")
    row["ok"] = row["growth"] <= MAX_GROWTH and last == SCALES[-1]
    return row


def _ms(value) -> str:
    return "over budget" if value is None else f"{value:.2f}"


def table(rows: list[dict]) -> str:
    lines = ["| input | 1x size | ms/KB at 1x | ms/KB at 4x | ms/KB at 16x | 16x / 1x | ≤ 1.5x |",
             "|---|---:|---:|---:|---:|---:|:---:|"]
    for r in rows:
        lines.append(f"| `{r['family']}`: {r['what']} | {r['base_kb']:.0f} KB | {_ms(r[1])} | {_ms(r[4])} | "
                     f"{_ms(r[16])} | {r['growth']:.2f} | {'yes' if r['ok'] else '**no**'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--family", action="append", choices=sorted(BY_NAME), help="only these families")
    parser.add_argument("--quick", action="store_true", help="sizes divided by 10 (a smoke run)")
    parser.add_argument("--stage", choices=sorted(STAGES), default="tag",
                        help="tag: timeline.tag alone (default); pipeline: tag and events, per document")
    parser.add_argument("--out", type=Path, help="also write the table (markdown) to this file")
    parser.add_argument("--budget", type=float, default=120.0,
                        help="seconds one size may be predicted to take before it is skipped (and fails)")
    parser.add_argument("--base", type=int, metavar="KB",
                        help="1x size of every family in KB of 1,000 characters (--base 64: 64 KB, 256 KB, 1 MB)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    families = [BY_NAME[n] for n in args.family] if args.family else list(FAMILIES)
    rows = []
    for family in families:
        row = measure(family, scale_down=10 if args.quick else 1, stage=args.stage, budget=args.budget,
                      base=args.base * KB if args.base else None)
        rows.append(row)
        print(f"{family.name:22s} " + "  ".join(f"{s}x {_ms(row[s]):>7} ms/KB" for s in SCALES)
              + f"  growth {row['growth']:.2f} {'ok' if row['ok'] else 'TOO SLOW'}", file=sys.stderr, flush=True)
    header = (f"{platform.node() or 'machine'}: {platform.processor() or platform.machine()}, Python "
              f"{platform.python_version()}, {dt.date.today().isoformat()}; "
              f"`python bench/adversarial.py --stage {args.stage}{f' --base {args.base}' if args.base else ''}`")
    result = header + "\n\n" + table(rows) + "\n"
    print(result)
    if args.out:
        args.out.write_text(result, encoding="utf-8")
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
