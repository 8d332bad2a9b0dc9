"""Read TimeML EVENTs (with their MAKEINSTANCE attributes) and UD CoNLL-U sentences for the event model.

Used by ``scripts/train_events.py`` only: the pipeline never reads training data. The text of a ``.tml`` file is
the ``<TEXT>`` element's text with every tag stripped; ``<s>`` elements, where a file has them, are joined by a
newline so that words never fuse across sentences. Offsets of the gold EVENTs refer to that text.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GoldEvent:
    start: int
    end: int
    cls: str
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    pos: str = "OTHER"


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    events: tuple[GoldEvent, ...]


def read_tml(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    instances: dict[str, dict[str, str]] = {}
    for mi in root.iter("MAKEINSTANCE"):
        instances.setdefault(mi.get("eventID", ""), dict(mi.attrib))
    body = root.find("TEXT")
    parts: list[str] = []
    raw: list[tuple[int, int, str, str]] = []

    def walk(node: ET.Element) -> None:
        if node.tag == "s" and parts and not parts[-1].endswith("\n"):
            parts.append("\n")
        start = sum(map(len, parts))
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag == "EVENT":
            raw.append((start, sum(map(len, parts)), node.get("eid", ""), node.get("class", "OCCURRENCE")))

    if body is not None:
        walk(body)
    text = "".join(parts)
    events = []
    for start, end, eid, cls in raw:
        seg = text[start:end]
        start += len(seg) - len(seg.lstrip())
        end -= len(seg) - len(seg.rstrip())
        mi = instances.get(eid, {})
        events.append(GoldEvent(start, end, cls, mi.get("tense", "NONE"), mi.get("aspect", "NONE"),
                                mi.get("polarity", "POS"), mi.get("pos", "OTHER")))
    return GoldDoc(path.name, text, tuple(sorted(events, key=lambda e: (e.start, e.end))))


def read_corpus(folder: Path) -> list[GoldDoc]:
    """Every ``.tml`` file of ``folder``, in sorted file-name order."""
    return [read_tml(p) for p in sorted(Path(folder).glob("*.tml"))]


def read_conllu(path: Path) -> list[list[tuple[str, str]]]:
    """CoNLL-U sentences as lists of (form, XPOS); multi-word token lines and empty nodes are skipped."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if current:
                    sentences.append(current)
                current = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 5 or not cols[0].isdigit():
                continue
            current.append((cols[1], cols[4]))
    if current:
        sentences.append(current)
    return sentences


LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
            "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
            "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
            "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
            "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
            "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather "
            "adj.ppl").split()


def wordnet_table(folder: Path, ranks: int = 3) -> str:
    """The senses table of :class:`timeline.events.senses.Senses` from a WordNet 3.0 database folder (Debian's
    ``wordnet-base`` puts it in /usr/share/wordnet): one-word noun and verb lemmas with the lexicographer files
    of their first ``ranks`` senses, and the noun and verb exception lists."""
    lines: list[str] = []
    for pos, name in (("n", "noun"), ("v", "verb")):
        lexfile: dict[str, str] = {}
        with open(folder / f"data.{name}", encoding="latin-1") as handle:
            for line in handle:
                if not line.startswith(" "):
                    offset, number = line.split(" ", 2)[:2]
                    lexfile[offset] = LEXNAMES[int(number)]
        with open(folder / f"index.{name}", encoding="latin-1") as handle:
            for line in handle:
                if line.startswith(" "):
                    continue
                fields = line.split()
                lemma, count = fields[0], int(fields[2])
                if "_" in lemma:
                    continue
                offsets = fields[len(fields) - count:]
                lines.append(f"{pos}\t{lemma}\t{','.join(lexfile[o] for o in offsets[:ranks])}")
        with open(folder / f"{name}.exc", encoding="latin-1") as handle:
            for line in handle:
                fields = line.split()
                if len(fields) >= 2 and "_" not in fields[0]:
                    lines.append(f"x{pos}\t{fields[0]}\t{fields[1]}")
    return "\n".join(sorted(lines))
