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
    path: str = ""


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
    return GoldDoc(path.name, text, tuple(sorted(events, key=lambda e: (e.start, e.end))), str(path))


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


def _synsets(folder: Path, name: str) -> dict[str, tuple[int, list[str], list[str], list[tuple[int, int]]]]:
    """offset -> (lexicographer file number, words, hypernym offsets, verb frames as (frame, word number))."""
    out = {}
    with open(folder / f"data.{name}", encoding="latin-1") as handle:
        for line in handle:
            if line.startswith(" "):
                continue
            f = line.split(" | ")[0].split()
            n = int(f[3], 16)
            words = [f[4 + 2 * k].lower() for k in range(n)]
            p = 4 + 2 * n
            pointers = int(f[p])
            hypernyms = [f[p + 2 + 4 * k] for k in range(pointers) if f[p + 1 + 4 * k] in ("@", "@i")]
            q = p + 1 + 4 * pointers
            frames = []
            if name == "verb" and q < len(f):
                frames = [(int(f[q + 2 + 3 * k]), int(f[q + 3 + 3 * k], 16)) for k in range(int(f[q]))]
            out[f[0]] = (int(f[1]), words, hypernyms, frames)
    return out


def _chain(synsets, offset: str) -> list[str]:
    """The first hypernym path of a synset from WordNet's root down to it (first word of each synset)."""
    path, seen = [], set()
    while offset and offset not in seen:
        seen.add(offset)
        _, words, hypernyms, _ = synsets[offset]
        path.append(words[0])
        offset = hypernyms[0] if hypernyms else ""
    return path[::-1]


def wordnet_table(folder: Path, ranks: int = 3) -> str:
    """The senses table of :class:`timeline.events.senses.Senses` from a WordNet 3.0 database folder (Debian's
    ``wordnet-base`` puts it in /usr/share/wordnet): one-word noun and verb lemmas with the lexicographer files
    of their first ``ranks`` senses, the hypernym path of their first sense (``hn``/``hv`` lines), the sentence
    frames with a clause or verb complement (frames 24-35: "Somebody ----s to INFINITIVE", "... that CLAUSE",
    "... VERB-ing") of a verb's first ``ranks`` senses (``fv`` lines), and the noun and verb exception lists."""
    lines: list[str] = []
    for pos, name in (("n", "noun"), ("v", "verb")):
        synsets = _synsets(folder, name)
        with open(folder / f"index.{name}", encoding="latin-1") as handle:
            for line in handle:
                if line.startswith(" "):
                    continue
                fields = line.split()
                lemma, count = fields[0], int(fields[2])
                if "_" in lemma:
                    continue
                offsets = fields[len(fields) - count:]
                lines.append(f"{pos}\t{lemma}\t{','.join(LEXNAMES[synsets[o][0]] for o in offsets[:ranks])}")
                lines.append(f"h{pos}\t{lemma}\t{','.join(_chain(synsets, offsets[0])[:-1])}")
                if pos == "v":
                    frames = sorted({fr for o in offsets[:ranks] for fr, w in synsets[o][3]
                                     if fr >= 24 and (w == 0 or synsets[o][1][w - 1] == lemma)})
                    if frames:
                        lines.append(f"fv\t{lemma}\t{','.join(map(str, frames))}")
        with open(folder / f"{name}.exc", encoding="latin-1") as handle:
            for line in handle:
                fields = line.split()
                if len(fields) >= 2 and "_" not in fields[0]:
                    lines.append(f"x{pos}\t{fields[0]}\t{fields[1]}")
    return "\n".join(sorted(line for line in lines if not line.endswith("\t")))
