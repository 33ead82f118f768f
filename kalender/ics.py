"""A feed's calendar (RFC 5545): one event per operation, with what its reader may see.

An event carries the reference and title, the time, the status, the LPOs and a link to the
operation's page; never objects, addresses or the meeting place. Exact times need the right to
see an operation's details; without it the event covers the operation's days. Each operation
keeps its ``uid``; its ``SEQUENCE`` is the operation's version, which every change raises. A
cancelled, rescheduled or rejected operation stays in the feed as cancelled; a rescheduled one's
successor is an operation of its own, with its own event.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from insatser.models import Insats
from insatser.workflow import AVSLUTADE, InsatsStatus
from kalender import selectors
from kalender.models import Kalenderflode
from karna import kalender as kal
from karna.mellanlager import hamta_eller_bygg

PRODUKT = "Insatser"
# What the feed asks calendar apps for; many refresh far less often (docs).
UPPDATERING = timedelta(hours=1)


def _status(insats: Insats) -> str:
    if insats.status in AVSLUTADE:
        return "CANCELLED"
    if insats.status == InsatsStatus.FORESLAGEN:
        return "TENTATIVE"
    return "CONFIRMED"


def _tid(insats: Insats) -> tuple:
    if insats.visa_detaljer:
        return insats.start.astimezone(UTC), insats.slut.astimezone(UTC)
    # Whole days: the first and the day after the last, in the operations' time zone.
    return timezone.localdate(insats.start), timezone.localdate(insats.slut) + timedelta(days=1)


# What ``handelse`` reads of the operation's own row; a change of its LPOs raises its version.
FALT_I_HANDELSEN = (
    "pk",
    "version",
    "andrad",
    "referens",
    "titel",
    "status",
    "start",
    "slut",
    "visa_detaljer",
    "samordnande_organisation_id",
)


def handelse(insats: Insats):
    from icalendar import Event

    lank = settings.SITE_URL.rstrip("/") + reverse("insats", args=[insats.pk])
    lpoer = ", ".join(sorted(lpo.namn for lpo in insats.lpoer.all()))
    status = insats.get_status_display()
    start, slut = _tid(insats)
    rubrik = f"{insats.referens} {insats.titel}"
    if insats.status in AVSLUTADE:
        rubrik = f"{status}: {rubrik}"
    rader = [
        _("Status: %(status)s") % {"status": status},
        _("Samordnas av: %(organisation)s") % {"organisation": insats.samordnande_organisation},
    ]
    if lpoer:
        rader.append(_("Lokalpolisområden: %(lpoer)s") % {"lpoer": lpoer})
    if not insats.visa_detaljer:
        rader.append(_("Exakt tid visas på insatsens sida för dem som ser detaljerna."))
    rader.append(lank)
    e = Event()
    e.add("uid", kal.uid(f"insats-{insats.pk}"))
    e.add("sequence", insats.version)
    e.add("dtstamp", insats.andrad.astimezone(UTC))
    e.add("last-modified", insats.andrad.astimezone(UTC))
    e.add("dtstart", start)
    e.add("dtend", slut)
    e.add("summary", rubrik)
    e.add("status", _status(insats))
    if lpoer:
        e.add("location", lpoer)
    e.add("description", "\n".join(rader))
    e.add("url", lank)
    return e


def flodets_kalender(flode: Kalenderflode, insatser) -> bytes:
    if flode.ar_personligt:
        namn = _("Saminsats: mina insatser")
    else:
        namn = _("Saminsats: insatser för %(organisation)s") % {"organisation": flode.organisation}
    kalender = kal.kalender(namn, PRODUKT, uppdatering=UPPDATERING)
    for insats in insatser:
        kalender.add_component(handelse(insats))
    return kalender.to_ical()


def flodets_innehall(flode: Kalenderflode) -> bytes:
    """The feed's calendar, kept in the cache under a fingerprint of what it shows: which
    operations, with every field of theirs an event carries. Calendar apps poll; a poll that
    finds nothing changed reads those columns instead of building every event. The names of
    organisations and LPOs, kept elsewhere, show changes within ``UPPDATERING``."""
    rader = list(selectors.flodets_insatser(flode).values_list(*FALT_I_HANDELSEN))
    fingeravtryck = hashlib.sha256(repr((get_language(), rader)).encode()).hexdigest()
    return hamta_eller_bygg(
        f"kalenderflode:{flode.token_hash}:{fingeravtryck}",
        lambda: flodets_kalender(flode, selectors.flodets_insatser(flode)),
        int(UPPDATERING.total_seconds()),
    )
