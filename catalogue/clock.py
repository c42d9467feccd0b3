"""The reference day for "is this in the future / expired?" checks.

Honours SOURCE_DATE_EPOCH (reproducible-builds.org) so a build can be repeated byte for byte
on another day; otherwise it is today's date in Indonesia's western time zone (WIB, UTC+7),
where the catalogue's data is checked.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7))


def today() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), WIB).date()
    return datetime.now(WIB).date()
