"""What every operation verb shares: locking, versions, transitions, the timeline, the checks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arshjul.models import Arshjulshandelse
from arshjul.selectors import fonster_med_ledig_kapacitet
from insatser import access, varningar
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Frislappning,
    Insats,
    Insatshandelse,
    Installningsorsak,
    Uppgiftsbegaran,
    Varningskvittens,
)
from insatser.workflow import BEMANNING_WORKFLOW, INSATS_WORKFLOW
from karna import lasning, referens
from karna.tid import kontrollera_tidpunkt


def konflikttext() -> str:
    return _("Insatsen har ändrats av någon annan sedan du öppnade den. Ladda om och försök igen.")


def las_insats(insats: Insats, version: int) -> Insats:
    """Lock the operation row for the rest of the transaction and check the version the user saw."""
    return lasning.las(Insats, insats.pk, version, konflikttext())


def las_for_tillagg(insats: Insats) -> Insats:
    """Lock the operation while something is added to it or answered in it (a participant, an
    object, a finding): the additions are serialised, and each carries its own checks."""
    return Insats.objects.select_for_update().get(pk=insats.pk)


def skriv_tidslinjepost(
    insats: Insats,
    user,
    typ: str,
    text: str = "",
    fran: str = "",
    till: str = "",
    *,
    begaran: Bemanningsbegaran | None = None,
    deltagande: Deltagande | None = None,
    frislappning: Frislappning | None = None,
    uppgiftsbegaran: Uppgiftsbegaran | None = None,
) -> Insatshandelse:
    """Record on the operation's timeline what a verb did; the operation changed
    (``INSATSEN_ANDRAD``: briefings, wheels and notifications follow)."""
    handelse = Insatshandelse.objects.create(
        insats=insats,
        typ=typ,
        utford_av=user,
        text=text,
        fran_status=fran,
        till_status=till,
        begaran=begaran,
        deltagande=deltagande,
        frislappning=frislappning,
        uppgiftsbegaran=uppgiftsbegaran,
    )
    INSATSEN_ANDRAD.utlos(handelse=handelse)
    return handelse


def _overga(
    insats: Insats,
    namn: str,
    user,
    text: str = "",
    *,
    begaran: Bemanningsbegaran | None = None,
) -> None:
    """Move the (locked) operation along the transition ``namn`` and record it."""
    fran = insats.status
    overgang = INSATS_WORKFLOW.overga(insats, namn)
    lasning.spara_ny_version(insats)
    skriv_tidslinjepost(
        insats, user, namn, text=text, fran=fran, till=overgang.till, begaran=begaran
    )


def _overga_bemanning(begaran: Bemanningsbegaran, namn: str) -> None:
    BEMANNING_WORKFLOW.overga(begaran, namn)
    begaran.version += 1


def _nekad(text: str):
    return PermissionDenied(text)


def _valideringsfel(falt: str, text: str) -> ValidationError:
    return ValidationError({falt: text})


def _kontrollera_tidsfonster(start: datetime, slut: datetime) -> None:
    kontrollera_tidpunkt("start", start)
    kontrollera_tidpunkt("slut", slut)
    if slut <= start:
        raise _valideringsfel("slut", _("Sluttiden måste vara efter starttiden."))


def _kontrollera_insatsfonster(
    user, fonster, start: datetime, lpo_ids: Iterable[int], utom: int | None = None
) -> None:
    """An operation planned in a window of the wheel must lie on its days and in its LPO, and
    the window must be one the user sees, still to come, with room left. The window row is
    locked, so two coordinators cannot both take its last place. ``utom``: an operation already
    saved that is to take the place, so it does not count as taking one."""
    if fonster is None:
        return
    fonster = Arshjulshandelse.objects.select_for_update().get(pk=fonster.pk)
    fran, till = _fonstrets_dagar(fonster)
    if not fran <= timezone.localtime(start).date() <= till:
        raise _valideringsfel(
            "insatsfonster",
            _("Insatsen måste börja inom insatsfönstret, %(fran)s–%(till)s.")
            % {"fran": date_format(fran, "j F Y"), "till": date_format(till, "j F Y")},
        )
    if fonster.lpo_id not in set(lpo_ids):
        raise _valideringsfel(
            "insatsfonster",
            _("Insatsfönstret gäller %(lpo)s; välj det lokalpolisområdet för insatsen.")
            % {"lpo": fonster.lpo.namn},
        )
    ledigt = fonster_med_ledig_kapacitet(user, [fonster.lpo_id], timezone.localdate(), utom=utom)
    if not ledigt.filter(pk=fonster.pk).exists():
        raise _valideringsfel(
            "insatsfonster", _("Insatsfönstret har ingen ledig plats kvar; välj ett annat.")
        )


def _fonstrets_dagar(fonster: Arshjulshandelse) -> tuple[date, date]:
    return timezone.localtime(fonster.start).date(), timezone.localtime(fonster.slut).date()


def _ligger_i_fonster(fonster: Arshjulshandelse, start: datetime, lpo_ids: Iterable[int]) -> bool:
    fran, till = _fonstrets_dagar(fonster)
    return fran <= timezone.localtime(start).date() <= till and fonster.lpo_id in set(lpo_ids)


def _nasta_referens(start: datetime) -> str:
    """A readable reference such as ``INS-2026-0042``, unique per year."""
    return referens.nasta_referens(Insats, f"INS-{timezone.localtime(start).year}-", 4)


def _kraver_samordnare(user, insats: Insats) -> None:
    if not access.kan_samordna(user, insats):
        raise _nekad(_("Endast samordnare för den samordnande organisationen kan göra detta."))


def _kraver_orsak(orsak: Installningsorsak | None) -> None:
    if orsak is None:
        raise _valideringsfel("orsak", _("Välj en orsak."))


class ObekraftadeVarningar(ValidationError):  # noqa: N818 - a refusal, read as a domain noun
    """The operation has warnings the coordinator has not acknowledged with a reason."""

    def __init__(self, okvitterade: list[varningar.Varning]):
        self.varningar = okvitterade
        super().__init__(
            {
                "motivering": _(
                    "Insatsen har varningar: %(varningar)s Ange en motivering om ni vill gå "
                    "vidare ändå."
                )
                % {"varningar": " ".join(v.text for v in okvitterade)}
            }
        )


def _kvittera_varningar(insats: Insats, user, motivering: str, visade: Iterable[str]) -> None:
    """Go ahead past the warnings only when those shown were acknowledged with a reason."""
    okvitterade = varningar.okvitterade(insats)
    visade = set(visade)
    sparrande = [v for v in okvitterade if v.sparrar]
    ej_visade = [v for v in sparrande if v.nyckel not in visade]
    if sparrande and (ej_visade or not motivering.strip()):
        raise ObekraftadeVarningar(varningar.som_anvandaren_ser_dem(user, sparrande))
    # The non-blocking warnings the page showed are acknowledged with the reason given.
    okvitterade = [v for v in okvitterade if v.sparrar or v.nyckel in visade]
    if not okvitterade or not motivering.strip():
        return
    Varningskvittens.objects.bulk_create(
        [
            Varningskvittens(
                insats=insats,
                typ=v.typ,
                nyckel=v.nyckel,
                text=v.text,
                motivering=motivering.strip(),
                kvitterad_av=user,
            )
            for v in okvitterade
        ]
    )
    skriv_tidslinjepost(
        insats,
        user,
        "varningar_kvitterade",
        text=f"{' '.join(v.text for v in okvitterade)} {_('Motivering')}: {motivering.strip()}",
    )


def _kontrollera_prioriteringar(start: datetime, prioriteringar, atgardspunkter) -> None:
    """The priorities and action-plan items an operation carries out are those of a period of
    the joint situation picture in force on its day: another period's were set for other
    problems."""
    dag = timezone.localtime(start).date()
    for falt, valda, text in (
        (
            "prioriteringar",
            prioriteringar,
            _("Prioriteringen %(namn)s gäller inte på insatsens datum (%(period)s)."),
        ),
        (
            "atgardspunkter",
            atgardspunkter,
            _("Åtgärdspunkten %(namn)s gäller inte på insatsens datum (%(period)s)."),
        ),
    ):
        for vald in valda:
            if not vald.period.fran <= dag <= vald.period.till:
                raise _valideringsfel(falt, text % {"namn": vald, "period": vald.period})
