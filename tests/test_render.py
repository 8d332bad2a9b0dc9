"""The chart, checked on the rendered figure: every label's box, the files' pixels and text, byte determinism,
redrawing from a hand-edited CSV, and the self-contained HTML page."""
from __future__ import annotations

import datetime as dt
import random
import re
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import matplotlib.image as mpimg
import pandas as pd
import pytest

from timeline import render
from timeline.render import draw, render_csv, save_chart, to_html
from timeline.render.items import RenderError
from timeline.table.columns import COLUMN_NAMES

TITLE = "400 Iranian troops killed in Syria since start of civil war"
WORDS = ("army talks ceasefire offensive convoy minister election protest summit sanctions parliament airstrike "
         "refugees border treaty rebels negotiations").split()


def row(start, end, precision, headline, *, end_precision=None, kind="mention", mod="", flags="", count=1,
        title=TITLE, path="seeds/seed.txt", value=""):
    r = {c: "" for c in COLUMN_NAMES}
    r.update(start=start, end=end, precision=precision, end_precision=end_precision or precision, kind=kind,
             mod=mod, flags=flags, headline=headline, event_text=headline + ", the sentence said.",
             timex_value=value or start[:7], source_title=title, source_path=path, published="2015-11-12T14:12:00",
             sources_count=count, phrase="x")
    return r


def seed_table() -> pd.DataFrame:
    """The seed's events, as literal rows."""
    return pd.DataFrame([
        row("2011-01-01", "2015-11-12", "year", "Syria conflict began", end_precision="day", kind="interval",
            value="2011"),
        row("2015-10-01", "2015-10-31", "month", "Forces prepare ground offensive in Aleppo"),
        row("2015-10-01", "2015-10-31", "month", "Boroujerdi: Iran would study a request from Syria"),
        row("2015-10-23", "2015-10-23", "day", "Fars quotes General Ramazan Sharif"),
        row("2015-11-11", "2015-11-11", "day", "Tasnim: four more revolutionary guards killed"),
        row("2015-11-12", "2015-11-12", "day", TITLE, kind="publication"),
    ])


def month_table(n=60, seed=1) -> pd.DataFrame:
    """``n`` events packed into October 2015: days, a few month spans, some approximate, three sources."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        day = (dt.date(2015, 10, 1) + dt.timedelta(days=rnd.randrange(31))).isoformat()
        head = f"{i}: " + " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(3, 12))).capitalize()
        if i % 11 == 5:
            rows.append(row("2015-10-01", "2015-10-31", "month", head, title=f"Article {i % 3}"))
        else:
            rows.append(row(day, day, "day", head, mod="APPROX" if i % 13 == 7 else "", title=f"Article {i % 3}",
                            count=1 + i % 4))
    return pd.DataFrame(rows)


def century_table(n=60, seed=2) -> pd.DataFrame:
    rnd = random.Random(seed)
    rows = []
    for _ in range(n):
        y = 1915 + rnd.randrange(100)
        p = rnd.choice(["year", "day", "month", "decade"])
        s, e = {"year": (f"{y}-01-01", f"{y}-12-31"), "month": (f"{y}-06-01", f"{y}-06-30"),
                "decade": (f"{y - y % 10}-01-01", f"{y - y % 10 + 9}-12-31"),
                "day": (f"{y}-03-{rnd.randrange(1, 28):02d}",) * 2}[p]
        rows.append(row(s, e, p, " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(3, 10))).capitalize()))
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------------
# geometry of the rendered figure

def boxes(fig):
    """(labels, markers, axis) as lists of (name, bbox) in display pixels, after drawing."""
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    ax = fig.axes[0]
    labels = [(t.get_text(), t.get_window_extent(r)) for t in ax.texts if t.get_visible() and t.get_text()]
    markers = [(p.get_gid(), p.get_window_extent(r)) for p in ax.patches
               if re.match(r"(ev|key)\d+-mk", p.get_gid() or "")]
    axis = [(ln.get_gid(), ln.get_window_extent(r)) for ln in ax.lines if re.match(r"(axis|break)", ln.get_gid() or "")]
    return labels, markers, axis


def overlap(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def assert_clean_layout(fig):
    labels, markers, axis = boxes(fig)
    w, h = fig.bbox.width, fig.bbox.height
    assert labels and axis or not markers
    for (s, b) in labels:
        assert b.x0 >= 0 and b.y0 >= 0 and b.x1 <= w and b.y1 <= h, f"label {s!r} leaves the canvas: {b}"
    for (s1, b1), (s2, b2) in combinations(labels, 2):
        assert not overlap(b1, b2), f"labels overlap: {s1!r} and {s2!r}"
    for s, b in labels:
        for gid, m in markers:
            assert not overlap(b, m), f"label {s!r} overlaps marker {gid}"
        for gid, a in axis:
            assert not overlap(b, a), f"label {s!r} overlaps the axis ({gid})"
    return labels, markers, axis


def texts(fig) -> str:
    return " ".join(t.get_text().replace("\n", " ") for t in fig.axes[0].texts)


# ---------------------------------------------------------------------------------------------------------
# layout

@pytest.mark.parametrize("make", [seed_table, month_table, century_table], ids=["seed", "60-in-a-month", "century"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_label_overlaps_a_label_a_marker_or_the_axis_nor_leaves_the_canvas(make, theme):
    table = make()
    fig = draw(table, theme=theme, subtitle="A subtitle that says what the reader is looking at")
    labels, markers, _ = assert_clean_layout(fig)
    words = texts(fig)
    for headline in table.headline:
        assert " ".join(headline.split()) in " ".join(words.replace("- ", "-").split()), headline
    assert len({gid.split("-")[0] for gid, _ in markers if gid.startswith("ev")}) == len(table)


def mixed_table(seed: int) -> pd.DataFrame:
    """Random clusters of events of every kind: days, spans, intervals, open starts, approximations."""
    rnd = random.Random(seed)
    centers = [dt.date(1900, 1, 1) + dt.timedelta(days=rnd.randrange(45000)) for _ in range(rnd.randrange(1, 5))]
    rows = []
    for i in range(rnd.randrange(1, 45)):
        d = rnd.choice(centers) + dt.timedelta(days=rnd.randrange(-40, 40))
        head = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(1, 16))).capitalize()
        shape = rnd.choice(["day", "day", "month", "year", "interval", "open", "approx"])
        if shape == "month":
            rows.append(row(d.replace(day=1).isoformat(), (d.replace(day=28)).isoformat(), "month", head))
        elif shape == "year":
            rows.append(row(f"{d.year}-01-01", f"{d.year}-12-31", "year", head))
        elif shape == "interval":
            e = d + dt.timedelta(days=rnd.randrange(1, 3000))
            rows.append(row(d.isoformat(), e.isoformat(), "day", head, kind="interval"))
        elif shape == "open":
            rows.append(row("", d.isoformat(), "", head, end_precision="day", flags="open_start"))
        else:
            rows.append(row(d.isoformat(), d.isoformat(), "day", head, mod="APPROX" if shape == "approx" else ""))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", range(8))
def test_random_mixed_tables_keep_a_clean_layout(seed):
    assert_clean_layout(draw(mixed_table(seed), group_by="kind" if seed % 2 else None))


def test_grouped_chart_keeps_a_clean_layout_and_names_each_group():
    fig = draw(month_table(), group_by="source_title")
    assert_clean_layout(fig)
    assert all(f"Article {k}" in texts(fig) for k in range(3))


def test_seed_chart_uses_a_broken_axis_with_readers_dates():
    fig = draw(seed_table())
    words = texts(fig)
    for date in ("2011 – Nov. 12, 2015", "October 2015", "Oct. 23", "Nov. 11", "Nov. 12", "3 years 9 months later"):
        assert date in words
    gids = {ln.get_gid() for ln in fig.axes[0].lines}
    assert {"axis0", "axis1"} <= gids and any(g and g.startswith("break") for g in gids)
    assert "Source: “" + TITLE in words and TITLE in words


def test_precision_is_drawn_honestly_points_spans_bars_and_faded_approximations():
    from matplotlib.patches import Circle, FancyBboxPatch
    table = seed_table()
    table.loc[3, "mod"] = "APPROX"
    fig = draw(table)
    fig.canvas.draw()
    patches = {p.get_gid(): p for p in fig.axes[0].patches if p.get_gid()}
    pts = lambda k: [p for gid, p in patches.items() if gid.startswith(f"ev{k}-mk")]
    # items in date order: 0 interval since 2011, 1-2 October, 3 Oct. 23 (approximate), 4 Nov. 11, 5 Nov. 12
    for k in (4, 5):
        assert [type(p) for p in pts(k)] == [Circle] and pts(k)[0].get_facecolor()[3] == 1
    assert type(pts(3)[0]) is Circle and pts(3)[0].get_facecolor()[3] == 1 and pts(3)[0].get_linestyle() != "-"
    assert pts(3)[0].get_facecolor()[:3] == pytest.approx((1, 1, 1))           # hollow: approximate
    for k in (1, 2):                                                            # a month: a solid span
        (bar,) = pts(k)
        assert isinstance(bar, FancyBboxPatch) and bar.get_height() > 4 * bar.get_width()
        assert bar.get_facecolor()[3] == 1
    bars = pts(0)                                                               # since 2011: a bar to the end,
    assert len(bars) == 2 and bars[0].get_facecolor()[3] < 1 <= bars[1].get_facecolor()[3]  # a light band: the start year
    ends = [fig.axes[0].transData.transform((0, b.get_y() + b.get_height()))[1] for b in bars[1:]]
    nov12 = fig.axes[0].transData.transform(pts(5)[0].center)[1]
    assert ends[-1] == pytest.approx(nov12, abs=6)                              # ... that ends on Nov. 12


def test_more_events_than_fit_keep_the_important_ones_and_say_so():
    table = month_table(75)
    table.loc[70, "kind"] = "publication"
    table.loc[71, "sources_count"] = 9
    fig = draw(table, max_events=60)
    assert_clean_layout(fig)
    words = texts(fig)
    assert "+15 more events not shown" in words
    assert table.headline[70] in words and table.headline[71] in words


def test_the_chart_grows_with_the_number_of_events():
    small, big = draw(seed_table()), draw(month_table())
    assert small.bbox.width == big.bbox.width == 1200
    assert big.bbox.height > 2 * small.bbox.height


@pytest.mark.parametrize("table", [pd.DataFrame(), pd.DataFrame(columns=list(COLUMN_NAMES))], ids=["bare", "columns"])
def test_an_empty_table_draws_a_clear_no_events_chart(table):
    fig = draw(table)
    assert "No dated events" in texts(fig)
    assert_clean_layout(fig)


def test_title_subtitle_source_and_credit_options_reach_the_chart():
    fig = draw(seed_table(), title="Iran's losses in Syria", subtitle="Deaths reported by Iranian media",
               source="Anadolu Agency", credit="Graphic: A. Reporter")
    words = texts(fig)
    for s in ("Iran's losses in Syria", "Deaths reported by Iranian media", "Source: Anadolu Agency",
              "Graphic: A. Reporter"):
        assert s in words


def test_typed_table_with_missing_values_draws():
    """The pipeline's table has pandas string / Int64 dtypes with <NA> cells."""
    table = seed_table().astype("string")
    table["sources_count"] = pd.array([1, pd.NA, 2, 1, 1, 1], dtype="Int64")
    table.loc[1, "source_title"] = pd.NA
    assert_clean_layout(draw(table))


# ---------------------------------------------------------------------------------------------------------
# files

def test_png_is_2400_px_wide_and_svg_holds_the_headlines_as_text(tmp_path):
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    save_chart(seed_table(), png, svg)
    img = mpimg.imread(png)
    fig = draw(seed_table())
    assert img.shape[1] == 2400 and img.shape[0] == round(fig.bbox.height) * 2
    root = ET.parse(svg).getroot()
    svg_text = " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
    for headline in seed_table().headline:
        assert headline in " ".join(svg_text.split())
    raw = svg.read_text()
    assert re.search(r'<svg[^>]*width="1200px"', raw)
    assert "font-family: 'DejaVu Sans'" in raw and 'id="DejaVuSans-' not in raw    # text, not glyph outlines


def test_renders_are_byte_identical(tmp_path):
    for k in (1, 2):
        save_chart(seed_table(), tmp_path / f"a{k}.png", tmp_path / f"a{k}.svg", group_by="source_title")
    assert (tmp_path / "a1.png").read_bytes() == (tmp_path / "a2.png").read_bytes()
    assert (tmp_path / "a1.svg").read_bytes() == (tmp_path / "a2.svg").read_bytes()
    svg = (tmp_path / "a1.svg").read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Matplotlib" not in (tmp_path / "a1.png").read_bytes()


def test_renders_are_byte_identical_across_processes(tmp_path):
    import subprocess
    import sys
    csv = tmp_path / "events.csv"
    seed_table().to_csv(csv, index=False)
    outs = []
    for k in (1, 2):
        out = tmp_path / f"run{k}"
        subprocess.run([sys.executable, "-c", "import sys; from timeline.render import render_csv; "
                        "render_csv(sys.argv[1], sys.argv[2], formats='png,svg,html')", str(csv), str(out)],
                       check=True, cwd=Path(__file__).resolve().parents[1])
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1] and len(outs[0]) == 3


def hand_edited_csv(path, rows_text: str):
    header = "start,end,headline,event_text,kind,source_title\n"
    path.write_text("\ufeff" + header + rows_text, encoding="utf-8")
    return path


def test_render_csv_redraws_a_hand_edited_csv(tmp_path):
    # optional columns missing, empty cells, a month typed as 2015-10, an open start, an undated row
    csv = hand_edited_csv(tmp_path / "events.csv",
                          "2011-01-01,2015-11-12,Syria conflict began,,interval,Article\n"
                          "2015-10,,Offensive in Aleppo,,,\n"
                          "2015-10-23,,Fars quotes Sharif,\"Fars quoted Sharif, a spokesman\",,Article\n"
                          ",2015-11-11,Guards killed,,,\n"
                          ",,No date at all,,,\n")
    written = render_csv(csv, tmp_path / "out", formats="png,svg,html")
    assert sorted(p.name for p in written) == ["timeline.html", "timeline.png", "timeline.svg"]
    assert mpimg.imread(tmp_path / "out" / "timeline.png").shape[1] == 2400
    svg = (tmp_path / "out" / "timeline.svg").read_text()
    for s in ("Offensive in Aleppo", "October 2015", "Until Nov. 11", "1 undated row not shown"):
        assert s in svg


def test_render_csv_shows_text_that_the_export_guarded_against_formula_injection_as_written(tmp_path):
    csv = hand_edited_csv(tmp_path / "events.csv", "2015-10-23,,'-5 degrees in Aleppo,'=1+1,,Article\n")
    render_csv(csv, tmp_path, formats="svg")
    svg = (tmp_path / "timeline.svg").read_text()
    assert "-5 degrees in Aleppo" in svg and "'-5" not in svg and "&#39;-5" not in svg


def test_render_csv_names_the_file_and_row_of_an_unreadable_date(tmp_path):
    csv = hand_edited_csv(tmp_path / "edited.csv", "2015-10-23,,Fine,,,\n23 Oct 2015,,Bad,,,\n")
    with pytest.raises(RenderError, match=r"edited\.csv, row 2 \(line 3\).*'23 Oct 2015'"):
        render_csv(csv, tmp_path)
    assert not (tmp_path / "timeline.png").exists()


def test_html_is_one_self_contained_file_with_hover_details(tmp_path):
    page = to_html(seed_table(), theme="dark")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert not re.search(r"https?://", page), "no network references"
    assert not re.search(r"<(script|img|link|iframe)[^>]*\b(src|href)=", page)
    for headline in seed_table().headline:
        assert headline in page
    assert 'id="ev0-mk"' in page and "mouseenter" in page and '"Oct. 23, 2015"' in page
    assert "Fars quotes General Ramazan Sharif, the sentence said." in page      # the event text, on hover
    assert page.count("<svg") == 1 and "<dc:" not in page


def test_cli_render_writes_the_requested_formats(tmp_path, capsys):
    from timeline.cli import main
    csv = tmp_path / "events.csv"
    seed_table().to_csv(csv, index=False, encoding="utf-8-sig")
    code = main(["render", str(csv), "--out", str(tmp_path / "o"), "--format", "png,html", "--theme", "dark",
                 "--title", "My title"])
    assert code == 0
    assert (tmp_path / "o" / "timeline.png").exists() and (tmp_path / "o" / "timeline.html").exists()
    assert not (tmp_path / "o" / "timeline.svg").exists()
    assert "My title" in (tmp_path / "o" / "timeline.html").read_text()


def test_cli_render_reports_a_bad_date_without_a_traceback(tmp_path, capsys):
    from timeline.cli import main
    csv = hand_edited_csv(tmp_path / "events.csv", "someday,,Bad,,,\n")
    assert main(["render", str(csv)]) == 2
    err = capsys.readouterr().err
    assert "events.csv, row 1" in err and "Traceback" not in err
    assert main(["render", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    seed_table().to_csv(good, index=False)
    assert main(["render", str(good), "--group-by", "desk"]) == 2
    assert "no column 'desk'" in capsys.readouterr().err


def test_rendering_does_not_change_global_matplotlib_settings():
    import matplotlib
    before = dict(matplotlib.rcParams)
    draw(seed_table())
    assert dict(matplotlib.rcParams) == before
    assert render.RC["svg.fonttype"] == "none"
