"""The events stage: from a document and its resolved expressions to its dated happenings (Event rows).

- :mod:`~timeline.events.extract`: :func:`~timeline.events.extract.extract_events`, the stage's entry point;
- :mod:`~timeline.events.intervals`: one or two expressions with their signals -> points and intervals;
- :mod:`~timeline.events.dates`: a TIMEX3 value -> the days it covers, its precision, its EDTF form;
- :mod:`~timeline.events.text`: the one interface to the text (sentences, clauses, subjects, headlines), done
  by rule in :mod:`~timeline.events.sentences` and :mod:`~timeline.events.headline`; a parser replaces it there;
- :mod:`~timeline.events.words` and :mod:`~timeline.events.signals`: a language's words (``lang/<code>/events_*``)
  and the patterns built from them, once per language.
"""
