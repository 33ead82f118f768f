"""Template filters for lengths of time."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minuter(langd: timedelta | None) -> int:
    """Whole minutes of a length of time, rounded up (a lock of 90 seconds is 2 minutes)."""
    if langd is None:
        return 0
    return -(-int(langd.total_seconds()) // 60)
