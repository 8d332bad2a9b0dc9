"""A graph of points in time related by SIMULTANEOUS and BEFORE, with its closure and its transitive reduction.

Point algebra on two relations: SIMULTANEOUS is an equivalence (union-find merges its nodes into classes) and
BEFORE a strict order between classes (reachability over the class graph, a bitset per class). Nothing is
materialised: :meth:`TimeGraph.implies` answers whether a relation is in the closure in constant time after
:meth:`TimeGraph.freeze`, which costs O(classes x BEFORE edges / word size).

Inconsistent input is kept, not repaired: a BEFORE between two simultaneous nodes is dropped (and counted in
``conflicts``), and a cycle of BEFORE makes every class of the cycle before every other (and itself); the cycle's
classes are counted in ``conflicts`` too.

The reduction (:meth:`TimeGraph.reduction`) is one minimal set of relations whose closure is the graph's closure,
chosen so that it does not depend on the order in which relations were added: each class is a star around its
smallest node (``(rep, SIMULTANEOUS, node)`` for every other node), and each edge of the transitive reduction of
the class order is one BEFORE between the two classes' smallest nodes. Nodes must be mutually comparable.
"""
from __future__ import annotations

from typing import Hashable, Iterator

SIMULTANEOUS, BEFORE = "SIMULTANEOUS", "BEFORE"


class TimeGraph:
    def __init__(self) -> None:
        self._parent: dict[Hashable, Hashable] = {}
        self._before: list[tuple[Hashable, Hashable]] = []
        self._frozen = False
        self.conflicts = 0

    # ------------------------------------------------------------------------------------------------ building

    def add(self, node: Hashable) -> None:
        self._parent.setdefault(node, node)
        self._frozen = False

    def _find(self, node: Hashable) -> Hashable:
        root = node
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[node] != root:                      # path compression
            self._parent[node], node = root, self._parent[node]
        return root

    def simultaneous(self, a: Hashable, b: Hashable) -> None:
        self.add(a)
        self.add(b)
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def before(self, a: Hashable, b: Hashable) -> None:
        self.add(a)
        self.add(b)
        self._before.append((a, b))

    @property
    def nodes(self) -> set:
        return set(self._parent)

    # ------------------------------------------------------------------------------------------------ closure

    def freeze(self) -> "TimeGraph":
        """Compute the classes, the class order and its reachability (done again after a change)."""
        if self._frozen:
            return self
        members: dict[Hashable, list] = {}
        for node in self._parent:
            members.setdefault(self._find(node), []).append(node)
        self._classes = sorted(sorted(m) for m in members.values())            # each sorted; ordered by smallest
        self._class_of = {node: i for i, m in enumerate(self._classes) for node in m}
        succ: list[set[int]] = [set() for _ in self._classes]
        self.conflicts = 0
        for a, b in self._before:
            ca, cb = self._class_of[a], self._class_of[b]
            if ca == cb:
                self.conflicts += 1
            else:
                succ[ca].add(cb)
        self._succ = [sorted(s) for s in succ]
        self._components()
        self._frozen = True
        return self

    def _components(self) -> None:
        """Strongly connected components of the class graph (Tarjan, iterative), in reverse topological order,
        and the reachability bitset of each class."""
        n = len(self._classes)
        index, low, comp = [-1] * n, [0] * n, [-1] * n
        stack, on_stack, comps, counter = [], [False] * n, [], 0
        for root in range(n):
            if index[root] >= 0:
                continue
            work = [(root, 0)]
            while work:
                v, i = work.pop()
                if i == 0:
                    index[v] = low[v] = counter
                    counter += 1
                    stack.append(v)
                    on_stack[v] = True
                if i < len(self._succ[v]):
                    work.append((v, i + 1))
                    w = self._succ[v][i]
                    if index[w] < 0:
                        work.append((w, 0))
                    elif on_stack[w]:
                        low[v] = min(low[v], index[w])
                    continue
                for w in self._succ[v]:
                    if comp[w] < 0 and on_stack[w]:
                        low[v] = min(low[v], low[w])
                if low[v] == index[v]:
                    group = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp[w] = len(comps)
                        group.append(w)
                        if w == v:
                            break
                    comps.append(sorted(group))
        self._comp, self._comps = comp, comps
        bits = [sum(1 << c for c in group) for group in comps]
        reach = [0] * len(comps)                  # comps come out successors first: reach is ready when needed
        for k, group in enumerate(comps):
            r = bits[k] if len(group) > 1 else 0
            for c in group:
                for w in self._succ[c]:
                    if comp[w] != k:
                        r |= bits[comp[w]] | reach[comp[w]]
            reach[k] = r
        self._reach = [reach[comp[c]] for c in range(n)]
        self.conflicts += sum(len(g) for g in comps if len(g) > 1)

    def implies(self, a: Hashable, relation: str, b: Hashable) -> bool:
        """Whether ``a relation b`` is in the closure (False when a node is not in the graph)."""
        self.freeze()
        ca, cb = self._class_of.get(a), self._class_of.get(b)
        if ca is None or cb is None or a == b:
            return False
        if relation == SIMULTANEOUS:
            return ca == cb
        if relation == BEFORE:
            return bool(self._reach[ca] >> cb & 1)
        raise ValueError(f"unknown relation {relation!r}")

    # ------------------------------------------------------------------------------------------------ reduction

    def reduction(self) -> list[tuple[Hashable, str, Hashable]]:
        """The reduced relations (see the module doc), sorted."""
        self.freeze()
        out = [(m[0], SIMULTANEOUS, node) for m in self._classes for node in m[1:]]
        out += [(self._classes[a][0], BEFORE, self._classes[b][0]) for a, b in self._reduced_order()]
        return sorted(out)

    def _reduced_order(self) -> Iterator[tuple[int, int]]:
        """Class pairs of the transitive reduction of the class order; inside a cycle, its own edges."""
        comp, comps = self._comp, self._comps
        for k, group in enumerate(comps):
            if len(group) > 1:
                yield from ((c, w) for c in group for w in self._succ[c] if comp[w] == k)
            out = sorted({comp[w] for c in group for w in self._succ[c] if comp[w] != k})
            for t in out:
                via = any(self._reach[comps[u][0]] >> comps[t][0] & 1 for u in out if u != t)
                if not via:
                    yield min(group), comps[t][0]

    def closure_size(self) -> int:
        """How many relations the closure holds (each SIMULTANEOUS pair once; for the reports)."""
        self.freeze()
        sim = sum(len(m) * (len(m) - 1) // 2 for m in self._classes)
        sizes = [len(m) for m in self._classes]
        before = sum(sizes[c] * sum(sizes[d] for d in range(len(sizes)) if self._reach[c] >> d & 1)
                     for c in range(len(sizes)))
        return sim + before
