"""URL path converters."""

from __future__ import annotations

import datetime


class IsoDateConverter:
    """A date written YYYY-MM-DD (2025-01-24); a well-formed non-date (2025-02-30) matches no URL: 404."""

    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)  # ValueError: the URL does not match

    def to_url(self, value: datetime.date | str) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else value
