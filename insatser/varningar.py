"""Planning warnings: what a coordinator should know before going ahead. Reads only.

A warning informs. The planning verbs refuse to go ahead past a warning nobody has acknowledged;
the coordinator may acknowledge the warnings they were shown with a stated reason, which is kept
(``Varningskvittens``) and written on the timeline. Each warning has a key that names exactly the
situation (the object, the other operation, the date), so an acknowledgement covers what was seen
and a new situation warns again.

A warning about another operation says only that there is one. Its date and coordinating
organisation (``detaljer``) are shown to a user the policy lets see that operation
(``som_anvandaren_ser_dem``), and never stored: the acknowledgement and the timeline keep the plain
text, since everyone who reads this operation's timeline reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from arshjul.models import Resurslofte
from arshjul.selectors import begransningar_for_planering
from insatser import personbokning
from insatser.access import synliga_insatser
from insatser.hjulkoppling import INAKTIVA_INSATSER, behov_i_fonster, fonster_for_insats
from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Insats,
    Kontroll,
    Polisbefal,
)
from insatser.models import Varningstyp as T
from insatser.workflow import BESVARADE, OPPNA_FOR_PLANERING, BemanningStatus, InsatsStatus
from myndigheter.models import Anvandarprofil

GENOMFORDA = [InsatsStatus.GENOMFORD, InsatsStatus.UTVARDERAD]
INFORMERANDE = frozenset(
    {
        T.KONTAKTFUNKTION_SAKNAS,
        T.SAMMA_ADRESS,
        T.SAMMA_OMRADE,
        T.PERSONAL_DUBBELBOKAD,
        T.RESURSER_OVERSKRIDNA,
    }
)
AKTIVA_BEGARANDEN = [BemanningStatus.SKICKAD, *BESVARADE]


@dataclass(frozen=True)
class Varning:
    typ: str
    nyckel: str
    text: str
    # Another operation the warning is about, and what it says of it to those who may see it.
    annan_insats_id: int | None = None
    detaljer: str = ""

    @property
    def sparrar(self) -> bool:
        """Whether going ahead (planning, staffing, rescheduling) needs it acknowledged. A missing
        contact function concerns the day, not the plan, another operation in the same place is
        worth a call, not a stop, and an agency asked for more people than it pledged may still
        find them: shown and acknowledged, not blocking."""
        return self.typ not in INFORMERANDE

    @property
    def typ_namn(self) -> str:
        return T(self.typ).label


def _datum(tidpunkt) -> str:
    return date_format(timezone.localtime(tidpunkt).date(), "j F Y")


def _om_den_andra(insats: Insats) -> str:
    return _("Den är %(datum)s och samordnas av %(org)s.") % {
        "datum": _datum(insats.start),
        "org": insats.samordnande_organisation.namn,
    }


def som_anvandaren_ser_dem(user, varningar: list[Varning]) -> list[Varning]:
    """The warnings as ``user`` reads them: with the date and coordinator of another operation
    when the policy lets the user see that operation."""
    andra = {v.annan_insats_id for v in varningar if v.annan_insats_id is not None}
    synliga = (
        set(synliga_insatser(user).filter(pk__in=andra).values_list("pk", flat=True))
        if andra
        else set()
    )
    return [
        replace(v, text=f"{v.text} {v.detaljer}") if v.annan_insats_id in synliga else v
        for v in varningar
    ]


def _samtidiga(insats: Insats) -> Q:
    """Other open operations whose time window overlaps this one's."""
    return (
        Q(insats__start__lt=insats.slut, insats__slut__gt=insats.start)
        & Q(insats__status__in=OPPNA_FOR_PLANERING)
        & ~Q(insats=insats)
    )


def _begransningsperioder(insats: Insats) -> list[Varning]:
    perioder = begransningar_for_planering(
        timezone.localtime(insats.start).date(),
        timezone.localtime(insats.slut).date(),
        insats.lpoer.values("pk"),
    )
    return [
        Varning(
            T.BEGRANSNINGSPERIOD,
            f"{T.BEGRANSNINGSPERIOD}:{p.arshjul_id}:{p.fran.isoformat()}:{p.till.isoformat()}",
            _begransningstext(p),
        )
        for p in perioder
    ]


def _begransningstext(period) -> str:
    varden = {
        "namn": period.namn,
        "fran": date_format(period.fran, "j F Y"),
        "till": date_format(period.till, "j F Y"),
        "procent": period.kapacitet_procent,
    }
    if period.niva == period.Niva.BLOCKERA:
        return (
            _(
                "Insatsen infaller under %(namn)s (%(fran)s–%(till)s), då polisen inte planerar "
                "några insatser."
            )
            % varden
        )
    if period.kapacitet_procent is not None:
        return (
            _(
                "Insatsen infaller under %(namn)s (%(fran)s–%(till)s), då polisen har "
                "%(procent)s %% av sin vanliga kapacitet."
            )
            % varden
        )
    return (
        _(
            "Insatsen infaller under %(namn)s (%(fran)s–%(till)s), då polisen har begränsad "
            "kapacitet."
        )
        % varden
    )


def _objekt_nyligen_kontrollerade(insats: Insats) -> list[Varning]:
    karens = insats.start - timedelta(days=settings.OBJEKT_KARENS_DAGAR)
    tidigare = (
        Kontroll.objects.filter(
            objekt__kontroller__insats=insats,
            status=Kontroll.Status.GENOMFORD,
            insats__status__in=GENOMFORDA,
            insats__start__gte=karens,
            insats__start__lt=insats.start,
        )
        .exclude(insats=insats)
        .select_related("objekt", "insats__samordnande_organisation")
        .order_by("objekt__namn", "-insats__start")
    )
    return [
        Varning(
            T.OBJEKT_NYLIGEN_KONTROLLERAT,
            f"{T.OBJEKT_NYLIGEN_KONTROLLERAT}:{k.objekt_id}:{k.insats_id}",
            _("%(objekt)s kontrollerades nyligen i en annan insats.") % {"objekt": k.objekt.namn},
            k.insats_id,
            _om_den_andra(k.insats),
        )
        for k in tidigare
    ]


def _objekt_i_annan_insats(insats: Insats) -> list[Varning]:
    andra = (
        Kontroll.objects.filter(
            objekt__kontroller__insats=insats, insats__status__in=OPPNA_FOR_PLANERING
        )
        .exclude(insats=insats)
        .select_related("objekt", "insats__samordnande_organisation")
        .order_by("objekt__namn", "insats__start")
    )
    return [
        Varning(
            T.OBJEKT_I_ANNAN_INSATS,
            f"{T.OBJEKT_I_ANNAN_INSATS}:{k.objekt_id}:{k.insats_id}",
            _("%(objekt)s ingår också i en annan öppen insats.") % {"objekt": k.objekt.namn},
            k.insats_id,
            _om_den_andra(k.insats),
        )
        for k in andra
    ]


def _enheter_dubbelbokade(insats: Insats) -> list[Varning]:
    krockar = (
        Deltagande.objects.filter(
            _samtidiga(insats),
            enhet__isnull=False,
            enhet__in=Deltagande.objects.filter(insats=insats).values("enhet"),
        )
        .exclude(svar=Deltagande.Svar.AVBOJD)
        .select_related("enhet__organisation", "insats__samordnande_organisation")
        .order_by("enhet__namn", "insats__start")
    )
    return [
        Varning(
            T.ENHET_DUBBELBOKAD,
            f"{T.ENHET_DUBBELBOKAD}:{d.enhet_id}:{d.insats_id}",
            _("%(enhet)s är samtidigt med i en annan insats.") % {"enhet": d.enhet},
            d.insats_id,
            _om_den_andra(d.insats),
        )
        for d in krockar
    ]


def _personal_dubbelbokad(insats: Insats) -> list[Varning]:
    """Persons named to the operation who are booked elsewhere at the same time, counted per
    organisation: the names and the other bookings are the organisation's own business (its
    persons page shows them), so the warning says whom to ask."""
    per_organisation: dict[tuple[int, str], set[int]] = {}
    krockar = personbokning.krockar_for_insats(insats)
    profiler = Anvandarprofil.objects.filter(
        user__in={b.anvandare_id for b in krockar}
    ).select_related("organisation")
    for profil in profiler:
        per_organisation.setdefault((profil.organisation_id, profil.organisation.namn), set()).add(
            profil.user_id
        )
    return [
        Varning(
            T.PERSONAL_DUBBELBOKAD,
            f"{T.PERSONAL_DUBBELBOKAD}:{org_id}:{'-'.join(map(str, sorted(personer)))}"[:200],
            ngettext(
                "%(antal)s person som %(org)s skickar är samtidigt bokad på en annan insats "
                "eller ett möte. Kontakta %(org)s.",
                "%(antal)s personer som %(org)s skickar är samtidigt bokade på andra insatser "
                "eller möten. Kontakta %(org)s.",
                len(personer),
            )
            % {"antal": len(personer), "org": namn},
        )
        for (org_id, namn), personer in sorted(per_organisation.items(), key=lambda p: p[0][1])
    ]


def _i_narheten(insats: Insats) -> Q:
    """Controls of other operations, planned or carried out, within ``SAMMA_PLATS_DAGAR`` days
    of this one, of objects this one does not inspect (those warn on their own)."""
    narhet = timedelta(days=settings.SAMMA_PLATS_DAGAR)
    return (
        Q(insats__start__gte=insats.start - narhet, insats__start__lte=insats.start + narhet)
        & Q(insats__status__in=[*OPPNA_FOR_PLANERING, *GENOMFORDA])
        & ~Q(insats=insats)
        & ~Q(objekt__in=insats.kontroller.values("objekt"))
    )


def _samma_plats(insats: Insats) -> list[Varning]:
    """Another operation at one of this one's addresses, or else in one of its city districts,
    close in time: the businesses there are visited twice, or the two get in each other's way.
    Who coordinates it is said only to those who may see it."""
    egna = list(insats.kontroller.select_related("objekt__stadsomrade"))
    adresser = Q(pk__in=[])
    for k in egna:
        adresser |= Q(
            objekt__kommun=k.objekt.kommun_id,
            objekt__adress_normaliserad=k.objekt.adress_normaliserad,
        )
    narliggande = (
        Kontroll.objects.filter(_i_narheten(insats))
        .select_related("objekt__stadsomrade", "insats__samordnande_organisation")
        .order_by("insats__start", "pk")
    )
    pa_adressen = [
        _platsvarning(T.SAMMA_ADRESS, k.objekt_id, k.objekt.adress, k)
        for k in narliggande.filter(adresser)
    ]
    omraden = {k.objekt.stadsomrade_id for k in egna if k.objekt.stadsomrade_id}
    i_omradet = {
        (k.insats_id, k.objekt.stadsomrade_id): _platsvarning(
            T.SAMMA_OMRADE, k.objekt.stadsomrade_id, k.objekt.stadsomrade.namn, k
        )
        for k in narliggande.filter(objekt__stadsomrade__in=omraden).exclude(
            insats__in={v.annan_insats_id for v in pa_adressen}
        )
    }
    return [*pa_adressen, *i_omradet.values()]


def _platsvarning(typ: str, plats_id: int, plats: str, kontroll: Kontroll) -> Varning:
    text = {
        T.SAMMA_ADRESS: _(
            "En annan insats kontrollerar ett objekt på %(plats)s nära i tiden. Stäm av med dess "
            "samordnare."
        ),
        T.SAMMA_OMRADE: _(
            "En annan insats kontrollerar objekt i %(plats)s nära i tiden. Stäm av med dess "
            "samordnare."
        ),
    }[typ] % {"plats": plats}
    return Varning(
        typ,
        f"{typ}:{plats_id}:{kontroll.insats_id}",
        text,
        kontroll.insats_id,
        _om_den_andra(kontroll.insats),
    )


def _resurser_overskridna(insats: Insats) -> list[Varning]:
    """The operations in this one's window (this one included) need more people of an
    organisation taking part in it than the organisation pledged to the window: on this
    operation's day (people per operation day) or over the window (person-days). Without a
    pledge nothing is compared."""
    if insats.status in INAKTIVA_INSATSER:
        return []
    deltar = insats.deltaganden.exclude(svar=Deltagande.Svar.AVBOJD).values("organisation")
    loften = list(
        Resurslofte.objects.filter(fonster__in=fonster_for_insats(insats), organisation__in=deltar)
        .select_related("fonster", "organisation")
        .order_by("fonster__start", "organisation__namn")
    )
    fonster = {lofte.fonster_id: lofte.fonster for lofte in loften}
    behov = {
        pk: {b.organisation_id: b for b in behov_i_fonster(f).organisationer}
        for pk, f in fonster.items()
    }
    dag = timezone.localtime(insats.start).date()
    lista = []
    for lofte in loften:
        org = behov[lofte.fonster_id].get(lofte.organisation_id)
        if org is None:
            continue
        varden = {"org": lofte.organisation.namn, "fonster": lofte.fonster.titel}
        pa_dagen = org.per_dag.get(dag, 0)
        if lofte.personer is not None and pa_dagen > lofte.personer:
            text = _(
                "%(org)s har lovat %(lovat)s personer per insatsdag i %(fonster)s, men "
                "insatserna %(datum)s behöver %(behov)s."
            ) % {
                **varden,
                "lovat": lofte.personer,
                "datum": _datum(insats.start),
                "behov": pa_dagen,
            }
            lista.append(
                _resursvarning(lofte, f"{dag.isoformat()}:{lofte.personer}:{pa_dagen}", text)
            )
        if lofte.persondagar is not None and org.persondagar > lofte.persondagar:
            text = _(
                "%(org)s har lovat %(lovat)s persondagar i %(fonster)s, men insatserna där "
                "behöver %(behov)s."
            ) % {**varden, "lovat": lofte.persondagar, "behov": org.persondagar}
            lista.append(
                _resursvarning(lofte, f"persondagar:{lofte.persondagar}:{org.persondagar}", text)
            )
    return lista


def _resursvarning(lofte: Resurslofte, situation: str, text: str) -> Varning:
    """The key names the window, the organisation and the numbers: more people needed later
    is a new situation and warns again."""
    typ = T.RESURSER_OVERSKRIDNA
    return Varning(typ, f"{typ}:{lofte.fonster_id}:{lofte.organisation_id}:{situation}", text)


def _ledtider(insats: Insats, begaranden: list[Bemanningsbegaran]) -> list[Varning]:
    idag = timezone.localdate()
    varningar = []
    if idag > insats.objekt_deadline and insats.status == InsatsStatus.FORESLAGEN:
        varningar.append(
            Varning(
                T.LEDTID_OBJEKT,
                f"{T.LEDTID_OBJEKT}:{insats.objekt_deadline.isoformat()}",
                _(
                    "Objekten skulle ha varit klara %(datum)s; myndigheterna får kortare tid "
                    "att förbereda sig."
                )
                % {"datum": date_format(insats.objekt_deadline, "j F Y")},
            )
        )
    skickad_i_tid = any(
        timezone.localtime(b.skapad).date() <= insats.bemanning_deadline for b in begaranden
    )
    if idag > insats.bemanning_deadline and not skickad_i_tid:
        varningar.append(
            Varning(
                T.LEDTID_BEMANNING,
                f"{T.LEDTID_BEMANNING}:{insats.bemanning_deadline.isoformat()}",
                _(
                    "Polisen skulle ha fått begäran om bemanning senast %(datum)s; det är "
                    "osäkrare att poliser kan avdelas."
                )
                % {"datum": date_format(insats.bemanning_deadline, "j F Y")},
            )
        )
    return varningar


def _polis_ej_bekraftad(insats: Insats, begaranden: list[Bemanningsbegaran]) -> list[Varning]:
    grans = timezone.localdate() + timedelta(days=settings.POLIS_BEKRAFTAD_SENAST_DAGAR)
    if timezone.localtime(insats.start).date() > grans:
        return []
    if any(b.status in BESVARADE for b in begaranden):
        return []
    return [
        Varning(
            T.POLIS_EJ_BEKRAFTAD,
            f"{T.POLIS_EJ_BEKRAFTAD}:{timezone.localtime(insats.start).date().isoformat()}",
            _(
                "Insatsen är %(datum)s och polisen har inte bekräftat någon bemanning; utan polis "
                "kan den inte genomföras."
            )
            % {"datum": _datum(insats.start)},
        )
    ]


def _kontaktfunktioner_saknas(insats: Insats, begaranden: list[Bemanningsbegaran]) -> list[Varning]:
    """Who to call on the day: each agency that accepted, and the police of each LPO with active
    staffing, must have named a contact function with its phone."""
    if insats.status not in OPPNA_FOR_PLANERING:
        return []
    utan_kontakt = (
        insats.deltaganden.filter(svar=Deltagande.Svar.ACCEPTERAD)
        .exclude(roll=Deltagande.Roll.SAMORDNARE)
        .filter(Q(kontaktfunktion="") | Q(kontakttelefon=""))
        .select_related("organisation", "enhet")
        .order_by("organisation__namn", "enhet__namn")
    )
    varningar = [
        Varning(
            T.KONTAKTFUNKTION_SAKNAS,
            f"{T.KONTAKTFUNKTION_SAKNAS}:{d.organisation_id}:{d.enhet_id or ''}",
            _("%(org)s har inte angett sin kontaktfunktion och funktionstelefon under insatsen.")
            % {"org": d.enhet or d.organisation},
        )
        for d in utan_kontakt
    ]
    med_befal = set(
        Polisbefal.objects.filter(insats=insats)
        .exclude(funktion="")
        .exclude(telefon="")
        .values_list("lpo_id", flat=True)
    )
    lpoer = {b.lpo_id: b.lpo for b in begaranden if b.lpo_id not in med_befal}
    varningar += [
        Varning(
            T.KONTAKTFUNKTION_SAKNAS,
            f"{T.KONTAKTFUNKTION_SAKNAS}:lpo:{lpo.pk}",
            _("Polisen har inte angett befäl på plats och dess telefon för %(lpo)s.")
            % {"lpo": lpo.namn},
        )
        for lpo in sorted(lpoer.values(), key=lambda lpo: lpo.namn)
    ]
    return varningar


def varningar(insats: Insats) -> list[Varning]:
    """Every warning the operation has now, whether acknowledged or not."""
    begaranden = list(
        insats.bemanningsbegaranden.filter(status__in=AKTIVA_BEGARANDEN).select_related("lpo")
    )
    return [
        *_begransningsperioder(insats),
        *_objekt_nyligen_kontrollerade(insats),
        *_objekt_i_annan_insats(insats),
        *_enheter_dubbelbokade(insats),
        *_samma_plats(insats),
        *_personal_dubbelbokad(insats),
        *_resurser_overskridna(insats),
        *_ledtider(insats, begaranden),
        *_polis_ej_bekraftad(insats, begaranden),
    ]


def kontaktvarningar(insats: Insats) -> list[Varning]:
    """The contact functions still missing for the operation's day (see ``Varning.sparrar``)."""
    begaranden = insats.bemanningsbegaranden.filter(status__in=AKTIVA_BEGARANDEN)
    return _kontaktfunktioner_saknas(insats, list(begaranden.select_related("lpo")))


def okvitterade(insats: Insats, user=None) -> list[Varning]:
    """The warnings nobody has acknowledged, missing contacts included; as ``user`` reads them,
    when given."""
    kvitterade = set(insats.kvittenser.values_list("nyckel", flat=True))
    alla = [*varningar(insats), *kontaktvarningar(insats)]
    lista = [v for v in alla if v.nyckel not in kvitterade]
    return lista if user is None else som_anvandaren_ser_dem(user, lista)


def polisvarningar(user, insats: Insats, poliser) -> list[Varning]:
    """Officers already booked at the same time, at another operation or a meeting (police eyes
    only); the other booking as ``user`` may read it."""
    lista = personbokning.krockar(
        [p.pk for p in poliser], insats.start, insats.slut, personbokning.INSATS, insats.pk
    )
    return [
        Varning(
            T.PERSON_DUBBELBOKAD,
            f"{T.PERSON_DUBBELBOKAD}:{b.anvandare_id}:{b.slag}:{b.pk}",
            f"{krock.person}: {krock.vad}",
        )
        for b, krock in zip(lista, personbokning.som_lasaren_ser_dem(user, lista), strict=True)
    ]
