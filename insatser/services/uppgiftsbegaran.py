"""Asking another agency of the operation for information, and its answer or decline.

The question and the answer stay with the two organisations and the operation's coordinators
(``UPPGIFTSBEGARAN_POLICY``); the timeline, which every participant reads, names only the
organisations. The answer itself is normally a release of an information block to the asker
(``frislapp_objektuppgift``), which the answer may point to.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import Frislappning, Insats, Mottagarkrets, Uppgiftsbegaran
from insatser.services.gemensamt import _nekad, las_for_tillagg, skriv_tidslinjepost
from insatser.workflow import (
    AVSLUTADE,
    UPPGIFTSBEGARAN_WORKFLOW,
    InsatsStatus,
    UppgiftsbegaranStatus,
)
from karna.lasning import Konflikt
from karna.policy import Aktor
from karna.verb import verb
from myndigheter.models import Myndighet
from objekt.models import Objekt

FRAGA_MAXLANGD = 2000
SVAR_MAXLANGD = 2000
# No new questions once the operation is over: ended without being carried out, or evaluated.
STANGDA_FOR_BEGARAN = AVSLUTADE | {InsatsStatus.UTVARDERAD}


def _text(falt: str, text: str, tom: str, maxlangd: int) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({falt: tom})
    if len(text) > maxlangd:
        raise ValidationError(
            {falt: _("Texten får vara högst %(max)s tecken.") % {"max": maxlangd}}
        )
    return text


def _parterna(begaran: Uppgiftsbegaran) -> str:
    """What the timeline says of a request: who asked whom, never the question or the answer."""
    return f"{begaran.fragande_organisation.namn} → {begaran.tillfragad_organisation.namn}"


@verb(INSATSEN_ANDRAD)
def begar_uppgifter(
    user, insats: Insats, tillfragad: Myndighet | None, fraga: str, objekt: Objekt | None = None
) -> Uppgiftsbegaran:
    """Ask another participating organisation for information about one of the operation's
    objects, or about the operation in general (``objekt`` None)."""
    insats = las_for_tillagg(insats)
    if not access.kan_se_insats(user, insats):
        raise Http404
    if not access.kan_begara_uppgifter(user, insats):
        raise _nekad(_("Din organisation kan inte begära uppgifter i den här insatsen."))
    if insats.status in STANGDA_FOR_BEGARAN:
        raise ValidationError(
            {"fraga": _("Insatsen är avslutad; nya begäranden om uppgifter kan inte ställas.")}
        )
    fraga = _text("fraga", fraga, _("Skriv vad ni vill veta."), FRAGA_MAXLANGD)
    egen = Aktor.for_user(user).organisation_id
    if tillfragad is None:
        raise ValidationError({"tillfragad": _("Välj vilken organisation ni frågar.")})
    if tillfragad.pk == egen:
        raise ValidationError(
            {"tillfragad": _("Ni kan inte begära uppgifter av er egen organisation.")}
        )
    if tillfragad.pk not in {m.pk for m in access.mottagare(insats, Mottagarkrets.ALLA)}:
        raise ValidationError(
            {"tillfragad": _("Det går bara att fråga organisationer som deltar i insatsen.")}
        )
    if objekt is not None and not insats.kontroller.filter(objekt=objekt).exists():
        raise ValidationError({"objekt": _("Objektet ingår inte i insatsen.")})
    begaran = Uppgiftsbegaran.objects.create(
        insats=insats,
        objekt=objekt,
        fragande_organisation_id=egen,
        fragad_av=user,
        tillfragad_organisation=tillfragad,
        fraga=fraga,
        status=UPPGIFTSBEGARAN_WORKFLOW.skapa("begar"),
    )
    skriv_tidslinjepost(
        insats, user, "uppgifter_begarda", text=_parterna(begaran), uppgiftsbegaran=begaran
    )
    return begaran


def _las_obesvarad(user, begaran: Uppgiftsbegaran, version: int) -> Uppgiftsbegaran:
    """Lock the request; refuse it unseen (404), not the user's to answer, already answered,
    changed since the user saw it, or of an operation that has ended."""
    if not access.synliga_uppgiftsbegaranden(user).filter(pk=begaran.pk).exists():
        raise Http404
    if not access.kan_besvara_uppgiftsbegaran(user, begaran):
        raise _nekad(_("Endast den tillfrågade organisationens handläggare kan besvara begäran."))
    begaran = (
        Uppgiftsbegaran.objects.select_for_update()
        .select_related("insats", "fragande_organisation", "tillfragad_organisation")
        .get(pk=begaran.pk)
    )
    if begaran.status != UppgiftsbegaranStatus.OPPEN:
        raise ValidationError(
            {
                "svar": _("Begäran är redan %(status)s.")
                % {"status": begaran.get_status_display().lower()}
            }
        )
    if begaran.version != version:
        raise Konflikt(
            _("Begäran har ändrats av någon annan sedan du öppnade sidan. Ladda om och se den.")
        )
    # Information for an operation that will not take place, or is over, serves no purpose.
    if begaran.insats.status in STANGDA_FOR_BEGARAN:
        raise ValidationError(
            {"svar": _("Insatsen är avslutad; begäran kan inte längre besvaras.")}
        )
    return begaran


def _avsluta(user, begaran: Uppgiftsbegaran, overgang: str, svar: str, typ: str) -> None:
    UPPGIFTSBEGARAN_WORKFLOW.overga(begaran, overgang)
    begaran.svarstext = svar
    begaran.besvarad_av, begaran.besvarad = user, timezone.now()
    begaran.version += 1
    begaran.save()
    skriv_tidslinjepost(begaran.insats, user, typ, text=_parterna(begaran), uppgiftsbegaran=begaran)


def _kontrollera_frislappning(begaran: Uppgiftsbegaran, frislappning: Frislappning) -> None:
    """The release that answers must be the asked organisation's, active, in this operation,
    and reach the asker."""
    nar = access.mottagare(begaran.insats, frislappning.krets, frislappning.mottagare.all())
    if (
        frislappning.insats_id != begaran.insats_id
        or frislappning.objektuppgift.organisation_id != begaran.tillfragad_organisation_id
        or frislappning.aterkallad is not None
        or begaran.fragande_organisation_id not in {m.pk for m in nar}
    ):
        raise ValidationError(
            {
                "frislappning": _(
                    "Välj en frisläppning av er organisations uppgifter i den här insatsen som "
                    "når den frågande organisationen."
                )
            }
        )


@verb(INSATSEN_ANDRAD)
def besvara_uppgiftsbegaran(
    user,
    begaran: Uppgiftsbegaran,
    svar: str,
    frislappning: Frislappning | None = None,
    *,
    version: int,
) -> Uppgiftsbegaran:
    """The asked organisation answers with a note and, optionally, the release that answers."""
    begaran = _las_obesvarad(user, begaran, version)
    svar = _text("svar", svar, _("Skriv ett svar till den frågande organisationen."), SVAR_MAXLANGD)
    if frislappning is not None:
        _kontrollera_frislappning(begaran, frislappning)
    begaran.frislappning = frislappning
    _avsluta(user, begaran, "besvara", svar, "uppgiftsbegaran_besvarad")
    return begaran


@verb(INSATSEN_ANDRAD)
def avbo_uppgiftsbegaran(user, begaran: Uppgiftsbegaran, orsak: str, *, version: int):
    """The asked organisation declines, with the reason the asker reads (secrecy, say)."""
    begaran = _las_obesvarad(user, begaran, version)
    orsak = _text("orsak", orsak, _("Ange varför ni inte kan lämna uppgifterna."), SVAR_MAXLANGD)
    _avsluta(user, begaran, "avboj", orsak, "uppgiftsbegaran_avbojd")
    return begaran
