"""Running the stages over many documents: takes inputs and one :class:`~timeline.pipeline.options.Options`,
gives a :class:`timeline.table.timeline.Timeline`.

- :mod:`~timeline.pipeline.batch`: :func:`~timeline.pipeline.batch.build` and ``build_spilled`` (the library calls
  behind ``timeline build``);
- :mod:`~timeline.pipeline.work`: what one document or chunk goes through (sources -> tagger -> events) and the
  gathering of the results in input order;
- :mod:`~timeline.pipeline.parallel` (worker processes), :mod:`~timeline.pipeline.distributed` (Dask),
  :mod:`~timeline.pipeline.progress` (the progress line), :mod:`~timeline.pipeline.options` (the options).
"""
