"""Coordinators' verbs on a wheel: rules, hand-made events, blackout periods, rebuild, publish.

Each checks access, locks the row it changes and its version (a stale form gets ``Konflikt``),
validates with Swedish messages, and asks for a rebuild of the years it touches.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from arshjul import access
from arshjul.access import BEGRANSNING_POLICY, HANDELSE_POLICY, Handling
from arshjul.effekter import ARSHJUL_BESTALLT
from arshjul.models import (
    Arshjulshandelse,
    Arshjulsversion,
    Aterkommanderegel,
    Begransningsperiod,
    Handelsetyp,
    Niva,
    Regeltyp,
)
from arshjul.models.val import BEGRANSNING, TIDSATTA_TYPER
from arshjul.services.ombyggnad import begar_ombyggnad, begar_ombyggnad_av_ar, planerade_ar
from arshjul.workflow import VERSION_WORKFLOW, VersionStatus
from karna import lasning
from karna.verb import verb

STORSTA_FONSTER_DAGAR = 14
STORSTA_PERIOD_DAGAR = 366


def _fel(falt: str, text: str) -> ValidationError:
    return ValidationError({falt: text})


def _kraver_redigering(user, arshjul) -> None:
    if not access.kan_redigera(user, arshjul):
        raise PermissionDenied(_("Endast samordnare för årshjulets ägare kan ändra det."))


def _las(modell, rad, version: int):
    """Lock the row being edited; the version the form showed is required."""
    return lasning.las(
        modell,
        rad.pk,
        version,
        _("Någon annan har ändrat detta sedan du öppnade det. Ladda om sidan och försök igen."),
    )


def _giltigt_datum(manad, dag) -> bool:
    try:
        date(2024, manad, dag)  # a leap year, so 29 February is a valid day of a period
    except (TypeError, ValueError):
        return False
    return True


def _validera_regel(arshjul, data: dict, regel: Aterkommanderegel | None) -> None:
    if not data.get("namn", "").strip():
        raise _fel("namn", _("Ange ett namn."))
    typ, regeltyp = data["typ"], data["regeltyp"]
    if typ == BEGRANSNING:
        if regeltyp != Regeltyp.FAST_FONSTER:
            raise _fel("regeltyp", _("En begränsningsperiod måste vara en fast period varje år."))
        if not data.get("niva"):
            raise _fel("niva", _("Välj om perioden ska varna eller blockera."))
        if data.get("kapacitet_procent") is not None and data["niva"] != Niva.VARNA:
            raise _fel("kapacitet_procent", _("Kvarvarande kapacitet gäller bara vid varning."))
        if data.get("lpo") and data.get("polisregion"):
            raise _fel("polisregion", _("Välj lokalpolisområde eller polisregion, inte båda."))
    if typ == Handelsetyp.INSATSFONSTER:
        if data.get("lpo") is None or not arshjul.lpoer.filter(pk=data["lpo"].pk).exists():
            raise _fel("lpo", _("Välj ett av årshjulets lokalpolisområden."))
        if not data.get("kapacitet"):
            raise _fel("kapacitet", _("Ange hur många insatser fönstret rymmer."))
        if not 1 <= (data.get("langd_dagar") or 0) <= STORSTA_FONSTER_DAGAR:
            raise _fel("langd_dagar", _("Ett insatsfönster är mellan 1 och 14 dagar långt."))
    if regeltyp == Regeltyp.FAST_FONSTER:
        for manad, dag, falt in (
            ("fran_manad", "fran_dag", "fran_dag"),
            ("till_manad", "till_dag", "till_dag"),
        ):
            if not _giltigt_datum(data.get(manad), data.get(dag)):
                raise _fel(falt, _("Ange en dag som finns i månaden."))
    elif (data.get("heldag_antal") or 0) > data.get("antal", 1):
        raise _fel("heldag_antal", _("Fler heldagar än möten går inte."))
    if regeltyp == Regeltyp.INTERVALL_AR:
        if (data.get("intervall_ar") or 0) < 2:
            raise _fel("intervall_ar", _("Ange ett intervall på minst 2 år."))
        if not 2000 <= (data.get("ankarar") or 0) <= 2100:
            raise _fel("ankarar", _("Ange ett ankarår mellan 2000 och 2100."))
    if typ in TIDSATTA_TYPER and not 15 <= (data.get("langd_minuter") or 0) <= 720:
        raise _fel("langd_minuter", _("Ett möte är mellan 15 minuter och 12 timmar långt."))
    _validera_beroende(arshjul, data.get("beroende_av"), regel)


def _validera_beroende(arshjul, beroende_av, regel) -> None:
    if beroende_av is None:
        return
    if beroende_av.arshjul_id != arshjul.pk:
        raise _fel("beroende_av", _("Regeln den kommer efter måste höra till samma årshjul."))
    led, sedda = beroende_av, set()
    while led is not None and led.pk not in sedda:
        if regel is not None and led.pk == regel.pk:
            raise _fel("beroende_av", _("Reglerna kan inte komma efter varandra i en cirkel."))
        sedda.add(led.pk)
        led = led.beroende_av
    if beroende_av.typ == BEGRANSNING:
        raise _fel("beroende_av", _("En regel kan inte komma efter en begränsningsperiod."))


def _ny_kod(arshjul, namn: str) -> str:
    bas = f"{arshjul.kod}-{slugify(namn)}"[:70] or arshjul.kod
    kod, nummer = bas, 1
    while Aterkommanderegel.objects.filter(kod=kod).exists():
        nummer += 1
        kod = f"{bas}-{nummer}"
    return kod


REGELFALT = (
    "namn",
    "typ",
    "organ",
    "regeltyp",
    "antal",
    "heldag_antal",
    "intervall_ar",
    "ankarar",
    "foredragna_manader",
    "fran_manad",
    "fran_dag",
    "till_manad",
    "till_dag",
    "veckodag",
    "starttid",
    "langd_minuter",
    "langd_dagar",
    "lpo",
    "kapacitet",
    "niva",
    "kapacitet_procent",
    "polisregion",
    "beroende_av",
    "min_dagar_efter",
    "kalla",
    "ej_i_kallorna",
    "anmarkning",
    "aktiv",
)


@verb(ARSHJUL_BESTALLT)
def spara_regel(
    user, arshjul, data: dict, regel: Aterkommanderegel | None = None, version: int | None = None
) -> Aterkommanderegel:
    """Create or change a recurrence rule; every planned year of the wheel is rebuilt."""
    _kraver_redigering(user, arshjul)
    if regel is not None:
        regel = _las(Aterkommanderegel, regel, version)
        if regel.arshjul_id != arshjul.pk:
            raise PermissionDenied
    _validera_regel(arshjul, data, regel)
    if regel is None:
        regel = Aterkommanderegel(arshjul=arshjul, kod=_ny_kod(arshjul, data["namn"]))
    else:
        regel.version += 1
    for falt in REGELFALT:
        if falt in data:
            setattr(regel, falt, data[falt].strip() if falt == "namn" else data[falt])
    regel.save()
    begar_ombyggnad_av_ar(arshjul, planerade_ar(arshjul))
    return regel


def _ar(tidpunkt) -> int:
    return timezone.localtime(tidpunkt).year


def _validera_handelse(arshjul, data: dict) -> None:
    if not data.get("titel", "").strip():
        raise _fel("titel", _("Ange en titel."))
    if data["slut"] <= data["start"]:
        raise _fel("slut", _("Sluttiden måste vara efter starttiden."))
    if data["typ"] == Handelsetyp.INSATSFONSTER:
        if data.get("lpo") is None or not arshjul.lpoer.filter(pk=data["lpo"].pk).exists():
            raise _fel("lpo", _("Välj ett av årshjulets lokalpolisområden."))
        if not data.get("kapacitet"):
            raise _fel("kapacitet", _("Ange hur många insatser fönstret rymmer."))
    for org, funktion in (
        ("ordforande_org", "ordforande_funktion"),
        ("antecknare_org", "antecknare_funktion"),
    ):
        if data.get(funktion, "").strip() and data.get(org) is None:
            raise _fel(org, _("Välj organisationen som har uppdraget."))


HANDELSEFALT = (
    "typ",
    "titel",
    "beskrivning",
    "start",
    "slut",
    "heldag",
    "organ",
    "ordforande_org",
    "ordforande_funktion",
    "antecknare_org",
    "antecknare_funktion",
    "lpo",
    "kapacitet",
    "installd",
)


@verb(ARSHJUL_BESTALLT)
def spara_handelse(
    user,
    arshjul,
    data: dict,
    handelse: Arshjulshandelse | None = None,
    version: int | None = None,
) -> Arshjulshandelse:
    """Create an event by hand, or change one; from then on no build changes it."""
    if handelse is None:
        _kraver_redigering(user, arshjul)
    else:
        if not HANDELSE_POLICY.tillater(user, Handling.REDIGERA, handelse):
            raise PermissionDenied(_("Endast samordnare för årshjulets ägare kan ändra det."))
        handelse = _las(Arshjulshandelse, handelse, version)
    _validera_handelse(arshjul, data)
    ar_fore = {handelse.ar} if handelse is not None else set()
    if handelse is None:
        handelse = Arshjulshandelse(arshjul=arshjul)
    else:
        handelse.version += 1
    for falt in HANDELSEFALT:
        if falt in data:
            setattr(handelse, falt, data[falt])
    handelse.titel = handelse.titel.strip()
    handelse.ar = _ar(handelse.start)
    handelse.handredigerad = True
    handelse.andrad = timezone.now()
    if handelse.typ != Handelsetyp.INSATSFONSTER:
        handelse.lpo, handelse.kapacitet = None, None
    handelse.save()
    if "deltagande_enheter" in data:
        handelse.deltagande_enheter.set(data["deltagande_enheter"])
    if "deltagare" in data:
        handelse.deltagare.set(data["deltagare"])
    begar_ombyggnad_av_ar(arshjul, ar_fore | {handelse.ar})
    return handelse


def _validera_period(data: dict) -> None:
    if not data.get("namn", "").strip():
        raise _fel("namn", _("Ange ett namn."))
    if data["till"] < data["fran"]:
        raise _fel("till", _("Slutdatumet måste vara samma som eller efter startdatumet."))
    if (data["till"] - data["fran"]).days >= STORSTA_PERIOD_DAGAR:
        raise _fel("till", _("En period kan vara högst ett år lång."))
    if data.get("kapacitet_procent") is not None and data["niva"] != Niva.VARNA:
        raise _fel("kapacitet_procent", _("Kvarvarande kapacitet gäller bara vid varning."))
    if data.get("lpo") and data.get("polisregion"):
        raise _fel("polisregion", _("Välj lokalpolisområde eller polisregion, inte båda."))


PERIODFALT = (
    "namn",
    "fran",
    "till",
    "niva",
    "kapacitet_procent",
    "lpo",
    "polisregion",
    "beskrivning",
)


@verb(ARSHJUL_BESTALLT)
def spara_begransning(
    user,
    arshjul,
    data: dict,
    period: Begransningsperiod | None = None,
    version: int | None = None,
) -> Begransningsperiod:
    """Create or change a blackout period by hand; the years it touches are rebuilt."""
    if period is None:
        _kraver_redigering(user, arshjul)
    else:
        if not BEGRANSNING_POLICY.tillater(user, Handling.REDIGERA, period):
            raise PermissionDenied(_("Endast samordnare för årshjulets ägare kan ändra det."))
        period = _las(Begransningsperiod, period, version)
    _validera_period(data)
    ar = set(range(period.fran.year, period.till.year + 1)) if period is not None else set()
    if period is None:
        period = Begransningsperiod(arshjul=arshjul)
    else:
        period.version += 1
    for falt in PERIODFALT:
        if falt in data:
            setattr(period, falt, data[falt])
    period.namn = period.namn.strip()
    period.ar = period.fran.year
    period.handredigerad = True
    period.andrad = timezone.now()
    period.save()
    begar_ombyggnad_av_ar(arshjul, ar | set(range(period.fran.year, period.till.year + 1)))
    return period


@verb(ARSHJUL_BESTALLT)
def bygg_om(user, arshjul, ar: int) -> None:
    """A coordinator asks for a rebuild now (e.g. after reference data changed)."""
    _kraver_redigering(user, arshjul)
    begar_ombyggnad(arshjul.pk, ar)


@verb()
def publicera_version(user, version: Arshjulsversion) -> Arshjulsversion:
    """Publish a ready version; the version published before is replaced, its files kept."""
    version = (
        Arshjulsversion.objects.select_for_update()
        .select_related("arshjulsar__arshjul")
        .get(pk=version.pk)
    )
    _kraver_redigering(user, version.arshjulsar.arshjul)
    VERSION_WORKFLOW.overga(version, "publicera")
    for tidigare in Arshjulsversion.objects.select_for_update().filter(
        arshjulsar=version.arshjulsar, status=VersionStatus.PUBLICERAD
    ):
        VERSION_WORKFLOW.overga(tidigare, "ersatt")
        tidigare.save(update_fields=["status"])
    version.publicerad = timezone.now()
    version.publicerad_av = user
    version.save(update_fields=["status", "publicerad", "publicerad_av"])
    return version
