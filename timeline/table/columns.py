"""The event table: one row per event, typed columns, documented once here.

``COLUMNS`` is the single source of truth for the canonical table: its order is the CSV's column order, its
dtypes are the DataFrame's, and its descriptions are what the README documents (a test keeps them in step).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str          # a pandas dtype name
    doc: str
    free_text: bool = False     # text from the articles: neutralised against formula injection in CSV exports


COLUMNS: tuple[Column, ...] = (
    Column("event_id", "string", "Stable identifier of the event within this table (`e1`, `e2`, ... in table order)."),
    Column("start", "string", "First day the event covers, full ISO date `YYYY-MM-DD` (empty for an open start: `until Dec. 31`, or an event-anchored `since ...` with no dated mention to link to). Rows are ordered by `start` (by `end` for an open start)."),
    Column("end", "string", "Last day the event covers, full ISO date `YYYY-MM-DD` (month precision: the month's last day)."),
    Column("precision", "string", "Granularity of `start`: `day`, `week`, `month`, `season`, `quarter`, `half`, `year`, `decade`, `century`, `time` (empty for an open start)."),
    Column("end_precision", "string", "Granularity of `end` (differs from `precision` for intervals such as `since 2011`)."),
    Column("timex_type", "string", "TIMEX3 type of the dating expression: `DATE` or `TIME` (empty for the publication event)."),
    Column("timex_value", "string", "TIMEX3 value as normalized (`2015-10`, `2015-11-11`, `2011`)."),
    Column("mod", "string", "TIMEX3 modifier: `START`, `MID`, `END`, `APPROX`, `BEFORE`, `AFTER`, ... (empty if none)."),
    Column("edtf", "string", "The date in Extended Date/Time Format (`2015-10`, `2011/2015-11-12`, `2015-10~` approximate, `../1998-12-31` open start, `2015-23` autumn, `2015-33` first quarter, `199X` decade, `18XX` century)."),
    Column("phrase", "string", "The temporal expression as written in the text (`(publication)` for the publication event).", free_text=True),
    Column("phrase_start", "Int64", "Character offset of the phrase in the source document's text."),
    Column("phrase_end", "Int64", "Character offset just past the phrase."),
    Column("headline", "string", "A few words summarizing the event, for chart labels and TimelineJS.", free_text=True),
    Column("event_text", "string", "The sentence or clause the expression dates.", free_text=True),
    Column("kind", "string", "`mention` (dated by an expression), `interval` (from/since/until ...), or `publication` (the article itself)."),
    Column("anchor", "string", "How the event is dated: `timex` (by an expression of its own clause), `dct` (the publication day: the main event of a news sentence in the present perfect, or the article itself), `sentence` (the dateline or the date of an earlier sentence), `event` (through another dated event: `since the beginning of the war`, `a week after the merger`), `coreference` (the same happening dated in another article of the batch), `none` (undated; only with `--events all`)."),
    Column("trigger", "string", "The event word as written (`killed`, `offensive`), the main event mention of the row's clause (TimeML); empty when none was found.", free_text=True),
    Column("trigger_start", "Int64", "Character offset of the trigger in the source document's text."),
    Column("trigger_end", "Int64", "Character offset just past the trigger."),
    Column("event_class", "string", "TimeML class of the trigger: `OCCURRENCE`, `REPORTING`, `STATE`, `I_ACTION`, `I_STATE`, `ASPECTUAL`, `PERCEPTION` (empty for no trigger)."),
    Column("flags", "string", "Guesses made, `;`-separated: `year_inferred`, `direction_from_tense`, `ambiguous_order`, `approximate`, `open_start`, `inferred`."),
    Column("source_path", "string", "Path of the source document (as given on the command line); `;`-separated when merged.", free_text=True),
    Column("source_title", "string", "Title of the source document (of the earliest published source when merged; `merge_note` names every source).", free_text=True),
    Column("published", "string", "Publication date and time of the source document (ISO 8601; of the earliest published source when merged)."),
    Column("sources_count", "Int64", "Number of source documents that report this event (1 unless merged)."),
    Column("merge_note", "string", "Why mentions were merged into this event (empty if not merged).", free_text=True),
    Column("qualifiers", "string", "Expressions in the event's clause that qualify it without dating it (durations, sets, vague references), `;`-separated as `text=VALUE` (`six months=P6M`).", free_text=True),
    Column("participants", "string", "The entities taking part in the event (its subject, its objects, the names in its clause), `;`-separated, each by the name its article knows it by: `General Motors` for \"General Motors (GM)\", \"GM\", \"the carmaker\" and \"it\" (of the earliest source when merged).", free_text=True),
    Column("entity", "string", "With `--about`: the entities asked for that take part in the event, as asked, `;`-separated (empty without `--about`)."),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
DTYPES: dict[str, str] = {c.name: c.dtype for c in COLUMNS}
FREE_TEXT: frozenset[str] = frozenset(c.name for c in COLUMNS if c.free_text)
