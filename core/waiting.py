"""One line of a home's "Waiting for you" panel: a count with a link to exactly the rows it counts.

Each domain app says what waits in its own `panels.py`; `home.waiting` gathers them per role. The count comes
from the same queryset (or filter) as the list behind the link, so the two cannot disagree.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse


@dataclass
class Item:
    label: str
    count: int
    url: str
    detail: str = ""


def link(name, *args, **query):
    """The URL of a named page with its filter in the query string."""
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url
