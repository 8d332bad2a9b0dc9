"""Label placement: :func:`dodge` stacks labels in one column without overlap, as close as possible to their
markers; :func:`wrap` breaks a headline into lines of a measured width. Pure and deterministic (no matplotlib).
"""
from __future__ import annotations

import math

def dodge(desired: list[float], heights: list[float], *, gap: float, lo: float, hi: float) -> list[float]:
    """Top positions for stacked labels, in order, each at least ``gap`` below the previous one, all within
    [lo, hi], as close as possible (least squares) to ``desired``.

    With C_i the height of everything above label i, q_i = top_i - C_i must not decrease: this is isotonic
    regression (pool adjacent violators), then clipped to the bounds, which stays optimal. If the labels do not
    fit in [lo, hi] they start at ``lo`` and run past ``hi`` (the caller sized the column so they fit)."""
    n = len(desired)
    if n == 0:
        return []
    offsets, c = [], 0.0
    for h in heights:
        offsets.append(c)
        c += h + gap
    target = [desired[i] - offsets[i] for i in range(n)]
    blocks: list[list[float]] = []            # [mean, weight, count]
    for t in target:
        blocks.append([t, 1.0, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, n2 = blocks.pop()
            m1, w1, n1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    q = []
    for mean, _, count in blocks:
        q.extend([mean] * count)
    upper = hi - offsets[-1] - heights[-1]
    lower = lo
    return [offsets[i] + (lower if upper < lower else min(max(q[i], lower), upper)) for i in range(n)]


def column_need(heights: list[float], gap: float) -> float:
    return sum(heights) + gap * max(len(heights) - 1, 0)


def wrap(text: str, width: float, measure) -> list[str]:
    """Greedy word wrap to ``width`` pixels using ``measure(str) -> float``; a word longer than the line is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if measure(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
        while measure(line) > width and len(line) > 1:
            cut = max(1, math.floor(len(line) * width / max(measure(line), 1.0)) - 1)
            lines.append(line[:cut] + "-")
            line = line[cut:]
    if line:
        lines.append(line)
    return lines or [""]
