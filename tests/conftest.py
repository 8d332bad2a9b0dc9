"""Every test runs in one time zone and one locale, whatever the machine's: no result may depend on them.

Tests that check exactly that (tests/test_determinism.py) set their own TZ and locale in the child processes
they start.
"""
from __future__ import annotations

import locale
import os
import time

import pytest

PINNED_TZ = "UTC"
PINNED_LOCALE = "C.UTF-8"


@pytest.fixture(autouse=True, scope="session")
def pinned_time_zone_and_locale():
    saved = {k: os.environ.get(k) for k in ("TZ", "LC_ALL")}
    os.environ["TZ"], os.environ["LC_ALL"] = PINNED_TZ, PINNED_LOCALE
    time.tzset()
    try:
        locale.setlocale(locale.LC_ALL, PINNED_LOCALE)
    except locale.Error:                # a machine without C.UTF-8: the C locale is as fixed
        locale.setlocale(locale.LC_ALL, "C")
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    time.tzset()
