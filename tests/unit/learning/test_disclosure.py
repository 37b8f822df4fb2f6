"""Small counts in the public archive's tables."""

import pytest

from learning.disclosure import is_small, shown_count


@pytest.mark.parametrize("n", [0, 1, 4, 4.0])
def test_counts_below_the_threshold_are_small(n):
    assert is_small(n)
    assert shown_count(n) == "fewer than 5"


@pytest.mark.parametrize(("n", "shown"), [(5, "5"), (12, "12"), (1250, "1,250"), (2439.0, "2,439")])
def test_counts_at_or_above_the_threshold_are_shown_with_separators(n, shown):
    assert not is_small(n)
    assert shown_count(n) == shown


def test_a_fractional_count_keeps_its_decimals():
    assert shown_count(1234.5) == "1,234.5"


def test_the_threshold_comes_from_the_settings(settings):
    settings.PUBLIC_SMALL_COUNT_THRESHOLD = 10
    assert shown_count(9) == "fewer than 10"
    assert shown_count(10) == "10"


def test_no_count_is_not_small():
    assert not is_small(None)
