"""A stalled project's last activity in words, as its region's leads read it."""

from datetime import date

import pytest

from projects.presenters.stalled import quiet_for

TODAY = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("last", "words"),
    [
        (date(2026, 12, 4), "today, 4 December 2026"),
        (date(2026, 12, 3), "1 day ago, on 3 December 2026"),
        (date(2026, 11, 21), "13 days ago, on 21 November 2026"),
        (date(2026, 11, 20), "2 weeks ago, on 20 November 2026"),
        (date(2026, 10, 5), "8 weeks ago, on 5 October 2026"),
        (date(2026, 6, 4), "6 months ago, on 4 June 2026"),
        (date(2026, 6, 5), "5 months ago, on 5 June 2026"),
        (date(2025, 1, 4), "23 months ago, on 4 January 2025"),
        (date(2024, 12, 4), "2 years ago, on 4 December 2024"),
        (date(2017, 3, 31), "9 years ago, on 31 March 2017"),
    ],
)
def test_the_last_activity_reads_as_words(last, words):
    assert quiet_for(last, TODAY) == words
