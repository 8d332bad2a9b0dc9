"""The regex machinery of the tagger: takes a text and the compiled rules, gives where each rule may match.

:mod:`~.triggers` finds every rule's trigger words in one pass and runs each rule only in windows around them;
:mod:`~.reach` bounds how far a pattern can reach from its trigger; :mod:`~.regexes` builds the fast pattern
shapes (word lists as prefix trees, first-character lookaheads).
"""
