"""Merging the mentions of one happening reported by several documents, on the columnar table.

Design notes: docs/architecture.md, "timeline.table.merge".
"""
from __future__ import annotations

import math
import re
from collections import Counter
from difflib import SequenceMatcher

from timeline.events.extract import FLAG_ORDER
from timeline.lang import stop_words
from timeline.table.happening import SHARED_MIN, Gist, lexicon, same_happening, specific

JACCARD_MIN = 0.6
RATIO_MIN = 0.85
NOTE_SOURCES = 20       # merge_note names this many merged mentions, then counts the rest
_EPS = 1e-9
_WORD = re.compile(r"\w+")
#: how a row matched its cluster: (Jaccard, ratio, why): ``why`` is "" for near-identical texts, else what makes
#: them one happening worded differently (:func:`timeline.table.happening.same_happening`)
Match = tuple


def without_phrase(event_text: str, phrase: str | None) -> str:
    return event_text.replace(phrase, " ") if phrase else event_text


def text_words(event_text: str, phrase: str | None) -> list[str]:
    """The words of an event text without its temporal phrase, lower-cased."""
    return _WORD.findall(without_phrase(event_text, phrase).lower())


def scores(wa: list[str], wb: list[str], stop: frozenset[str] | None = None) -> tuple[float, float]:
    """(token Jaccard without stop words, difflib ratio of the word sequences)."""
    stop = stop_words() if stop is None else stop
    ta, tb = set(wa) - stop, set(wb) - stop
    jaccard = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    return jaccard, SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def passes(jaccard: float, ratio: float) -> bool:
    return jaccard >= JACCARD_MIN or ratio >= RATIO_MIN


class Texts:
    """Distinct word sequences of the candidate rows: ids, their sets and their prefix-filter keys."""

    def __init__(self):
        self.ids: dict[tuple, int] = {}
        self.seqs: list[list[str]] = []
        self.stop = stop_words()
        self.sets: list[frozenset[str]] = []
        self.gists: list[Gist] = []
        self.keys: list[tuple] = []
        self._memo: dict[tuple[int, int], Match | None] = {}
        self._bags: dict[int, Counter] = {}
        self._lexicon = lexicon()

    def id_of(self, event_text: str, phrase: str | None, trigger: str | None = None) -> int:
        text = without_phrase(event_text, phrase)
        seq = _WORD.findall(text.lower())
        key = (text, trigger or "")
        tid = self.ids.get(key)
        if tid is None:
            tid = self.ids[key] = len(self.seqs)
            self.seqs.append(seq)
            self.sets.append(frozenset(seq) - self.stop)
            self.gists.append(self._lexicon.gist(text, trigger))
        return tid

    def index(self) -> None:
        """The prefix-filter keys of every text (tokens ordered rarest first over all the texts)."""
        df = Counter(w for seq in self.seqs for w in set(seq))
        rank = lambda w: (df[w], w)                     # noqa: E731
        cdf = Counter(x for g in self.gists for x in g.content)
        for seq, tset, gist in zip(self.seqs, self.sets, self.gists):
            keys: list[tuple] = []
            if len(gist.content) >= SHARED_MIN:         # two of one happening share SHARED_MIN content items
                ordered = sorted(gist.content, key=lambda x: (cdf[x], x))
                keys += [("h", x) for x in ordered[:len(ordered) - SHARED_MIN + 1]]
            keys += [("n", x) for x in sorted(gist.names)]      # ... or a name
            if not seq:
                keys.append(("empty",))                 # two empty texts: ratio 1.0
            if tset:
                ordered = sorted(tset, key=rank)
                keys += [("j", w) for w in ordered[:len(ordered) - math.ceil(JACCARD_MIN * len(ordered) - _EPS) + 1]]
            if seq:
                seen: Counter = Counter()
                multi = []
                for w in seq:
                    seen[w] += 1
                    multi.append((df[w], w, seen[w]))
                multi.sort()
                need = math.ceil(RATIO_MIN / (2 - RATIO_MIN) * len(multi) - _EPS)
                keys += [("d", w, k) for _, w, k in multi[:len(multi) - need + 1]]
            self.keys.append(tuple(keys))

    def same(self, a: int, b: int) -> Match | None:
        """How cluster row text ``a`` matches new row text ``b`` (:data:`Match`), or None if they do not."""
        key = (a, b)
        if key not in self._memo:
            self._memo[key] = self._score(a, b)
        return self._memo[key]

    def _score(self, a: int, b: int) -> Match | None:
        ga, gb = self.gists[a], self.gists[b]
        if not specific(ga, gb):            # nothing but a date and stock words in common: never one happening
            return None
        near = self._near(a, b)
        if near:
            return (*near, "")
        why = same_happening(ga, gb)
        return (*scores(self.seqs[a], self.seqs[b], self.stop), why) if why else None

    def _near(self, a: int, b: int) -> tuple[float, float] | None:
        """The scores of two near-identical texts, or None."""
        sa, sb = self.sets[a], self.sets[b]
        if len(sa & sb) < JACCARD_MIN * len(sa | sb) - _EPS:            # Jaccard fails: can the ratio pass?
            wa, wb = self.seqs[a], self.seqs[b]
            total = len(wa) + len(wb)
            if total and 2 * min(len(wa), len(wb)) < RATIO_MIN * total - _EPS:     # difflib's real_quick_ratio
                return None
            if total and 2 * sum((self._counts(a) & self._counts(b)).values()) < RATIO_MIN * total - _EPS:
                return None                                                         # ... and its quick_ratio
        s = scores(self.seqs[a], self.seqs[b], self.stop)
        return s if passes(*s) else None

    def _counts(self, tid: int) -> Counter:
        counts = self._bags.get(tid)
        if counts is None:
            counts = self._bags[tid] = Counter(self.seqs[tid])
        return counts


def cluster_bucket(rows: list[tuple[int, int, object]], texts: Texts
                   ) -> list[list[tuple[int, Match | None]]]:
    """The clusters of one bucket: ``rows`` are ``(row, text id, source)`` in merge order (text ids of ``texts``,
    indexed); each cluster a list of ``(row, scores)`` (None for its first row), in creation order.

    ``texts`` may hold the texts of this bucket only (:mod:`timeline.table.spill` does that) or of every bucket:
    prefix filtering only ever skips clusters that cannot pass, whatever the order of the tokens, so the clusters
    are the same."""
    members: list[list] = []
    sources: list[set] = []
    heads: list[int] = []                         # text id of each cluster's first row
    tails: list[int] = []                         # ... and of its latest
    index: dict[tuple, list[int]] = {}
    for row, tid, src in rows:
        found = set()
        for key in texts.keys[tid]:
            found.update(index.get(key, ()))
        joined = False
        for k in sorted(found):
            if src in sources[k]:
                continue
            s_first = texts.same(heads[k], tid)
            s_last = texts.same(tails[k], tid) if s_first else None
            if s_first and s_last:
                members[k].append((row, min(s_first, s_last)))
                sources[k].add(src)
                tails[k] = tid
                joined = True
                break
        if not joined:
            k = len(members)
            members.append([(row, None)])
            sources.append({src})
            heads.append(tid)
            tails.append(tid)
            for key in texts.keys[tid]:
                index.setdefault(key, []).append(k)
    return members


def merged_cells(cluster: list[tuple[dict, Match | None]]) -> dict:
    """The cells of a cluster's row: ``cluster`` is ``(row, scores)`` in merge order (scores None for its first
    row), each row a dict with at least source_path, phrase, flags, qualifiers, edtf and start."""
    row = dict(cluster[0][0])
    rows = [r for r, _ in cluster]
    row["source_path"] = ";".join(r["source_path"] for r in rows)
    row["sources_count"] = len(rows)
    flags = {f for r in rows for f in (r["flags"] or "").split(";") if f}
    row["flags"] = ";".join([f for f in FLAG_ORDER if f in flags] + sorted(flags - set(FLAG_ORDER))) or None
    quals = list(dict.fromkeys(q for r in rows for q in (r["qualifiers"] or "").split(";") if q))
    row["qualifiers"] = ";".join(quals) or None
    parts = [f"{r['source_path']} ({r['phrase']!s}: {s[2]})" if s[2] else
             f"{r['source_path']} ({r['phrase']!s}: Jaccard {s[0]:.2f}, ratio {s[1]:.2f})"
             for r, s in cluster[1:NOTE_SOURCES + 1]]
    if len(cluster) > NOTE_SOURCES + 1:
        parts.append(f"and {len(cluster) - NOTE_SOURCES - 1} more")
    how = "the same happening" if any(s[2] for _, s in cluster[1:]) else "near-identical text"
    row["merge_note"] = (f"{len(rows)} articles report the same date ({row['edtf'] or row['start']}) with {how}; "
                         f"kept the text of {rows[0]['source_path']} (published first), merged " + "; ".join(parts))
    return row
