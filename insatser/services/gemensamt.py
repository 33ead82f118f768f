"""What every operation verb shares: locking, versions, transitions, the timeline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arshjul.models import Arshjulshandelse
from arshjul.selectors import fonster_med_ledig_kapacitet
from arshjul.services.ombyggnad import insats_andrad
from insatser import access, varningar
from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Insats,
    Insatshandelse,
    Installningsorsak,
    Varningskvittens,
)
from insatser.services.underlag import markera_inaktuella
from insatser.tasks import notifiera_efter_commit
from insatser.workflow import (
    BEMANNING_WORKFLOW,
    INSATS_WORKFLOW,
)


class Konflikt(Exception):  # noqa: N818 - domain name: someone else changed the row first
    """The row changed since the user loaded it."""

    def __init__(self, text: str | None = None):
        super().__init__(
            text
            or _(
                "Insatsen har ändrats av någon annan sedan du öppnade den. "
                "Ladda om och försök igen."
            )
        )


def _nekad(text: str):
    return PermissionDenied(text)


def _las_insats(insats: Insats, version: int | None = None) -> Insats:
    """Lock the operation row for the rest of the transaction and check its version."""
    last = Insats.objects.select_for_update().get(pk=insats.pk)
    if version is not None and last.version != version:
        raise Konflikt()
    return last


def _logga(
    insats: Insats,
    user,
    typ: str,
    text: str = "",
    fran: str = "",
    till: str = "",
    *,
    begaran: Bemanningsbegaran | None = None,
    deltagande: Deltagande | None = None,
) -> Insatshandelse:
    handelse = Insatshandelse.objects.create(
        insats=insats,
        typ=typ,
        utford_av=user,
        text=text,
        fran_status=fran,
        till_status=till,
        begaran=begaran,
        deltagande=deltagande,
    )
    markera_inaktuella([insats.pk])
    insats_andrad(insats)
    notifiera_efter_commit(handelse)
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
    overgang = INSATS_WORKFLOW.kontrollera(insats.status, namn)
    fran = insats.status
    insats.status = overgang.till
    insats.version = F("version") + 1
    insats.save()
    insats.refresh_from_db(fields=["version"])
    _logga(insats, user, namn, text=text, fran=fran, till=overgang.till, begaran=begaran)


def _overga_bemanning(begaran: Bemanningsbegaran, namn: str) -> None:
    overgang = BEMANNING_WORKFLOW.kontrollera(begaran.status, namn)
    begaran.status = overgang.till
    begaran.version += 1


def _valideringsfel(falt: str, text: str) -> ValidationError:
    return ValidationError({falt: text})


def _kontrollera_tidsfonster(start: datetime, slut: datetime) -> None:
    if slut <= start:
        raise _valideringsfel("slut", _("Sluttiden måste vara efter starttiden."))


def _kontrollera_insatsfonster(user, fonster, start: datetime, lpo_ids: Iterable[int]) -> None:
    """An operation planned in a window of the wheel must lie on its days and in its LPO, and
    the window must be one the user sees, still to come, with room left. The window row is
    locked, so two coordinators cannot both take its last place."""
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
    ledigt = fonster_med_ledig_kapacitet(user, [fonster.lpo_id], timezone.localdate())
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
    ar = timezone.localtime(start).year
    prefix = f"INS-{ar}-"
    # Serialise numbering per year for the rest of the transaction.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [prefix])
    senaste = (
        Insats.objects.filter(referens__startswith=prefix)
        .order_by("-referens")
        .values_list("referens", flat=True)
        .first()
    )
    nummer = int(senaste.rsplit("-", 1)[1]) + 1 if senaste else 1
    return f"{prefix}{nummer:04d}"


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
    if not okvitterade:
        return
    ej_visade = [v for v in okvitterade if v.nyckel not in set(visade)]
    if ej_visade or not motivering.strip():
        raise ObekraftadeVarningar(okvitterade)
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
    _logga(
        insats,
        user,
        "varningar_kvitterade",
        text=f"{' '.join(v.text for v in okvitterade)} {_('Motivering')}: {motivering.strip()}",
    )
