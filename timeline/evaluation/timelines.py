"""SemEval-2015 Task 4 (TimeLine) scorer: entity timelines scored by temporal awareness (UzZaman & Allen 2011).

Design notes: docs/architecture.md, "timeline.evaluation.timelines".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from timeline.errors import TimelineError
from timeline.evaluation.common import f1 as _f1, ratio as _ratio
from timeline.evaluation.timegraph import TimeGraph

TIME, MENTION = 0, 1                 # node kinds: (TIME, anchor) and (MENTION, "docid-sentence-token")
_ROW = re.compile(r"\s*(-?\d+)\t")


class TimelineFormatError(TimelineError, ValueError):
    """A timeline file that cannot be read in the task's format."""


@dataclass(frozen=True)
class TimelineRow:
    order: int
    anchor: str                      # as normalised by :func:`normalise_anchor` ("" for no date)
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    entity: str
    rows: tuple[TimelineRow, ...]


def normalise_anchor(anchor: str) -> str:
    """``YYYY-MM-DD``, ``YYYY-MM-XX`` or ``YYYY-XX-XX``; ``2006`` and ``2006-01`` (the trial's way) take their
    ``-XX``; an anchor without a digit (``XXXX-XX-XX``) is "" (no date); any other form is kept as written."""
    a = anchor.strip().upper()
    if not any(ch.isdigit() for ch in a):
        return ""
    if re.fullmatch(r"\d{4}", a):
        return a + "-XX-XX"
    if re.fullmatch(r"\d{4}-(\d{2}|XX)", a):
        return a + "-XX"
    return a


def parse_timeline(text: str, path: str = "<string>") -> Timeline:
    """Parse a timeline file's text; a row that is not ``order<TAB>anchor<TAB>mention...`` is an error."""
    lines = text.splitlines()
    entity = ""
    if lines and not _ROW.match(lines[0]):
        entity = lines.pop(0).strip().lstrip("\ufeff")
    rows = []
    for n, line in enumerate(lines, start=2 if entity else 1):
        if not line.strip():
            continue
        fields = line.rstrip("\r\n").split("\t")
        mentions = tuple(m for f in fields[2:] for m in f.split())
        if len(fields) < 3 or not re.fullmatch(r"\s*\d+\s*", fields[0]) or not mentions:
            raise TimelineFormatError(f"{path}:{n}: not a row 'order<TAB>anchor<TAB>mention...': {line!r}")
        rows.append(TimelineRow(int(fields[0]), normalise_anchor(fields[1]), mentions))
    return Timeline(entity, tuple(rows))


def read_timeline(path: str | Path) -> Timeline:
    p = Path(path)
    return parse_timeline(p.read_bytes().decode("utf-8-sig"), str(p))


def timeline_graph(timeline: Timeline) -> TimeGraph:
    """The graph of a timeline (see the module doc)."""
    g = TimeGraph()
    positions: dict[int, list[tuple]] = {}
    for row in timeline.rows:
        if row.order == 0:
            continue
        nodes = [(MENTION, m) for m in row.mentions]
        positions.setdefault(row.order, []).extend(nodes)
        if row.anchor:
            nodes.append((TIME, row.anchor))
        for node in nodes:
            g.simultaneous(nodes[0], node)
    previous = None
    for order in sorted(positions):
        nodes = positions[order]
        for node in nodes[1:]:
            g.simultaneous(nodes[0], node)
        if previous is not None:
            g.before(previous, nodes[0])
        previous = nodes[0]
    return g.freeze()


# ---------------------------------------------------------------------------------------------------- scores

@dataclass
class TimelineScore:
    """Temporal-awareness counts of one timeline, or summed over several (micro-average)."""

    name: str
    timelines: int = 0
    gold_relations: int = 0          # |G-|
    system_relations: int = 0        # |S-|
    precision_ok: int = 0            # relations of S- in G+
    recall_ok: int = 0               # relations of G- in S+
    gold_mentions: int = 0
    system_mentions: int = 0
    common_mentions: int = 0
    missing: int = 0                 # gold timelines without a system file
    conflicts: int = 0               # BEFORE inside a class or in a cycle, gold and system (see timegraph)
    missed_mentions: tuple[str, ...] = ()
    unknown_mentions: tuple[str, ...] = ()

    COUNTS = ("timelines", "gold_relations", "system_relations", "precision_ok", "recall_ok", "gold_mentions",
              "system_mentions", "common_mentions", "missing", "conflicts")

    def add(self, other: "TimelineScore") -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return _ratio(self.precision_ok, self.system_relations)

    @property
    def recall(self) -> float:
        return _ratio(self.recall_ok, self.gold_relations)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> dict:
        d = {"name": self.name, **{k: getattr(self, k) for k in self.COUNTS}}
        d.update(precision=self.precision, recall=self.recall, f1=self.f1)
        if self.timelines == 1:
            d.update(missed_mentions=list(self.missed_mentions), unknown_mentions=list(self.unknown_mentions))
        return d


def _mentions(g: TimeGraph) -> set[str]:
    return {node[1] for node in g.nodes if node[0] == MENTION}


def score_timeline(name: str, gold: Timeline, system: Timeline | None) -> TimelineScore:
    """The counts of one gold timeline against the system's (None: no system file)."""
    G = timeline_graph(gold)
    g_red = G.reduction()
    s = TimelineScore(name, timelines=1, gold_relations=len(g_red), conflicts=G.conflicts,
                      gold_mentions=len(_mentions(G)))
    if system is None:
        s.missing = 1
        s.missed_mentions = tuple(sorted(_mentions(G)))
        return s
    S = timeline_graph(system)
    s_red = S.reduction()
    s.system_relations, s.conflicts = len(s_red), G.conflicts + S.conflicts
    s.precision_ok = sum(G.implies(*r) for r in s_red)
    s.recall_ok = sum(S.implies(*r) for r in g_red)
    gm, sm = _mentions(G), _mentions(S)
    s.system_mentions, s.common_mentions = len(sm), len(gm & sm)
    s.missed_mentions, s.unknown_mentions = tuple(sorted(gm - sm)), tuple(sorted(sm - gm))
    return s


@dataclass
class TimelinesReport:
    """One score per gold timeline (by file name), the sum of them, and the system files without a gold one."""

    timelines: list[TimelineScore] = field(default_factory=list)
    overall: TimelineScore = field(default_factory=lambda: TimelineScore("overall"))
    unmatched_system: list[str] = field(default_factory=list)

    def format(self) -> str:
        head = (f"{'timeline':<24} {'G-':>5} {'S-':>5} {'P ok':>5} {'R ok':>5}  "
                f"{'P %':>6} {'R %':>6} {'F1 %':>6}  mentions gold/sys/common")
        lines = [head, "-" * len(head)]
        for t in [*self.timelines, self.overall]:
            note = "  (no system file)" if t.missing and t.timelines == 1 else ""
            lines.append(f"{t.name:<24} {t.gold_relations:>5} {t.system_relations:>5} {t.precision_ok:>5} "
                         f"{t.recall_ok:>5}  {100 * t.precision:>6.2f} {100 * t.recall:>6.2f} {100 * t.f1:>6.2f}  "
                         f"{t.gold_mentions}/{t.system_mentions}/{t.common_mentions}{note}")
        if self.overall.missing:
            lines.append(f"{self.overall.missing} gold timeline(s) without a system file (recall 0 for them)")
        if self.unmatched_system:
            lines.append(f"system files without a gold timeline (not scored): {', '.join(self.unmatched_system)}")
        return "\n".join(lines)

    def errors_text(self) -> str:
        """Per timeline, the gold mentions the system lacks and the system mentions the gold does not have."""
        lines = []
        for t in self.timelines:
            lines.append(f"{t.name}: {len(t.missed_mentions)} gold mentions missing, "
                         f"{len(t.unknown_mentions)} system mentions not in the gold, {t.conflicts} conflicts")
            if t.missed_mentions:
                lines.append("  missing: " + " ".join(t.missed_mentions))
            if t.unknown_mentions:
                lines.append("  not in the gold: " + " ".join(t.unknown_mentions))
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"timelines": [t.to_dict() for t in self.timelines], "overall": self.overall.to_dict(),
                "unmatched_system": list(self.unmatched_system)}


def evaluate_timelines(gold_dir: str | Path, system_dir: str | Path) -> TimelinesReport:
    """Score the timelines of ``system_dir`` against those of ``gold_dir`` (files ``*.txt`` matched by name)."""
    gold_dir, system_dir = Path(gold_dir), Path(system_dir)
    for d in (gold_dir, system_dir):
        if not d.is_dir():
            raise FileNotFoundError(f"not a directory: {d}")
    gold_files = sorted(p for p in gold_dir.glob("*.txt") if p.is_file())
    if not gold_files:
        raise FileNotFoundError(f"no timeline files (*.txt) in {gold_dir}")
    report = TimelinesReport()
    for p in gold_files:
        sys_file = system_dir / p.name
        system = read_timeline(sys_file) if sys_file.is_file() else None
        report.timelines.append(score_timeline(p.stem, read_timeline(p), system))
        report.overall.add(report.timelines[-1])
    names = {p.name for p in gold_files}
    report.unmatched_system = sorted(p.name for p in system_dir.glob("*.txt") if p.name not in names)
    return report
