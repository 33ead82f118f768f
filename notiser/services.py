"""Notification verbs: the fan-out of a timeline entry, e-mail, marking read, preferences.

The fan-out is idempotent and safe to retry: notifications are unique per (entry, recipient) and
each e-mail is marked sent in the same transaction that holds its row, so running the fan-out
again neither loses nor repeats a notification or an e-mail. E-mail carries no protected data
only the operation's reference, the kind of event and a link to log in.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from insatser.models import Insats, Insatshandelse
from karna.verb import verb
from notiser import access
from notiser.models import Notis, Notisinstallning, Utskick, standard_epostkategorier
from notiser.mottagare import mottagare
from notiser.notistyper import NOTIFIERANDE, NOTISTYPER, Notiskategori

logger = logging.getLogger(__name__)

# An entry or an e-mail still not done after this long is queued again by the sweeper; older
# than the horizon it is no longer news.
EFTERSLAPNING = timedelta(minutes=5)
HORISONT = timedelta(days=2)
TEXTLANGD = Notis._meta.get_field("text").max_length


def notifiera(handelse_pk: int) -> int:
    """Create the entry's notifications and send its e-mails; the number of e-mails sent."""
    handelse = (
        Insatshandelse.objects.select_related(
            "insats__installd_orsak",
            "begaran__lpo",
            "deltagande__organisation",
            "deltagande__enhet",
            "uppgiftsbegaran",
        )
        .filter(pk=handelse_pk)
        .first()
    )
    if handelse is None:  # the operation was deleted since: nobody to tell
        return 0
    skapa_notiser(handelse)
    return skicka_vantande_epost(handelse)


@transaction.atomic
def skapa_notiser(handelse: Insatshandelse) -> None:
    typ = NOTISTYPER.get(handelse.typ)
    if typ is not None:
        text = kort_text(handelse)
        lank = _lank(handelse)
        Notis.objects.bulk_create(
            [
                Notis(
                    mottagare=anvandare,
                    insats_id=handelse.insats_id,
                    handelse=handelse,
                    typ=handelse.typ,
                    kategori=typ.kategori,
                    text=text,
                    lank=lank,
                    skicka_epost=_vill_ha_epost(anvandare, typ.kategori),
                )
                for anvandare in mottagare(handelse).select_related("notisinstallning")
            ],
            ignore_conflicts=True,
        )
    Utskick.objects.get_or_create(handelse=handelse)


def _lank(handelse: Insatshandelse) -> str:
    """A request for information is read on the operation's page of the agencies' information."""
    if handelse.uppgiftsbegaran_id is not None:
        return reverse("myndighetsuppgifter", args=[handelse.insats_id]) + "#begaranden"
    return reverse("insats", args=[handelse.insats_id])


def _vill_ha_epost(anvandare, kategori: str) -> bool:
    installning = getattr(anvandare, "notisinstallning", None)
    valda = installning.epost_kategorier if installning else standard_epostkategorier()
    return bool(anvandare.email) and kategori in valda


# Entries about a staffing request whose timeline text is the reason stated for the withdrawal
# or the change: the coordinators are told why, not only that.
MED_ORSAK = frozenset(
    {"bemanning_aterkallad", "bemanning_hojd", "bemanning_sankt", "bemanning_poliser_andrade"}
)


def kort_text(handelse: Insatshandelse) -> str:
    """What the notification says besides its kind: names of organisations and police areas,
    the cancellation reason category, the reason stated for withdrawing or changing staffing
    (as on the timeline), the organisation that withdrew a release or the successor's
    reference; never objects, places, times, officers
    or the police's internal note."""
    if handelse.typ == "omplanera":
        efterfoljare = Insats.objects.filter(omplanerad_fran_id=handelse.insats_id).first()
        return str(efterfoljare.referens) if efterfoljare else ""
    if handelse.typ == "stall_in" and handelse.insats.installd_orsak:
        return handelse.insats.installd_orsak.namn
    if handelse.begaran is not None:
        lpo = handelse.begaran.lpo.namn
        if handelse.typ in MED_ORSAK and handelse.text:
            return Truncator(f"{lpo}: {handelse.text}").chars(TEXTLANGD)
        return lpo
    if handelse.deltagande is not None:
        deltagande = handelse.deltagande
        return str(deltagande.enhet or deltagande.organisation)
    if handelse.frislappning_id is not None:
        return handelse.text  # the organisation that withdrew its information
    if handelse.uppgiftsbegaran_id is not None:
        return handelse.text  # who asked whom, as on the timeline
    return ""


def skicka_vantande_epost(handelse: Insatshandelse) -> int:
    vantande = Notis.objects.filter(
        handelse=handelse, skicka_epost=True, epost_skickad__isnull=True
    ).values_list("pk", flat=True)
    skickade = 0
    with get_connection() as anslutning:
        for pk in list(vantande):
            skickade += _skicka(pk, anslutning)
    return skickade


@transaction.atomic
def _skicka(pk: int, anslutning) -> int:
    """Send one notification's e-mail, holding its row, and mark it sent before the commit.

    A worker that dies between the send and the commit may send that one e-mail again (at least
    once); it never sends an e-mail whose mark was committed. ``skip_locked``: another worker
    sending the same notification right now is left to it.
    """
    notis = (
        Notis.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("mottagare", "insats")
        .filter(pk=pk, skicka_epost=True, epost_skickad__isnull=True)
        .first()
    )
    if notis is None:
        return 0
    if not notis.mottagare.email:
        notis.skicka_epost = False
        notis.save(update_fields=["skicka_epost"])
        return 0
    try:
        epostmeddelande(notis, anslutning).send()
    except smtplib.SMTPRecipientsRefused:
        # The address is refused for good: retrying cannot help; the notification stays in-app.
        logger.warning("E-post till mottagaren av notis %s nekades", notis.pk)
        notis.skicka_epost = False
        notis.save(update_fields=["skicka_epost"])
        return 0
    notis.epost_skickad = timezone.now()
    notis.save(update_fields=["epost_skickad"])
    return 1


def epostmeddelande(notis: Notis, anslutning=None) -> EmailMessage:
    """The e-mail of a notification: the reference, the kind and a link to log in; nothing more."""
    webbadress = settings.SITE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "referens": notis.insats.referens,
            "etikett": notis.etikett,
            "inloggning": f"{webbadress}{reverse('login')}?{urlencode({'next': notis.lank})}",
            "installningar": f"{webbadress}{reverse('notisinstallningar')}",
        }
        amne = render_to_string("notiser/epost_amne.txt", context)
        text = render_to_string("notiser/epost.txt", context)
    return EmailMessage(
        subject=" ".join(amne.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notis.mottagare.email],
        connection=anslutning,
    )


def missade_handelser() -> list[tuple[int, str]]:
    """Entries whose fan-out never ran, or whose e-mail is still unsent, after a while."""
    nu = timezone.now()
    period = (nu - HORISONT, nu - EFTERSLAPNING)
    utan_utskick = Q(typ__in=NOTIFIERANDE, tid__range=period, utskick__isnull=True)
    vantande_epost = Notis.objects.filter(
        skicka_epost=True, epost_skickad__isnull=True, skapad__range=period
    ).values("handelse_id")
    return list(
        Insatshandelse.objects.filter(utan_utskick | Q(pk__in=vantande_epost))
        .order_by("tid", "pk")
        .values_list("pk", "typ")
    )


@verb()
def markera_last(user, notis: Notis) -> None:
    """Mark one notification read; marking it again changes nothing."""
    if not access.markerbara_notiser(user).filter(pk=notis.pk).exists():
        raise PermissionDenied(_("Notisen är inte din."))
    Notis.objects.filter(pk=notis.pk, last__isnull=True).update(last=timezone.now())


@verb()
def markera_alla_lasta(user) -> int:
    return access.markerbara_notiser(user).filter(last__isnull=True).update(last=timezone.now())


@verb()
def spara_installningar(user, epost_kategorier) -> Notisinstallning:
    kategorier = sorted(set(epost_kategorier))
    if not set(kategorier) <= set(Notiskategori.values):
        raise ValidationError({"epost_kategorier": _("Välj bland de slag av notiser som finns.")})
    installning, _skapad = Notisinstallning.objects.update_or_create(
        user=user, defaults={"epost_kategorier": kategorier}
    )
    return installning
