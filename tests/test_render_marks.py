"""How precision reads on the chart: a day is a dot, a month a solid span, an interval a thin bar with end caps
(its start band when the start is known only to the year), an approximate date hollow and dashed; and the key
names exactly the marks that are drawn."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from test_render import assert_clean_layout, boxes, century_table, mixed_table, month_table, overlap, row, seed_table
from timeline.render import draw

def marks_of(fig, k):
    """The patches and lines drawn for event ``k`` (in date order), by gid."""
    ax = fig.axes[0]
    return {a.get_gid(): a for a in list(ax.patches) + list(ax.lines) if (a.get_gid() or "").startswith(f"ev{k}-")}


def solid(p) -> bool:
    return p.get_linestyle() in ("-", "solid")


def key_labels(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts if re.match(r"key\d+-label", t.get_gid() or "")]


def test_the_seed_key_names_year_precision_without_calling_it_approximate():
    fig = draw(seed_table())
    assert key_labels(fig) == ["A day", "A month", "From … to (bar runs to its end)", "Start known only to the year"]
    assert not any("pproximate" in s or "uncertain" in s for s in key_labels(fig))


def test_an_interval_is_a_thin_bar_with_an_end_cap_unlike_a_month_span():
    fig = draw(seed_table())
    fig.canvas.draw()
    interval, month = marks_of(fig, 0), marks_of(fig, 1)
    band, line = interval["ev0-mk"], interval["ev0-mk1"]
    assert line.get_width() < month["ev1-mk"].get_width() / 2                    # thin, not a month's bar
    assert solid(band) and solid(line)                                          # not dashed: not approximate
    assert "ev0-end" in interval and "ev0-start" not in interval                # start only known to the year
    end_y = interval["ev0-end"].get_ydata()[0]
    assert end_y == pytest.approx(line.get_y() + line.get_height())
    assert not any(gid.endswith(("-start", "-end")) for gid in month)          # a month has no caps


def test_an_interval_known_to_the_day_has_a_cap_at_each_end_and_no_start_band():
    table = pd.DataFrame([row("2015-10-05", "2015-10-20", "day", "Siege of the town", end_precision="day",
                              kind="interval")])
    fig = draw(table)
    mk = marks_of(fig, 0)
    assert {"ev0-mk", "ev0-start", "ev0-end"} <= set(mk)
    assert mk["ev0-mk"].get_facecolor()[3] == 1
    assert key_labels(fig) == ["From … to (bar runs to its end)"]


def test_approximate_marks_are_hollow_and_dashed_and_the_key_says_approximate():
    table = seed_table()
    table.loc[3, "mod"] = "APPROX"                       # About Oct. 23
    table.loc[1, "flags"] = "approximate"               # About October 2015
    fig = draw(table)
    assert key_labels(fig)[-1] == "Approximate date"
    dot, span = marks_of(fig, 3)["ev3-mk"], marks_of(fig, 1)["ev1-mk"]
    for p in (dot, span):
        assert p.get_facecolor()[:3] == pytest.approx((1, 1, 1)) and not solid(p)
    assert solid(marks_of(fig, 2)["ev2-mk"])                                   # the other month stays solid


@pytest.mark.parametrize("make, absent", [(month_table, ["From", "Start known"]),
                                          (century_table, ["From", "Start known", "Approximate"])],
                         ids=["60-in-a-month", "century"])
def test_the_key_lists_only_marks_that_are_on_the_chart(make, absent):
    labels = key_labels(draw(make()))
    for word in absent:
        assert not any(s.startswith(word) for s in labels), labels


@pytest.mark.parametrize("seed", range(4))
def test_interval_caps_stay_clear_of_labels(seed):
    fig = draw(mixed_table(seed))
    labels, _, _ = boxes(fig)
    r = fig.canvas.get_renderer()
    caps = [ln.get_window_extent(r) for ln in fig.axes[0].lines if re.match(r"ev\d+-(start|end)$", ln.get_gid() or "")]
    for s, b in labels:
        assert not any(overlap(b, c) for c in caps), s


def test_an_exact_and_an_approximate_event_of_the_same_day_do_not_share_a_dot():
    table = pd.DataFrame([row("2015-10-19", "2015-10-19", "day", "Exact report"),
                          row("2015-10-19", "2015-10-19", "day", "Vague report", mod="APPROX"),
                          row("2015-10-19", "2015-10-19", "day", "Second exact report")])
    fig = draw(table)
    assert_clean_layout(fig)
    centers = {k: marks_of(fig, k)[f"ev{k}-mk"].center for k in range(3)}
    assert centers[0] == centers[2] and centers[0] != centers[1]


def test_a_grouped_key_puts_the_groups_and_the_marks_on_separate_lines():
    fig = draw(month_table(), group_by="source_title")
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    rows = {t.get_text(): round(t.get_window_extent(r).y0) for t in fig.axes[0].texts
            if re.match(r"key\d+-label", t.get_gid() or "")}
    assert rows["Article 0"] == rows["Article 2"] != rows["A day"] == rows["Approximate date"]


def test_an_open_start_ends_in_a_crossbar_on_its_day_and_the_key_says_until():
    table = pd.DataFrame([row("", "2015-11-02", "", "Talks went on", end_precision="day", flags="open_start"),
                          row("2015-10-23", "2015-10-23", "day", "A day")])
    fig = draw(table)
    assert_clean_layout(fig)
    mk = marks_of(fig, 1)                                # in date order: Oct. 23, then until Nov. 2
    assert "ev1-end" in mk and solid(mk["ev1-mk"])
    assert key_labels(fig) == ["A day", "Until (start not known)"]
