"""Cached pages whose keys cannot go stale: a version per office, changed by every write that changes its pages.

A page part that is costly to draw and read far more often than it changes (a director's status table) is
kept in the shared cache under its own key (who, which language, which filters, which day) together with
the version of its office at the time it was drawn. `cached` draws it again whenever the office's version
has moved on since; `office_changed` moves it on, and every write path that changes what such a page shows
calls it (the renewal refresh in `qualification.renewal` does for every change of standing).

A version is a fresh random token, never a counter: a cache that lost it (culled, restarted, emptied) starts
a new one and so can never bring an old page back. It is replaced twice: at once, so that a cache outside the
database (Redis, memcached) stops serving the old page while the change is being written, and again after
the commit, so that a page drawn from the old rows in between is dropped too. With the database cache the
first write belongs to the writer's transaction and the second is merely redundant.

The cache is settings.CACHES["default"], shared by every worker process and server: the database today,
Redis or memcached when several servers share the load (README, "Configuration").
"""

import hashlib
import uuid
import zlib

from django.core.cache import cache
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe

# A write that does not pass through `office_changed` (a shell, the administration of anything but offices,
# schools and staff) shows within this time;
# every key names its day as well, so nothing outlives the day it was drawn for.
PAGE_SECONDS = 3600


def _version_key(office_id):
    return f"office-version:{office_id}"


def _new_versions(office_ids):
    cache.set_many({_version_key(office_id): uuid.uuid4().hex for office_id in office_ids}, timeout=None)


# The version of what every office shows together (a site administrator's pages): renewed with any office's.
EVERY_OFFICE = "all"


def office_changed(office_ids):
    """What the pages of these offices show has changed: their cached parts are drawn again on the next read,
    and so are the parts drawn over every office."""
    office_ids = {office_id for office_id in office_ids if office_id is not None}
    if office_ids:
        office_ids.add(EVERY_OFFICE)
        _new_versions(office_ids)
        transaction.on_commit(lambda: _new_versions(office_ids))


def page_key(name, office_id, *parts):
    """A cache key for one part of one page: its name, its office and everything else it depends on."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:40]
    return f"{name}:{office_id}:{digest}"


def _started(version_key):
    """A version for an office that has none in the cache (never seen, or culled): a new one, or a rival's."""
    cache.add(version_key, uuid.uuid4().hex, timeout=None)
    return cache.get(version_key)


def current_version(office_id):
    version_key = _version_key(office_id)
    return cache.get(version_key) or _started(version_key)


def cached(key, office_id, draw):
    """`draw()`, or what it returned for the office's current version (one round trip to the cache to know)."""
    version_key = _version_key(office_id)
    found = cache.get_many([version_key, key])
    version = found.get(version_key) or _started(version_key)
    entry = found.get(key)
    if entry is not None and version is not None and len(entry) == 3 and entry[0] == version:
        return _unpacked(entry)
    value = draw()
    if version is not None:
        cache.set(key, _packed(version, value), timeout=PAGE_SECONDS)
    return value


def _packed(version, value):
    """What the cache keeps: markup compressed, anything else as it is.

    A director's status table is 30 KB of markup and 5 KB compressed; the database cache writes and reads an
    entry whole (base64 of a pickle), which on PostgreSQL took 1.6 ms to store and 0.4 ms to read, against
    1.0 and 0.2 ms compressed (the compression itself: 0.1 ms)."""
    if isinstance(value, SafeString):
        return (version, True, zlib.compress(value.encode(), 1))
    return (version, False, value)


def _unpacked(entry):
    _version, compressed, value = entry
    return mark_safe(zlib.decompress(value).decode()) if compressed else value


def cached_for(scope, name, draw, *parts):
    """`cached` for a part of a page drawn for a reader's scope (role, office, school, person) and `parts`
    (language, day, filters). A scope over every office is kept under the version of every office together;
    a scope over none draws it every time."""
    office_id = EVERY_OFFICE if scope.everything else scope.office_id
    if office_id is None:
        return draw()
    key = page_key(name, office_id, scope.role, scope.school_id, scope.staff_id, *parts)
    return cached(key, office_id, draw)
