"""The interactive page: the chart's SVG inline, with hover (and keyboard focus) details per event.

One file, nothing fetched: the SVG, the CSS and a few lines of JavaScript are all inline, and the page carries no
URL at all (XML namespace declarations are dropped: an SVG inside HTML does not need them).
"""
from __future__ import annotations

import html
import json
import re

from timeline.lang.words import load

CSS = """
body{margin:0;padding:24px;font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;background:%(bg)s;color:%(fg)s}
.chart{max-width:1200px;margin:0 auto;position:relative}
.chart svg{width:100%%;height:auto;display:block}
.chart [data-ev]{cursor:pointer}
.chart [data-ev]:focus{outline:2px solid %(fg)s;outline-offset:2px}
#tip{position:absolute;display:none;max-width:360px;padding:10px 12px;border-radius:4px;font-size:14px;
line-height:1.4;background:%(tipbg)s;color:%(tipfg)s;box-shadow:0 2px 8px rgba(0,0,0,.25);pointer-events:none}
#tip b{display:block;margin-bottom:4px}
#tip .src{margin-top:6px;font-size:12px;opacity:.8}
details{max-width:1200px;margin:16px auto;padding:0 4%%;box-sizing:border-box;font-size:14px}
table{border-collapse:collapse}td,th{text-align:left;vertical-align:top;padding:4px 8px;border-top:1px solid %(rule)s}
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
 el.setAttribute('data-ev',m[1]);el.setAttribute('tabindex','0');
 el.addEventListener('mouseenter',function(){show(m[1],el);});
 el.addEventListener('focus',function(){show(m[1],el);});
 el.addEventListener('mouseleave',hide);el.addEventListener('blur',hide);});
})();
"""


def _js(text: str) -> str:
    """``text`` inside a single-quoted JavaScript string in a <script> element."""
    return text.replace("\\", "\\\\").replace("'", "\\'").replace("</", "<\\/")


def _inline_svg(svg: str) -> str:
    """The <svg> element alone, responsive, with no XML prolog, doctype, metadata or namespace URLs."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = re.sub(r'(<svg[^>]*?)\s+width="[^"]*"\s+height="[^"]*"', r"\1", svg, count=1)
    return svg


def page(svg: str, events: list[dict], *, title: str, background: str, dark: bool = False, words=None,
         lang: str = "en") -> str:
    """The page: ``svg`` inline, ``events`` (the chart's hover details) as JSON and as a table, in the language
    ``lang`` whose ``words`` (:class:`timeline.lang.words.Words`) it says."""
    words = words or load(lang)
    colors = dict(bg=background, fg="#f1f1f1" if dark else "#1b1b1b", tipbg="#f1f1f1" if dark else "#1b1b1b",
                  tipfg="#1b1b1b" if dark else "#ffffff", rule="#3a3f46" if dark else "#d9d9d9")
    data = json.dumps(events, ensure_ascii=False).replace("</", "<\\/")
    before, after = (_js(html.escape(part)) for part in words.text("html.source", source="\0").split("\0"))
    said = dict(source=before, source_after=f"+'{after}'" if after else "")
    def say(key: str) -> str:
        return html.escape(words.get(key))

    rows = "\n".join(
        f"<tr><td>{html.escape(e['date'])}</td><td>{html.escape(e['headline'])}</td>"
        f"<td>{html.escape(e.get('source') or '')}</td></tr>" for e in events)
    return (
        f"<!DOCTYPE html>\n<html lang=\"{html.escape(lang)}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{CSS % colors}</style>\n</head>\n<body>\n"
        f"<div class=\"chart\">\n{_inline_svg(svg)}\n<div id=\"tip\" role=\"tooltip\"></div>\n</div>\n"
        f"<details><summary>{say('html.table')}</summary>\n<table><thead><tr><th>{say('html.date')}</th>"
        f"<th>{say('html.event')}</th><th>{say('html.source_column')}</th></tr></thead>\n<tbody>\n{rows}\n"
        f"</tbody></table></details>\n"
        f"<script type=\"application/json\" id=\"events\">{data}</script>\n<script>{JS % said}"
        "</script>\n</body>\n</html>\n")
