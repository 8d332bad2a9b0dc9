"""The one function that decides past or future from the clause: a table of cases."""
from __future__ import annotations

import pytest

from timeline.tagger.tense import direction, past_or_future

TABLE = [
    # (sentence with the expression in [brackets], expected direction: -1 past, 1 future, None silent)
    ("The agency said on [Wednesday] that four were killed.", -1),
    ("He will arrive on [Friday].", 1),
    ("The meeting is scheduled to begin [Friday].", 1),
    ("Officials are expected to meet [Tuesday].", 1),
    ("Talks resume next month, on [Oct. 23].", 1),
    ("The group planned to leave on [Monday].", 1),
    ("He'll be back by [Friday].", 1),
    ("Officials met [Friday] in Vienna.", -1),
    ("He had quoted the general on [Oct. 23].", -1),
    ("Iran is serious; [Friday] looms.", None),
    ("He said on [Friday] that sales fell.", -1),
    ("Prices rose between [January] and March.", -1),
    ("The dividend is payable [Dec. 1].", 1),
    ("The increased dividend will be paid [Dec. 14] to holders.", 1),
    ("The official said the accession was planned for early [March].", 1),
    ("It had been rejected on [Friday].", -1),
    ("It had been set to expire [Nov. 6].", 1),
    ("He was told the stock would have been sold by [Friday].", -1),
    ("``He will leave [Thursday],'' Castro said.", 1),
    ("It will be paid on a still unspecified date in [January].", 1),
    ("Shares tendered by holders will be bought through [Nov. 17].", 1),
    ("Until [Thursday], they had not called him a suspect.", -1),
    ("Officials postponed until [Tuesday] any action.", 1),
    ("Mr. Smith said Sen. Jones will vote on [Friday].", 1),
]


@pytest.mark.parametrize("sentence,expected", TABLE, ids=[t[0][:40] for t in TABLE])
def test_direction(sentence, expected):
    start = sentence.index("[")
    end = sentence.index("]") - 1
    text = sentence.replace("[", "").replace("]", "")
    assert direction(text, start, end) == expected


def test_past_is_the_default_in_news():
    assert past_or_future("On Friday.", 3, 9) == (-1, False)


def test_a_marker_in_another_sentence_does_not_count():
    text = "He will come back. On Friday the office was closed."
    start = text.index("Friday")
    assert direction(text, start, start + 6) == -1
