"""The event table: takes each document's :class:`timeline.model.Event` s, gives the ordered, merged table.

- :mod:`~timeline.table.columns`: the columns, their dtypes and meanings, declared once;
- :mod:`~timeline.table.rows`: events to typed rows;
- :mod:`~timeline.table.merge` and :mod:`~timeline.table.order`: the merge rule (one happening reported by several
  documents) and the order of the rows;
- :mod:`~timeline.table.spill`: the one engine (SQLite on disk) that merges and orders every build's rows
  (:mod:`~timeline.table.room`: a full disk said as such);
- :mod:`~timeline.table.timeline`: :class:`~timeline.table.timeline.Timeline`, the result of a build.
"""
