"""The recognition rules: regex templates whose words are named slots (``<<name>>``) filled from the language's
data (``lang/<code>/rule_words.tsv`` ...), each with a handler that turns a match into a
:class:`timeline.model.Partial`. :mod:`~.base` holds what the rules share; :mod:`~.calendar`, :mod:`~.clock`,
:mod:`~.periods`, :mod:`~.relative`, :mod:`~.amounts` and :mod:`~.vague` the rules by kind.
"""
