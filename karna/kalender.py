"""Calendar subscriptions, shared by the annual wheel's feed and the operations' feeds.

Calendar apps cannot log in, so a subscription is a secret address, kept only as its hash
(``karna.hemligheter``): the address is shown when it is made and cannot be read back; a new
secret replaces the hash, so the old address stops working at once.

The calendars themselves (RFC 5545) start from ``kalender``; an event of one kind of object keeps
one ``uid`` for as long as the object exists, whichever calendar carries it.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings


def uid(lokal: str) -> str:
    """A globally unique, stable event id: ``<lokal>@<KALENDER_UID_DOMAN>``."""
    return f"{lokal}@{settings.KALENDER_UID_DOMAN}"


def kalender(namn: str, produkt: str, *, uppdatering: timedelta | None = None):
    """An empty calendar named ``namn``. ``uppdatering`` makes it a published feed
    (``METHOD:PUBLISH``) and asks apps to refresh that often; many refresh far less often
    whatever they are told."""
    from icalendar import Calendar, vDuration

    kal = Calendar()
    kal.add("prodid", f"-//Saminsats//{produkt}//SV")
    kal.add("version", "2.0")
    kal.add("calscale", "GREGORIAN")
    kal.add("x-wr-calname", namn)
    if uppdatering is not None:
        kal.add("method", "PUBLISH")
        kal.add("refresh-interval", uppdatering, parameters={"VALUE": "DURATION"})
        kal.add("x-published-ttl", vDuration(uppdatering))
    return kal
