"""A linear token classifier whose weights are added up per token type, so that scoring a text is array work.

A model is a set of features (names as :mod:`timeline.events.features` spells them), a weight row per feature
and label, a bias, and a ``spec``: which kinds of a token's type it looks at, at which offsets of the window, and
which tag n-grams (of the POS model's tags) it reads. A token's score is the bias plus the rows of its features.
Because a window feature belongs to one type at one offset, the rows of a type are summed once per process into
a vector per offset (:class:`Linear` keeps them, keyed by the token's text); n-grams of tags are dense tables.
"""
from __future__ import annotations

import itertools

import numpy as np

from timeline.events.features import PAD, pos_feature, type_kinds

_CACHE_LIMIT = 400_000   # token types kept per model before the cache starts afresh (bounded memory on any input)


class Linear:
    """One trained classifier, ready to score tokens (see the module docstring)."""

    def __init__(self, labels: list[str], features: list[str], weights: np.ndarray, bias: np.ndarray,
                 spec: dict, tags: list[str] | None = None, senses=None):
        self.labels = list(labels)
        self.spec = spec
        self.senses = senses
        self.index = {name: row for row, name in enumerate(features)}
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        n_labels = len(self.labels)
        if self.weights.shape != (len(features), n_labels) or self.bias.shape != (n_labels,):
            raise ValueError("weights do not match the features and labels")
        self.offsets = tuple(sorted(int(k) for k in spec["word"]))
        self.wanted = {int(k): tuple(v) for k, v in spec["word"].items()}
        self._by_kind = self._rows_by_kind(features)
        self.reach = max([abs(k) for k in self.offsets] + [abs(k) for t in spec.get("pos", []) for k in t] + [0])
        self.tags = list(tags or [])
        self.tag_tables = [self._tag_table(tuple(t)) for t in spec.get("pos", [])] if self.tags else []
        self.kinds: dict[str, dict[str, str]] = {}    # word -> type_kinds(word); models of one detector share it
        self._slots: dict[str, int] = {}
        self._table = np.zeros((1024, len(self.offsets) * n_labels), dtype=np.float32)
        self._slot_of(PAD)

    # ------------------------------------------------------------------------------------------ per type
    def _rows_by_kind(self, features: list[str]) -> list[tuple[int, str, dict[str, int]]]:
        """(cell, kind, value -> row) for each offset and kind the spec reads: the rows without building names."""
        tables: dict[tuple[int, str], dict[str, int]] = {}
        for j, k in enumerate(self.offsets):
            for kind in self.wanted[k]:
                tables[(k, kind)] = {}
        for row, name in enumerate(features):
            head, eq, value = name.partition("=")
            offset, colon, kind = head.partition(":")
            if eq and colon and offset.lstrip("-").isdigit() and (int(offset), kind) in tables:
                tables[(int(offset), kind)][value] = row
        return [(j, kind, tables[(k, kind)]) for j, k in enumerate(self.offsets) for kind in self.wanted[k]]

    def _reset(self) -> None:
        self.kinds.clear()
        self._slots.clear()
        self._slot_of(PAD)

    def _slot_of(self, word: str) -> int:
        self.slots([word])
        return self._slots[word]

    def slots(self, words: list[str]) -> np.ndarray:
        """The row of each word's type in the per-type table (new types are summed and added first)."""
        slots = self._slots
        new = [w for w in dict.fromkeys(words) if w not in slots]
        if new:
            if len(slots) + len(new) > _CACHE_LIMIT:
                self._reset()
                new = [w for w in dict.fromkeys(words) if w not in slots]
            self._add(new)
        return np.fromiter((slots[w] for w in words), dtype=np.int64, count=len(words))

    def _add(self, words: list[str]) -> None:
        n_labels = len(self.labels)
        first = len(self._slots)
        need = first + len(words)
        if need > len(self._table):
            grown = np.zeros((max(need, 2 * len(self._table)), self._table.shape[1]), dtype=np.float32)
            grown[:first] = self._table[:first]
            self._table = grown
        cells: list[int] = []
        rows: list[int] = []
        known = self.kinds
        if len(known) > _CACHE_LIMIT:
            known.clear()
        width = len(self.offsets)
        by_kind = self._by_kind
        for n, word in enumerate(words):
            kinds = known.get(word)
            if kinds is None:
                kinds = known[word] = type_kinds(word, self.senses)
            base = n * width
            for j, kind, table in by_kind:
                value = kinds.get(kind)
                if value is not None:
                    row = table.get(value)
                    if row is not None:
                        cells.append(base + j)
                        rows.append(row)
        block = np.zeros((len(words) * len(self.offsets), n_labels), dtype=np.float32)
        if rows:
            np.add.at(block, np.asarray(cells, dtype=np.int64), self.weights[np.asarray(rows, dtype=np.int64)])
        self._table[first:need] = block.reshape(len(words), -1)
        for n, word in enumerate(words):
            self._slots[word] = first + n

    # ------------------------------------------------------------------------------------------ tag n-grams
    def _tag_table(self, offsets: tuple[int, ...]) -> np.ndarray:
        names = self.tags + ["<PAD>"]
        size = len(names)
        table = np.zeros((size ** len(offsets), len(self.labels)), dtype=np.float32)
        for code, combo in enumerate(itertools.product(names, repeat=len(offsets))):
            row = self.index.get(pos_feature(offsets, combo))
            if row is not None:
                table[code] = self.weights[row]
        return table

    # ------------------------------------------------------------------------------------------ scoring
    def scores(self, slots: np.ndarray, tags: np.ndarray | None = None,
               at: np.ndarray | None = None) -> np.ndarray:
        """Scores (tokens x labels) of the tokens whose type rows are ``slots`` (tags: their tag ids).

        ``at`` limits the result to those token positions; every position by default.
        """
        n = len(slots)
        reach = self.reach
        n_labels = len(self.labels)
        padded = np.full(n + 2 * reach, self._slots[PAD], dtype=np.int64)
        padded[reach:reach + n] = slots
        size = len(self.tags) + 1
        ptags = None
        if self.tag_tables and tags is not None:
            ptags = np.full(n + 2 * reach, size - 1, dtype=np.int64)
            ptags[reach:reach + n] = tags
        if at is None:                      # every token: one gather, then shifted views
            rows = self._table[padded]
            out = np.broadcast_to(self.bias, (n, n_labels)).copy()
            for j, k in enumerate(self.offsets):
                out += rows[reach + k:reach + k + n, j * n_labels:(j + 1) * n_labels]
            if ptags is not None:
                for offsets, dense in zip(self.spec["pos"], self.tag_tables):
                    code = np.zeros(n, dtype=np.int64)
                    for k in offsets:
                        code *= size
                        code += ptags[reach + k:reach + k + n]
                    out += dense[code]
            return out
        positions = np.asarray(at, dtype=np.int64) + reach
        out = np.broadcast_to(self.bias, (len(positions), n_labels)).copy()
        for j, k in enumerate(self.offsets):
            out += self._table[padded[positions + k], j * n_labels:(j + 1) * n_labels]
        if ptags is not None:
            for offsets, dense in zip(self.spec["pos"], self.tag_tables):
                code = np.zeros(len(positions), dtype=np.int64)
                for k in offsets:
                    code = code * size + ptags[positions + k]
                out += dense[code]
        return out

    def predict(self, slots: np.ndarray, tags: np.ndarray | None = None, at: np.ndarray | None = None) -> np.ndarray:
        """The best label's index for each token (or each position of ``at``)."""
        if len(slots) == 0 or (at is not None and len(at) == 0):
            return np.zeros(0, dtype=np.int64)
        return self.scores(slots, tags, at).argmax(axis=1)


# ---------------------------------------------------------------------------------------------- the model file
def _blob(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _text(array: np.ndarray) -> str:
    return array.tobytes().decode("utf-8")


def save(path, models: dict[str, tuple[list[str], list[str], np.ndarray, np.ndarray, dict]],
         tags: list[str], about: dict, senses: str = "") -> None:
    """Write ``models`` (name -> labels, features, weights, bias, spec), the tag set and the senses table
    (:class:`timeline.events.senses.Senses`) to one ``.npz`` file."""
    import json

    arrays = {"tags": _blob("\n".join(tags)), "about": _blob(json.dumps(about, sort_keys=True)),
              "senses": _blob(senses)}
    for name, (labels, features, weights, bias, spec) in sorted(models.items()):
        arrays[f"{name}.labels"] = _blob("\n".join(labels))
        arrays[f"{name}.features"] = _blob("\n".join(features))
        arrays[f"{name}.weights"] = np.asarray(weights, dtype=np.float16)
        arrays[f"{name}.bias"] = np.asarray(bias, dtype=np.float32)
        arrays[f"{name}.spec"] = _blob(json.dumps(spec, sort_keys=True))
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **arrays)


def load(path, names: tuple[str, ...]) -> tuple[dict[str, Linear], dict]:
    """The models ``names`` of a file :func:`save` wrote, and its ``about`` record (any fault raises)."""
    import json

    from timeline.events.senses import Senses

    with np.load(path, allow_pickle=False) as data:
        tags = _text(data["tags"]).split("\n")
        table = _text(data["senses"])
        senses = Senses(table) if table else None
        about = json.loads(_text(data["about"]))
        models = {}
        for name in names:
            features = _text(data[f"{name}.features"])
            models[name] = Linear(_text(data[f"{name}.labels"]).split("\n"),
                                  features.split("\n") if features else [],
                                  data[f"{name}.weights"], data[f"{name}.bias"],
                                  json.loads(_text(data[f"{name}.spec"])), tags, senses)
    return models, about
