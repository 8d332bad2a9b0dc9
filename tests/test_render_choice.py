"""Which events a chart of many draws, what it calls an article, close dates as a list, and the bars beside the
spine: checked on the layout (what is chosen, where it sits, what the labels say), not on pixels (issue 13)."""
from __future__ import annotations

import datetime as dt
import json
import random
import re

import pandas as pd
import pytest

from tests.support.render_layout import Item, items_from_table, segments, select
from tests.test_render import assert_clean_layout, boxes, row, texts
from timeline.render import draw
from timeline.render.pick import HANDFUL, article_name, choose, looks_like_a_file_name
from timeline.render.style import MAX_LANES, WIDTH

D = dt.date


def item(day: str, row: int, *, kind="mention", count=1, end=None, precision="day") -> Item:
    s = D.fromisoformat(day)
    return Item(row=row, start=s, end=D.fromisoformat(end) if end else s, precision=precision,
                end_precision=precision, kind=kind, sources_count=count, headline=f"h{row}", event_text="x")


def war(n=150, seed=3) -> list[Item]:
    """A six-year history: ``n`` dated events, 1939-09 to 1945-09, in date (= table) order."""
    rnd = random.Random(seed)
    days = sorted(D(1939, 9, 1) + dt.timedelta(days=rnd.randrange(2190)) for _ in range(n))
    return [item(d.isoformat(), k) for k, d in enumerate(days)]


def news(articles=200, per=5, seed=4) -> pd.DataFrame:
    """``articles`` articles named by file (wsj_0001 ...), each a publication row (its first sentence as the
    event text) and ``per`` news rows."""
    rnd = random.Random(seed)
    rows = []
    for a in range(articles):
        pub = D(1989, 10, 1) + dt.timedelta(days=rnd.randrange(3000))
        name, path = f"wsj_{a:04d}", f"corpus/wsj_{a:04d}.tml"
        for k in range(per):
            d = (pub - dt.timedelta(days=rnd.randrange(400))).isoformat()
            rows.append(row(d, d, "day", f"Company {a} reported result {k}", title=name, path=path))
        p = row(pub.isoformat(), pub.isoformat(), "day", name, kind="publication", title=name, path=path)
        p["event_text"] = f"Company {a} said its profit rose in the quarter. More followed."
        p["published"] = pub.isoformat()
        rows.append(p)
    return pd.DataFrame(rows).sort_values("start", kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------------------
# what is chosen

def test_a_long_history_is_chosen_across_its_whole_span_not_its_first_rows():
    items = war()
    kept, hidden = select(items, 60)
    assert len(kept) == 60 and hidden == 90
    span = items[-1].start - items[0].start
    assert kept[0].start - items[0].start < span * 0.05          # the first weeks ...
    assert items[-1].start - kept[-1].start < span * 0.05        # ... and the last: the war does not stop in 1941
    years = {it.start.year for it in kept}
    assert years == set(range(1939, 1946))
    for year in range(1940, 1945):                               # no year starved: each of the full years drawn
        assert sum(it.start.year == year for it in kept) >= 5


def test_more_sources_come_first_wherever_they_are():
    items = war()
    for k in (7, 77, 140):
        items[k].sources_count = 3
    kept, _ = select(items, 20)
    assert all(items[k] in kept for k in (7, 77, 140))


def test_the_events_stage_importance_breaks_ties_between_equally_reported_events():
    items = war(40)
    items[21].importance = 0.9
    kept, _ = select(items, 8)
    assert items[21] in kept


def test_with_more_than_a_handful_of_articles_publication_events_give_way_to_news():
    items = [item(f"2015-10-{d:02d}", d, kind="publication") for d in range(1, HANDFUL + 2)]
    items += [item(f"2015-09-{d:02d}", 40 + d) for d in range(1, 21)]
    kept, hidden, strip = choose(items, 60)
    assert all(it.kind != "publication" for it in kept) and len(kept) == 20 and hidden == 0
    assert sum(strip.values()) == HANDFUL + 1
    few = items[:HANDFUL] + items[HANDFUL + 1:]
    kept, _, strip = choose(few, 60)
    assert sum(it.kind == "publication" for it in kept) == HANDFUL and not strip


def test_200_news_articles_draw_news_and_a_density_strip_not_publication_labels():
    fig = draw(news(), max_events=60)
    assert_clean_layout(fig)
    said = texts(fig)
    assert "published" not in said.lower()
    assert "When the 200 articles appeared" in said
    assert "What 200 articles report" in said
    assert said.count("Company") >= 60
    assert not re.search(r"\bwsj_\d", said), "a file name on the chart"


def test_the_chart_of_the_table_on_disk_chooses_as_the_chart_in_memory(tmp_path):
    """Ties are broken by table row in both: rows of one start day in an order other than the chart's (a week
    before a day, as the table orders them)."""
    from timeline.render import figure_bytes
    from timeline.table.timeline import chart_input
    table = news(30, 4)
    weeks = table[table.kind != "publication"].iloc[::3].copy()
    weeks["end"] = [(dt.date.fromisoformat(d) + dt.timedelta(days=6)).isoformat() for d in weeks.start]
    weeks["precision"] = weeks["end_precision"] = "week"
    weeks["headline"] = "Week " + weeks["headline"]
    table = pd.concat([weeks, table]).sort_values("start", kind="stable").reset_index(drop=True)
    rows, _ = chart_input(table, max_events=40)
    items, _ = items_from_table(table)
    assert sorted(rows.headline) == sorted(it.headline for it in select(items, 40)[0])
    rows, options = chart_input(table, max_events=40)
    a = figure_bytes(draw(table, max_events=40), "svg")
    b = figure_bytes(draw(rows, max_events=40, **options), "svg")
    assert a == b


# ---------------------------------------------------------------------------------------------------------
# what an article is called

@pytest.mark.parametrize("name, path", [("wsj_1073", ""), ("01_WW2", "wikiwars/01_WW2.tml"), ("dataframe#1", ""),
                                        ("APW19980219.0476", ""), ("story", "in/story.txt")])
def test_file_names_are_not_titles(name, path):
    assert looks_like_a_file_name(name, path)
    assert article_name(name, path, "Germany attacked Poland. Britain declared war.") == "Germany attacked Poland."


def test_a_first_sentence_is_not_cut_at_an_abbreviation():
    assert article_name("wsj_0001", "", "Mr. Smith went to Washington on Monday. He said hi.") == \
        "Mr. Smith went to Washington on Monday."


@pytest.mark.parametrize("title", ["Footbridge collapses into Kalnreth harbour", "1984", "Course of the war"])
def test_real_titles_stay(title):
    assert not looks_like_a_file_name(title, "x/y.txt")
    assert article_name(title, "x/y.txt", "Something else.") == title


def test_a_chart_of_one_article_named_by_file_takes_its_first_sentence():
    t = news(1, 6)
    fig = draw(t)
    title = next(x.get_text() for x in fig.axes[0].texts if x.get_gid() == "title")
    assert title == "Company 0 said its profit rose in the quarter."
    assert "wsj_0000" not in texts(fig)


# ---------------------------------------------------------------------------------------------------------
# close dates as a list; bars beside the spine

def week_in_months() -> list[Item]:
    """Eleven events in one week, among events spread over six months."""
    items = [item(f"2015-{m:02d}-15", m) for m in range(4, 10)]
    items += [item(f"2015-10-{d:02d}", 20 + k) for k, d in enumerate((5, 5, 6, 7, 7, 8, 8, 9, 10, 11, 11))]
    return sorted(items, key=lambda it: (it.start, it.row))


def test_a_week_of_eleven_events_among_months_becomes_an_evenly_spaced_list():
    (seg,) = segments(week_in_months())
    assert len(seg.lists) == 1
    days = sorted({it.start.toordinal() + 0.5 for it in seg.items if it.start.month == 10})
    ys = [seg.frac(d) for d in days]
    assert ys == sorted(ys)
    room = seg.frac(seg.lists[0][1]) - seg.frac(seg.lists[0][0])
    assert room > 0.4                            # the week gets about its share of events (11 of 17), not 1/40
    pitch = [(b - a) for a, b in zip(ys, ys[1:])]
    assert max(pitch) < 2.5 * min(pitch)         # evenly spaced by event (two a day take two places)


def test_evenly_spread_events_make_no_list():
    items = [item(f"{1915 + 5 * k}-06-01", k) for k in range(20)]
    assert segments(items)[0].lists == []


def test_a_listed_week_keeps_labels_beside_their_dots():
    t = pd.DataFrame([row(it.start.isoformat(), it.start.isoformat(), "day", f"Event {it.row} happened there")
                      for it in week_in_months()])
    fig = draw(t)
    assert_clean_layout(fig)
    assert any((p.get_gid() or "").startswith("list") for p in fig.axes[0].patches)
    assert "listed in order (not to scale)" in texts(fig)
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    ax = fig.axes[0]
    dots = {p.get_gid()[:-3]: p.get_window_extent(r) for p in ax.patches if re.match(r"ev\d+-mk$", p.get_gid() or "")}
    dates = {t.get_gid()[:-5]: t.get_window_extent(r) for t in ax.texts if re.match(r"ev\d+-date$", t.get_gid() or "")}
    for ev, box in dates.items():                # no long leader: each label starts within 40 px of its dot
        dot = (dots[ev].y0 + dots[ev].y1) / 2
        assert box.y1 - 40 < dot < box.y1 + 40 + box.height, ev


def test_parallel_bars_beside_the_spine_are_capped():
    t = pd.DataFrame([row(f"{1990 + k}-01-01", f"{2010 + k}-12-31", "year", f"Era {k} went on", kind="interval",
                          end_precision="year") for k in range(14)])
    fig = draw(t)
    assert_clean_layout(fig)
    _, markers, _ = boxes(fig)
    xs = {round((b.x0 + b.x1) / 2) for gid, b in markers if gid.startswith("ev")}
    spine = WIDTH / 2 * fig.dpi / 100
    lanes = {x for x in xs if abs(x - spine) > 8}
    assert len(lanes) <= 2 * MAX_LANES
    assert len({gid.split("-")[0] for gid, _ in markers if gid.startswith("ev")}) == 14   # none lost


# ---------------------------------------------------------------------------------------------------------
# the subtitle on TimelineJS's title slide

def test_subtitle_replaces_the_timelinejs_title_slides_count(tmp_path):
    from timeline import build
    doc = tmp_path / "a.txt"
    doc.write_text("Talks\n\nTalks ended on Oct. 3, 2015, the minister said.\n", encoding="utf-8")
    tl = build([str(doc)], dct="2015-10-05")
    tl.write(tmp_path / "o", formats=("timelinejs",), chart=False, subtitle="What the <b>minister</b> said & did")
    slide = json.loads((tmp_path / "o" / "timelinejs.json").read_text(encoding="utf-8"))["title"]["text"]
    assert slide["text"] == "What the &lt;b&gt;minister&lt;/b&gt; said &amp; did"
    sheet = (tmp_path / "o" / "timelinejs.csv").read_text(encoding="utf-8-sig")
    assert "events from" not in sheet and "What the" in sheet
