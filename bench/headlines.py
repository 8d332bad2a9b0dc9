"""Headline quality on a corpus: would a desk editor print these headlines?

    python bench/headlines.py [CORPUS ...] [--narrative] [--show N] [--json]

With no corpus, the three the issue names: TBAQ (``/work/shared/corpora/tbaq``), the WikiWars dev texts in
narrative mode (``/work/shared/corpora/wikiwars/dev``) and the story fixtures (``tests/fixtures/story*``). Each is
built with ``timeline.build`` (merged, as ``timeline build`` does) and every headline of an event row is checked;
publication rows are left out (their headline is the article's title, or its lead's when it has none). Prints one
JSON line per corpus:

- ``subject_verb``: share of headlines with a subject and a finite verb. The parts of speech are the event
  detector's POS tagger's (``timeline.events.mentions.load().tag``, Penn tags) on the headline alone: a finite
  verb is a token tagged VBD, VBZ, VBP or MD, or a VBN right after a noun with no finite verb before it (out of
  context the tagger reads a bare past tense so: "McClellan attacked Virginia"), and it has a subject when a
  noun, a proper noun, a pronoun or a number (NN*, PRP, CD) comes before it; a headline "X: quote" (a speaker and their words) is checked on the quote;
- ``ellipsis``: share of headlines with "…" (cut because they were too long);
- ``one_word``: headlines of a single word ("Germany", "Again"); a row whose whole text is its date (a section
  heading "1917", kept as it is) is counted apart as ``date_only``: it lacks a happening, not a headline;
- ``holes``: headlines with a hole where a date phrase was taken out: a preposition (IN, TO), an article or a
  date-taking word ("dated", "as of") followed by a finite verb, a stop or the end, where the event text does not
  have them so ("An engineering report dated had
  flagged cracks", "the talks of , said"), or a stop with nothing before it;
- ``dateline``: headlines that start with a news agency's dateline ("WASHINGTON (AP) --");
- ``frame_only``: a reporting frame standing alone ("Regional officials said"): the headline's last word is a verb
  of saying (``lang/en/events_attribution.tsv``, ``content``, tagged as a verb) with nothing said after it;
- ``sign_lost``: the event text has a signed number ("-5 degrees", "+3%") that the headline keeps without its sign.

``--show N`` prints up to N examples of each fault to stderr. The checks are functions (:func:`faults`), so the
tests use them on made-up headlines too.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.events.features import tokenize  # noqa: E402
from timeline.events.words import event_words  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
FINITE = {"VBD", "VBZ", "VBP", "MD"}
SUBJECT = ("NN", "PRP", "CD")
HOLE_BEFORE = {"IN", "TO"}
ARTICLES = {"a", "an", "the"}
#: prepositions that also stand alone as adverbs ("has expanded three times before, adding ...")
ADVERBIAL = {"before", "after", "since", "later", "earlier", "ago", "since", "so", "though", "too", "down", "up"}
DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}(?:\s*\([A-Za-z ]+\))?\s*(?:--|—|–|_)")
SIGNED = re.compile(r"(?<![\w.])([-−+])(\d[\d.,]*)")
#: words that take a date and are left hanging when it is cut out ("a report dated had ...")
DATE_TAKING = {"dated", "as of", "since", "until", "till", "from", "by", "on", "in", "of", "between", "the"}


def _tagger():
    from timeline.events.mentions import load
    detector = load()
    return lambda words: [detector.pos.labels[t] for t in detector.tag(words)] if words else []


def _date_only(headline: str, event_text: str) -> bool:
    """Is the row's whole text its date, kept as its headline (a section heading "1917")? Not a headline that
    lost its words, so it is counted apart (``date_only``): what the row lacks is a happening."""
    return headline.strip(" .") == event_text.strip(" .") and not re.search(r"[^\W\d_]{2,}", event_text)


def _subject_verb(words: list[str], tags: list[str]) -> bool:
    """Is there a finite verb with a subject before it (see the module docstring)?"""
    subject = False
    for i, (w, t) in enumerate(zip(words, tags)):
        if w in ("'s", "’s") and i and tags[i - 1].startswith("NN"):
            continue                                        # a possessive, not "is"
        j = i - 1
        while j > 0 and (tags[j] == "RB" or (words[j] == "." and tags[j - 1] == "NNP")):   # "Zapatista originally
            j -= 1                                                                          # referred", "Inc. filed"
        bare = j >= 0 and tags[j].startswith(("NN", "PRP", "CD")) and not any(x in FINITE for x in tags[:i])
        if t in FINITE and j >= 0 and tags[j] == "DT" and (j == 0 or tags[j - 1] in ("IN", "CC", "PUNCT")):
            return True                                     # "This was ...", "Both were ..."
        if subject and (t in FINITE or (t in ("VBN", "VB") and bare)):
            return True
        if t.startswith(SUBJECT) or (t == "JJ" and i and tags[i - 1] == "DT") \
                or (i == 0 and w[:1].isupper() and t in ("RB", "JJ", "VB")):
            subject = True
    return False


def faults(headline: str, event_text: str = "", tag=None) -> set[str]:
    """The faults of one headline (names as in the module docstring); ``tag`` maps words to Penn tags (the event
    detector's tagger by default)."""
    tag = tag or _tagger()
    out: set[str] = set()
    h = headline.strip()
    body = h.split(": ", 1)[1] if re.match(r"^[A-Z][\w.'’ -]{1,40}: \S+\s+\S", h) else h
    words, _s, _e = tokenize(body.rstrip("…"))
    tags = tag(words + ["."])[:len(words)]
    real = [w for w in words if re.search(r"\w", w)]
    if len(real) <= 1 and not (event_text and _date_only(h, event_text)):
        out.add("one_word")
    elif len(real) <= 1:
        out.add("date_only")
    if not _subject_verb(words, tags):
        out.add("no_subject_verb")
    if "…" in h:
        out.add("ellipsis")
    if DATELINE.match(h):
        out.add("dateline")
    lower = [w.lower() for w in words]
    ends_cut = h.endswith("…")
    for i, (w, t) in enumerate(zip(lower, tags)):
        if t not in HOLE_BEFORE and w not in DATE_TAKING and w not in ARTICLES:
            continue
        if w in ADVERBIAL or (w == "a" and words[i] == "A" and words[i + 1:i + 2] == ["."]):    # "James A. Taylor"
            continue
        nxt = tags[i + 1] if i + 1 < len(tags) else None
        if nxt is None and not ends_cut or nxt in FINITE or (nxt == "PUNCT" and words[i + 1] in ",.;:"):
            pair = re.escape(words[i]) + r"\s*" + (re.escape(words[i + 1]) if nxt else r"$")
            if not (event_text and re.search(pair, event_text.strip(" ."))):     # as the article has it
                out.add("hole")
    if words and words[0] in ",.;:":
        out.add("hole")
    if re.search(r"\s[,.;:]|\(\s*\)|,\s*,", h):
        out.add("hole")
    saying = event_words().attribution.get("content", frozenset())
    verb_tags = [t for w, t in zip(words, tags) if re.search(r"\w", w)]
    if real and real[-1].lower() in saying and verb_tags[-1].startswith("VB") and not ends_cut:
        out.add("frame_only")
    for m in SIGNED.finditer(event_text):
        if m.group(2) in h and m.group(1) + m.group(2) not in h:
            number = re.search(rf"(?<![\w.{re.escape(m.group(1))}]){re.escape(m.group(2))}", h)
            if number and h[max(0, number.start() - 1)] != m.group(1):
                out.add("sign_lost")
    return out


NAMES = ("no_subject_verb", "ellipsis", "one_word", "hole", "dateline", "frame_only", "sign_lost", "date_only")


def measure(rows, tag=None, show: int = 0, label: str = "") -> dict:
    """The figures of ``rows`` (``(headline, event_text)`` pairs)."""
    tag = tag or _tagger()
    counts = dict.fromkeys(NAMES, 0)
    shown = dict.fromkeys(NAMES, 0)
    n = 0
    for headline, text in rows:
        n += 1
        for f in faults(headline, text, tag):
            counts[f] += 1
            if shown[f] < show:
                shown[f] += 1
                print(f"[{label}] {f}: {headline!r}  <- {text[:140]!r}", file=sys.stderr)
    share = lambda k: round(counts[k] / n, 3) if n else 0.0     # noqa: E731
    return {"headlines": n, "subject_verb": round(1 - share("no_subject_verb"), 3) if n else 0.0,
            "ellipsis": share("ellipsis"), "one_word": counts["one_word"], "holes": counts["hole"],
            "dateline": counts["dateline"], "frame_only": counts["frame_only"], "sign_lost": counts["sign_lost"],
            "date_only": counts["date_only"]}


def corpus_rows(paths: list[str], narrative: bool) -> list[tuple[str, str]]:
    import timeline
    tl = timeline.build(paths, narrative=narrative, jobs=1)
    frame = tl.events
    frame = frame[frame["kind"] != "publication"]
    return list(zip(frame["headline"].fillna(""), frame["event_text"].fillna("")))


def default_corpora() -> list[tuple[str, list[str], bool]]:
    stories = sorted(str(p) for p in (ROOT / "tests" / "fixtures").glob("story*") if p.is_dir())
    return [("tbaq", [str(CORPORA / "tbaq" / "timebank"), str(CORPORA / "tbaq" / "aquaint")], False),
            ("wikiwars-dev", [str(CORPORA / "wikiwars" / "dev")], True),
            ("stories", stories, False)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", help="files or folders (default: TBAQ, WikiWars dev, the story fixtures)")
    ap.add_argument("--narrative", action="store_true", help="read undated documents in narrative mode")
    ap.add_argument("--show", type=int, default=0, help="print up to N examples of each fault to stderr")
    args = ap.parse_args(argv)
    runs = [("corpus", args.corpus, args.narrative)] if args.corpus else default_corpora()
    tag = _tagger()
    for label, paths, narrative in runs:
        result = measure(corpus_rows(paths, narrative), tag, args.show, label)
        print(json.dumps({"corpus": label, **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
