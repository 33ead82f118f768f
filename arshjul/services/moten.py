"""Verbs of a held meeting: the organiser records attendees and minutes and adds actions; an
action's owner (or the organiser) closes it. Nothing here changes what the wheel shows, so no
verb asks for a rebuild."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.access import ATGARD_POLICY, HANDELSE_POLICY, MOTESTYPER, Handling
from arshjul.models import Arshjulshandelse, Atgard, Motesprotokoll
from arshjul.workflow import ATGARD_WORKFLOW
from karna import lasning
from karna.policy import AKTORSKALLA
from karna.verb import verb

KONFLIKT = _("Någon annan har ändrat detta sedan du öppnade det. Ladda om sidan och försök igen.")


def _kraver_organisator(user, handelse: Arshjulshandelse) -> None:
    if not HANDELSE_POLICY.tillater(user, Handling.REDIGERA, handelse):
        raise PermissionDenied(
            _("Endast samordnare för årshjulets ägare kan föra mötets protokoll.")
        )


def _kontrollera_mote(handelse: Arshjulshandelse) -> None:
    if handelse.typ not in MOTESTYPER:
        raise ValidationError(_("Bara ett möte har protokoll och åtgärder."))
    if handelse.installd:
        raise ValidationError(_("Mötet är inställt och har inget protokoll."))
    if handelse.start > timezone.now():
        raise ValidationError(_("Protokollet förs när mötet har börjat."))


@verb()
def registrera_protokoll(
    user, handelse: Arshjulshandelse, data: dict, version: int | None = None
) -> Motesprotokoll:
    """Record who attended and the minutes, and whether they are shared with all who see the
    meeting. The first record creates the minutes; a change sends the version it showed."""
    _kraver_organisator(user, handelse)
    _kontrollera_mote(handelse)
    protokoll = Motesprotokoll.objects.filter(handelse=handelse).first()
    if protokoll is None:
        protokoll = Motesprotokoll(handelse=handelse)
    else:
        if version is None:
            raise lasning.Konflikt(KONFLIKT)
        protokoll = lasning.las(Motesprotokoll, protokoll.pk, version, KONFLIKT)
        protokoll.version += 1
    narvarande = list(data.get("narvarande", ()))
    organisationer = list(data.get("narvarande_organisationer", ()))
    if not narvarande and not organisationer:
        raise ValidationError(
            {"narvarande": _("Ange vilka som var med: personer, organisationer eller båda.")}
        )
    protokoll.text = data.get("text", "").strip()
    protokoll.delas = bool(data.get("delas"))
    protokoll.andrad = timezone.now()
    protokoll.andrad_av = user
    protokoll.save()
    protokoll.narvarande.set(narvarande)
    protokoll.narvarande_organisationer.set(organisationer)
    return protokoll


def mojliga_ansvariga(protokoll: Motesprotokoll):
    """Who may own an action of the meeting: the active people present, and the active people of
    the organisations present or of the organiser."""
    organisationer = [
        protokoll.handelse.arshjul.agare_id,
        *protokoll.narvarande_organisationer.values_list("pk", flat=True),
    ]
    narvarande = Q(pk__in=protokoll.narvarande.values("pk"))
    return (
        get_user_model()
        .objects.filter(AKTORSKALLA().aktiva_anvandare())
        .filter(narvarande | Q(profil__organisation_id__in=organisationer))
        .select_related("profil__organisation")
        .order_by("first_name", "last_name", "username")
    )


@verb()
def lagg_till_atgard(user, handelse: Arshjulshandelse, data: dict) -> Atgard:
    """Add an action agreed at the meeting, owned by someone who was there (or of an
    organisation that was), with the day it is due."""
    _kraver_organisator(user, handelse)
    _kontrollera_mote(handelse)
    protokoll = Motesprotokoll.objects.select_related("handelse__arshjul").filter(handelse=handelse)
    protokoll = protokoll.first()
    if protokoll is None:
        raise ValidationError(
            _("Spara mötets närvaro och protokoll innan du lägger till åtgärder.")
        )
    if not data.get("text", "").strip():
        raise ValidationError({"text": _("Beskriv åtgärden.")})
    ansvarig = data.get("ansvarig")
    if ansvarig is None or not mojliga_ansvariga(protokoll).filter(pk=ansvarig.pk).exists():
        raise ValidationError(
            {"ansvarig": _("Välj någon som var med på mötet eller hör till en organisation där.")}
        )
    if data.get("senast") is None:
        raise ValidationError({"senast": _("Ange när åtgärden ska vara klar.")})
    return Atgard.objects.create(
        protokoll=protokoll,
        text=data["text"].strip(),
        ansvarig=ansvarig,
        senast=data["senast"],
        status=ATGARD_WORKFLOW.skapa("skapa"),
    )


@verb()
def stang_atgard(user, atgard: Atgard, version: int) -> Atgard:
    """The owner (or the organiser) marks an action done."""
    if not ATGARD_POLICY.tillater(user, Handling.STANGA, atgard):
        raise PermissionDenied(_("Endast den ansvariga eller mötets organisatör kan klarmarkera."))
    atgard = lasning.las(Atgard, atgard.pk, version, KONFLIKT)
    ATGARD_WORKFLOW.overga(atgard, "stang")
    atgard.stangd = timezone.now()
    atgard.stangd_av = user
    atgard.version += 1
    atgard.save(update_fields=["status", "stangd", "stangd_av", "version"])
    return atgard


def mojliga_narvarande(handelse: Arshjulshandelse):
    """Whom the minutes offer as present: the active people of the organiser, of the body's
    member organisations, of the organisations of the event's units, planned participants, and
    whoever the minutes already name."""
    organisationer = Q(profil__organisation_id=handelse.arshjul.agare_id) | Q(
        profil__organisation__enheter__in=handelse.deltagande_enheter.values("pk")
    )
    if handelse.organ_id is not None:
        organisationer |= Q(profil__organisation__in=handelse.organ.medlemmar.values("pk"))
    redan = Q(pk__in=handelse.deltagare.values("pk"))
    protokoll = Motesprotokoll.objects.filter(handelse=handelse).first()
    if protokoll is not None:
        redan |= Q(pk__in=protokoll.narvarande.values("pk")) | Q(
            profil__organisation__in=protokoll.narvarande_organisationer.values("pk")
        )
    return (
        get_user_model()
        .objects.filter(AKTORSKALLA().aktiva_anvandare())
        .filter(organisationer | redan)
        .distinct()
        .select_related("profil__organisation")
        .order_by("first_name", "last_name", "username")
    )
