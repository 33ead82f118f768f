"""Template filters for generated files."""

from django import template

from karna.lagring import disken_full as _disken_full

register = template.Library()


@register.filter
def disken_full(fel: str | None) -> bool:
    """Whether a build waits because the disk for generated files is full."""
    return _disken_full(fel or "")
