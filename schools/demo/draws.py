"""Small draws every demo generator uses, so that the same seed gives the same day everywhere."""

from datetime import timedelta


def random_day(rng, first, last):
    """A day from `first` to `last`, both included (`first` when the range is empty)."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
