"""The interactive page in a real browser (headless Chromium driven by Playwright): one readable column at 390 px,
one tab stop per event in date order, Esc closes the details, a table of every event (or how many it leaves out),
no console errors, and article text that cannot break the page (issues 13 and 15).

Runs where Debian's ``chromium`` (``apt-get install chromium``) and Playwright's Python package (``pip install
playwright``, the ``test`` extra; no browser download: it drives /usr/bin/chromium) are both present; skipped
otherwise, with the reason. The pure-text checks at the end run everywhere.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.test_render import row, seed_table
from timeline.render import to_html

CHROMIUM = os.environ.get("TIMELINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
NASTY = ('</script><script>window.pwned=1</script> <!-- ]]> "quotes" \'single\' & &amp; '
         '<img src=x onerror="window.pwned=2"> \u2028 end')


def nasty_table():
    import pandas as pd
    t = seed_table()
    t.loc[3, "headline"] = NASTY
    t.loc[3, "event_text"] = NASTY + " (the sentence)"
    t.loc[4, "source_title"] = NASTY
    t = pd.concat([t, pd.DataFrame([row("2015-10-28", "2015-10-28", "day", "Talks " + NASTY, title=NASTY)])],
                  ignore_index=True)
    return t.sort_values("start", kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); CI machines have none unless installed")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed "
                                                                 "(pip install playwright; no browser download)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def open_page(browser, tmp_path, html, width):
    path = tmp_path / f"page{width}.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    return page, errors


def tab_order(page, n):
    """The element focused after each of ``n`` Tab presses: (tag, data-ev or text)."""
    seen = []
    for _ in range(n):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("(() => {const a = document.activeElement; return [a.tagName.toLowerCase(), "
                                  "a.getAttribute('data-ev') || a.textContent.slice(0, 40)]})()"))
    return seen


def test_at_1280_px_the_chart_has_one_tab_stop_per_event_in_date_order_and_esc_closes(browser, tmp_path):
    table = seed_table()
    page, errors = open_page(browser, tmp_path, to_html(table), 1280)
    assert page.is_visible(".chart svg") and not page.is_visible(".list")
    order = tab_order(page, len(table) + 1)
    assert [ev for _, ev in order[:len(table)]] == [f"ev{k}" for k in range(len(table))]
    assert order[len(table)][0] == "summary"                     # then the table, nothing else in between
    page.keyboard.press("Shift+Tab")                             # back to the last event: its details show
    assert page.is_visible("#tip") and "Nov. 12, 2015" in page.inner_text("#tip")
    page.keyboard.press("Escape")
    assert not page.is_visible("#tip")
    page.focus('[data-ev="ev3"][tabindex]')
    assert page.is_visible("#tip") and "Oct. 23" in page.inner_text("#tip")
    page.keyboard.press("Escape")
    assert not page.is_visible("#tip")
    assert errors == []


def test_at_390_px_the_page_is_one_readable_column(browser, tmp_path):
    table = seed_table()
    page, errors = open_page(browser, tmp_path, to_html(table), 390)
    assert not page.is_visible(".chart") and page.is_visible(".list")
    sizes = page.evaluate("Array.from(document.querySelectorAll('.list li, .list li span')).map("
                          "e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 13
    assert page.evaluate("document.documentElement.scrollWidth") <= 390        # no sideways scrolling
    lefts = page.evaluate("Array.from(document.querySelectorAll('.list li')).map(e => e.getBoundingClientRect().left)")
    assert len(set(lefts)) == 1                                                # one column
    order = tab_order(page, len(table))
    dates = [d for _, d in order]
    assert all(tag == "li" for tag, _ in order)
    assert dates[0].startswith("2011") and "Nov. 12" in dates[-1]
    assert errors == []


def test_the_table_lists_every_event_or_says_how_many_it_leaves_out(browser, tmp_path):
    from tests.test_render import month_table
    table = month_table(75)
    page, errors = open_page(browser, tmp_path, to_html(table, max_events=20), 1280)
    page.click("summary")
    assert page.locator("details tbody tr").count() == 75
    assert "not listed" not in page.inner_text("details")
    import timeline.render as render
    old = render.MAX_TABLE_ROWS
    render.MAX_TABLE_ROWS = 50
    try:
        page, errors = open_page(browser, tmp_path, to_html(table, max_events=20), 1280)
    finally:
        render.MAX_TABLE_ROWS = old
    page.click("summary")
    assert page.locator("details tbody tr").count() == 50
    assert "+25 more events not listed here" in page.inner_text("details")
    assert errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_article_text_cannot_break_the_page(browser, tmp_path, width):
    page, errors = open_page(browser, tmp_path, to_html(nasty_table()), width)
    assert page.evaluate("window.pwned === undefined")
    assert page.locator("img").count() == 0 and page.locator("script").count() == 2
    shown = page.inner_text("body")
    assert "</script><script>window.pwned=1</script>" in shown.replace("\n", " ") or width == 1280
    page.click("summary")
    assert NASTY.split(" \u2028")[0] in page.inner_text("details tbody")
    if width == 1280:                                  # the details of the nasty event, as text
        ev = page.evaluate("JSON.parse(document.getElementById('events').textContent)"
                           ".find(e => e.headline.indexOf('pwned') >= 0).id")
        page.focus(f'[data-ev="{ev}"][tabindex]')
        assert "onerror" in page.inner_text("#tip") and page.locator("#tip img").count() == 0
    assert errors == []


def test_screenshots_at_390_and_1280_px(browser, tmp_path):
    """Screenshots of the seed's page, full length; into ``TIMELINE_SCREENSHOTS`` when set (docs/ for the README:
    a person looks at them), else a temporary folder."""
    from PIL import Image

    from timeline.render import read_events_csv
    out = Path(os.environ.get("TIMELINE_SCREENSHOTS") or tmp_path)
    seed = Path(__file__).resolve().parents[1] / "output" / "events.csv"
    table = read_events_csv(seed) if seed.is_file() else seed_table()
    for width in (390, 1280):
        page, errors = open_page(browser, tmp_path, to_html(table), width)
        if width == 1280:
            page.focus('[data-ev="ev3"][tabindex]')
        page.screenshot(path=str(out / f"page-{width}.png"), full_page=True)
        assert errors == []
        with Image.open(out / f"page-{width}.png") as im:
            assert im.width == width and im.height >= 600


# ---------------------------------------------------------------------------------------------------------
# the same, as text (no browser needed)

def test_the_json_block_cannot_end_the_script_element():
    page = to_html(nasty_table())
    data = re.search(r'<script type="application/json" id="events">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data and "&" not in data and "\u2028" not in data
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "<img" not in page and "<!-- ]]>" not in page
    assert "&lt;img src=x onerror=" in page
