"""The interactive page: the chart's SVG inline, with hover (and keyboard focus) details per event; on a narrow
screen (a phone, 390 px) the same events as one column of date and headline, the common print form.

One file, nothing fetched: the SVG, the CSS and a few lines of JavaScript are all inline, and the page carries no
URL at all (XML namespace declarations are dropped: an SVG inside HTML does not need them). Article text reaches
the page escaped for where it lands: HTML text (``html.escape``), the JSON data block (every ``<``, ``>`` and
``&`` as a ``\\u`` escape, so no ``</script>`` or ``<!--`` can end or open markup), the SVG (matplotlib escapes).

Keyboard: one tab stop per event, in date order (the chart's date line of each event, or its list item on a
narrow screen); focus shows the details, Esc hides them.
"""
from __future__ import annotations

import html
import json
import re

from timeline.lang.words import load

NARROW = 720            # px: below it the page shows the list instead of the chart

CSS = """
*{box-sizing:border-box}
body{margin:0;padding:24px;font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;background:%(bg)s;color:%(fg)s;
font-size:16px;line-height:1.45}
.chart{max-width:1200px;margin:0 auto;position:relative}
.chart svg{width:100%%;height:auto;display:block}
.chart [data-ev]{cursor:pointer}
.chart [data-ev]:focus{outline:2px solid %(fg)s;outline-offset:2px}
#tip{position:absolute;display:none;max-width:360px;padding:10px 12px;border-radius:4px;font-size:14px;
line-height:1.4;background:%(tipbg)s;color:%(tipfg)s;box-shadow:0 2px 8px rgba(0,0,0,.25);pointer-events:none}
#tip b{display:block;margin-bottom:4px}
#tip .src{margin-top:6px;font-size:12px;opacity:.8}
.list{display:none;max-width:640px;margin:0 auto}
.list h1{font-size:24px;line-height:1.25;margin:0 0 16px}
.list ol{list-style:none;margin:0;padding:0;border-left:2px solid %(rule)s}
.list li{margin:0 0 14px;padding:0 0 0 14px;position:relative}
.list li:before{content:"";position:absolute;left:-7px;top:6px;width:12px;height:12px;border-radius:50%%;
background:%(accent)s}
.list li:focus{outline:2px solid %(fg)s;outline-offset:2px}
.list .d{display:block;font-weight:bold;color:%(accent)s;font-size:15px}
.list .t{display:block;font-size:14px;opacity:.85;margin-top:2px}
.list .s{display:block;font-size:13px;opacity:.7;margin-top:2px}
details{max-width:1200px;margin:16px auto;padding:0 4%%;font-size:14px}
table{border-collapse:collapse;width:100%%}td,th{text-align:left;vertical-align:top;padding:4px 8px;
border-top:1px solid %(rule)s}
.more{margin:8px 0}
@media (max-width:%(narrow)spx){body{padding:16px}.chart{display:none}.list{display:block}details{padding:0}
table,tbody,tr,td{display:block}thead{display:none}td{border:0;padding:0 0 2px}tr{border-top:1px solid %(rule)s;
padding:6px 0}}
"""

JS = """
(function(){
var data=JSON.parse(document.getElementById('events').textContent);
var byId={};data.forEach(function(e){byId[e.id]=e;});
var tip=document.getElementById('tip'),box=document.querySelector('.chart');
function esc(s){var d=document.createElement('div');d.textContent=s||'';return d.innerHTML;}
function show(ev,el){var e=byId[ev];if(!e)return;
 var h=(e.headline||'').replace(/\\s*…$/,''),said=e.text&&e.text.indexOf(h)>=0;
 tip.innerHTML='<b>'+esc(e.date)+'</b>'+(said?'':esc(e.headline))+(e.text&&e.text!==e.headline?'<div>'+esc(e.text)+'</div>':'')
  +(e.source?'<div class="src">%(source)s'+esc(e.source)%(source_after)s+(e.published?' ('+esc(e.published)+')':'')+'</div>':'');
 tip.style.display='block';
 var r=el.getBoundingClientRect(),b=box.getBoundingClientRect();
 var x=r.left-b.left+r.width/2,y=r.bottom-b.top+8;
 x=Math.max(0,Math.min(x-tip.offsetWidth/2,b.width-tip.offsetWidth));
 tip.style.left=x+'px';tip.style.top=y+'px';}
function hide(){tip.style.display='none';}
document.querySelectorAll('.chart svg [id]').forEach(function(el){
 var m=/^(ev\\d+)-/.exec(el.id);if(!m)return;
 el.setAttribute('data-ev',m[1]);
 if(el.id===m[1]+'-date'){el.setAttribute('tabindex','0');el.setAttribute('role','button');
  el.setAttribute('aria-label',(byId[m[1]]||{}).date+': '+(byId[m[1]]||{}).headline);
  el.addEventListener('focus',function(){show(m[1],el);});el.addEventListener('blur',hide);}
 el.addEventListener('mouseenter',function(){show(m[1],el);});
 el.addEventListener('mouseleave',hide);});
document.addEventListener('keydown',function(k){if(k.key==='Escape'||k.key==='Esc')hide();});
})();
"""


def _js(text: str) -> str:
    """``text`` inside a single-quoted JavaScript string in a <script> element."""
    return text.replace("\\", "\\\\").replace("'", "\\'").replace("</", "<\\/")


def _json(value) -> str:
    """JSON safe inside a <script> element whatever the text: no ``<``, ``>``, ``&`` or line separator."""
    text = json.dumps(value, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _inline_svg(svg: str) -> str:
    """The <svg> element alone, responsive, with no XML prolog, doctype, metadata or namespace URLs."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = re.sub(r'(<svg[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", svg, count=1)
    return svg


def page(svg: str, events: list[dict], *, title: str, background: str, dark: bool = False, words=None,
         lang: str = "en", rows: list[dict] | None = None, left_out: tuple[int, int] = (0, 0),
         accent: str = "#0072B2") -> str:
    """The page: ``svg`` inline, ``events`` (the chart's hover details) as JSON and as the narrow screen's list,
    ``rows`` (default: ``events``; dicts of date, headline, source) as the table, which says how many events
    (``left_out``: dated, undated) it does not list; in the language ``lang`` whose ``words``
    (:class:`timeline.lang.words.Words`) it says."""
    words = words or load(lang)
    e = html.escape
    colors = dict(bg=background, fg="#f1f1f1" if dark else "#1b1b1b", tipbg="#f1f1f1" if dark else "#1b1b1b",
                  tipfg="#1b1b1b" if dark else "#ffffff", rule="#3a3f46" if dark else "#d9d9d9", accent=accent,
                  narrow=NARROW)
    before, after = (_js(e(part)) for part in words.text("html.source", source="\0").split("\0"))
    said = dict(source=before, source_after=f"+'{after}'" if after else "")

    def say(key: str) -> str:
        return e(words.get(key))

    def cell(value) -> str:
        return e(str(value or ""))

    many = len({ev.get("source") for ev in events}) > 1         # one article: its name is the title already
    items = "\n".join(
        f"<li tabindex=\"0\"><span class=\"d\">{cell(ev['date'])}</span>{cell(ev['headline'])}"
        + (f"<span class=\"t\">{cell(ev.get('text'))}</span>" if ev.get("text") and ev.get("text") != ev["headline"]
           else "")
        + (f"<span class=\"s\">{cell(ev.get('source'))}</span>" if ev.get("source") and many else "") + "</li>"
        for ev in events)
    table = "\n".join(f"<tr><td>{cell(r['date'])}</td><td>{cell(r['headline'])}</td><td>{cell(r.get('source'))}"
                      "</td></tr>" for r in (events if rows is None else rows))
    more = [words.text("html.more", count=n, n=n) if key == "more" else words.text("html.undated", count=n, n=n)
            for key, n in zip(("more", "undated"), left_out) if n]
    more_html = f"<p class=\"more\">{e(' · '.join(more))}</p>\n" if more else ""
    return (
        f"<!DOCTYPE html>\n<html lang=\"{e(lang)}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{e(title)}</title>\n<style>{CSS % colors}</style>\n</head>\n<body>\n"
        f"<div class=\"chart\">\n{_inline_svg(svg)}\n<div id=\"tip\" role=\"tooltip\"></div>\n"
        "</div>\n"
        f"<section class=\"list\"><h1>{e(title)}</h1>\n<ol aria-label=\"{say('html.events')}\">\n{items}\n</ol>"
        "</section>\n"
        f"<details><summary>{say('html.table')}</summary>\n{more_html}<table><thead><tr><th>{say('html.date')}</th>"
        f"<th>{say('html.event')}</th><th>{say('html.source_column')}</th></tr></thead>\n<tbody>\n{table}\n"
        f"</tbody></table></details>\n"
        f"<script type=\"application/json\" id=\"events\">{_json(events)}</script>\n<script>{JS % said}"
        "</script>\n</body>\n</html>\n")
