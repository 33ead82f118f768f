"""The steps of a build. Each takes the locked version and writes what it derives.

Rows are written only where they differ from what is stored, so a step run again changes
nothing; rows edited by hand are never written.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul import generering, granskning, lagring, placering, rendering, ritning
from arshjul.generering import Bokning, Kontext, Onskad, Period
from arshjul.models import (
    Arshjulsar,
    Arshjulshandelse,
    Arshjulsinsats,
    Aterkommanderegel,
    Begransningsperiod,
    Handelsetyp,
    Rotationsplats,
    Rotationsslag,
    Samverkansorgan,
)
from arshjul.models.val import BEGRANSNING, TIDSATTA_TYPER
from arshjul.selectors import begransningar_for_ar, innehall_for_ar, planerade_per_fonster
from arshjul.services.ombyggnad import (
    bokade_insatser,
    grundavtryck,
    insatsens_avtryck,
    summera,
)
from arshjul.tillagg import INSATSKALLA
from arshjul.workflow import VERSION_WORKFLOW, Byggsteg, VersionStatus
from myndigheter.models import Lokalpolisomrade


def _aktiva_regler(arshjul) -> list[Aterkommanderegel]:
    return list(
        Aterkommanderegel.objects.filter(arshjul=arshjul, aktiv=True)
        .select_related("organ", "lpo")
        .order_by("pk")
    )


def _andra(rad, falt: dict) -> bool:
    andrat = False
    for namn, varde in falt.items():
        if getattr(rad, namn) != varde:
            setattr(rad, namn, varde)
            andrat = True
    return andrat


def _upserta(modell, befintliga, onskade: list[Onskad], ar: int, arshjul, kvar=frozenset()):
    """Make the generated rows match ``onskade``, keyed by rule, year and occurrence.

    Rows edited by hand are left as they are. An obsolete row is deleted, unless it is in
    ``kvar`` (a window operations were planned in), which is kept with a note instead.
    """
    efter_nyckel = {(rad.regel_id, rad.forekomst): rad for rad in befintliga}
    nu = timezone.now()
    nya, resultat = [], {}
    for onskad in onskade:
        nyckel = (onskad.regel_id, onskad.forekomst)
        rad = efter_nyckel.pop(nyckel, None)
        if rad is None:
            rad = modell(
                arshjul=arshjul,
                ar=ar,
                regel_id=onskad.regel_id,
                forekomst=onskad.forekomst,
                andrad=nu,
                **onskad.falt,
            )
            nya.append(rad)
        elif not rad.handredigerad and _andra(rad, onskad.falt):
            rad.version += 1
            rad.andrad = nu
            rad.save()
        resultat[nyckel] = rad
    modell.objects.bulk_create(nya)
    for rad in efter_nyckel.values():
        if rad.handredigerad:
            continue
        if rad.pk in kvar:
            notis = _("Regeln ger inte längre det här fönstret; insatser är planerade i det.")
            if _andra(rad, {"planeringsnotis": notis}):
                rad.version += 1
                rad.andrad = nu
                rad.save()
        else:
            rad.delete()
    return resultat


def _perioder(arshjul, ar: int) -> list[Period]:
    return [
        Period(b.namn, b.fran, b.till, b.niva, b.kapacitet_procent, b.lpo_id, b.polisregion_id)
        for b in begransningar_for_ar(
            Begransningsperiod.objects.filter(arshjul=arshjul), ar
        ).order_by("fran", "pk")
    ]


def _kontext(arshjul, ar: int, regler) -> Kontext:
    """Blackouts, and the slots taken by hand-edited events, which a build never moves."""
    organ = Samverkansorgan.objects.filter(
        pk__in={r.organ_id for r in regler if r.organ_id}
        | set(
            Arshjulshandelse.objects.filter(
                arshjul=arshjul, ar=ar, organ__isnull=False
            ).values_list("organ_id", flat=True)
        )
    ).prefetch_related("enheter")
    organ_enheter = {o.pk: frozenset(e.pk for e in o.enheter.all()) for o in organ}
    fasta = Arshjulshandelse.objects.filter(
        arshjul=arshjul, ar=ar, handredigerad=True, installd=False
    ).prefetch_related("deltagande_enheter")
    bokningar = [
        Bokning(
            h.start,
            h.slut,
            h.organ_id,
            organ_enheter.get(h.organ_id, frozenset())
            | frozenset(e.pk for e in h.deltagande_enheter.all()),
            h.lpo_id,
            h.typ == Handelsetyp.INSATSFONSTER,
        )
        for h in fasta
    ]
    lpo_ids = {r.lpo_id for r in regler if r.lpo_id} | set(
        arshjul.lpoer.values_list("pk", flat=True)
    )
    lpo_region = dict(
        Lokalpolisomrade.objects.filter(pk__in=lpo_ids).values_list("pk", "region_id")
    )
    return Kontext(ar, _perioder(arshjul, ar), bokningar, organ_enheter, lpo_region)


def _med_insatser(handelser) -> set[int]:
    """The windows among ``handelser`` that operations were planned in."""
    return INSATSKALLA().fonster_med_insatser(handelser.values_list("pk", flat=True))


def _titel(regel) -> str:
    if regel.typ == Handelsetyp.INSATSFONSTER:
        return _("Insatsfönster %(lpo)s") % {"lpo": regel.lpo.namn}
    if regel.typ in TIDSATTA_TYPER and regel.organ_id:
        return regel.organ.namn
    return regel.namn


def expandera(version) -> None:
    """Blackout periods first, then meetings, deadlines and the like, in dependency order."""
    rad = version.arshjulsar
    arshjul, ar = rad.arshjul, rad.ar
    regler = _aktiva_regler(arshjul)
    begransningsregler = [r for r in regler if r.typ == BEGRANSNING]
    _upserta(
        Begransningsperiod,
        Begransningsperiod.objects.filter(arshjul=arshjul, ar=ar, regel__isnull=False),
        generering.expandera_begransningar(begransningsregler, ar),
        ar,
        arshjul,
    )
    handelseregler = [r for r in regler if r.typ not in (BEGRANSNING, Handelsetyp.INSATSFONSTER)]
    kontext = _kontext(arshjul, ar, regler)
    onskade = []
    for regel in generering.ordna_regler(handelseregler):
        onskade += generering.expandera_regel(regel, kontext, _titel(regel))
    fonsterregler = [r.pk for r in regler if r.typ == Handelsetyp.INSATSFONSTER]
    befintliga = Arshjulshandelse.objects.filter(
        arshjul=arshjul, ar=ar, regel__isnull=False
    ).exclude(regel__in=fonsterregler)
    resultat = _upserta(
        Arshjulshandelse, befintliga, onskade, ar, arshjul, kvar=_med_insatser(befintliga)
    )
    _koppla_beroenden(onskade, resultat)


def _koppla_beroenden(onskade: list[Onskad], resultat: dict) -> None:
    """Point each dependent occurrence at the occurrence it comes after."""
    per_regel: dict[int, list] = defaultdict(list)
    for (regel_id, _forekomst), rad in sorted(resultat.items()):
        per_regel[regel_id].append(rad)
    for onskad in onskade:
        rad = resultat[(onskad.regel_id, onskad.forekomst)]
        if rad.handredigerad:
            continue
        mal = None
        if onskad.beroende_av is not None:
            kandidater = per_regel.get(onskad.beroende_av[0], [])
            mal = resultat.get(onskad.beroende_av) or (kandidater[-1] if kandidater else None)
        if rad.beroende_av_id != (mal.pk if mal else None):
            rad.beroende_av = mal
            rad.save(update_fields=["beroende_av"])


def placera(version) -> None:
    """Operation windows, placed around blackouts and each other; notes go to the report."""
    rad = version.arshjulsar
    arshjul, ar = rad.arshjul, rad.ar
    regler = _aktiva_regler(arshjul)
    fonsterregler = sorted(
        (r for r in regler if r.typ == Handelsetyp.INSATSFONSTER),
        key=lambda r: (r.lpo.namn, r.pk),
    )
    kontext = _kontext(arshjul, ar, regler)
    onskade, notiser = [], []
    for index, regel in enumerate(fonsterregler):
        fonster, regelns_notiser = placering.placera_fonster(
            regel, kontext, _titel(regel), regel.lpo.namn, forskjutning=index
        )
        onskade += fonster
        notiser += regelns_notiser
    befintliga = Arshjulshandelse.objects.filter(
        arshjul=arshjul, ar=ar, regel__in=[r.pk for r in fonsterregler]
    )
    _upserta(Arshjulshandelse, befintliga, onskade, ar, arshjul, kvar=_med_insatser(befintliga))
    version.rapport = {**version.rapport, "placering": [n.som_dict() for n in notiser]}


def rotera(version) -> None:
    """Chair and note-taker in turn over each body's meetings of the year.

    The turn restarts every year; a hand-edited meeting keeps its own chair but takes its turn.
    """
    rad = version.arshjulsar
    moten = list(
        Arshjulshandelse.objects.filter(
            arshjul=rad.arshjul,
            ar=rad.ar,
            installd=False,
            organ__isnull=False,
            typ__in=TIDSATTA_TYPER,
        ).order_by("start", "pk")
    )
    platser: dict[tuple[int, str], list[Rotationsplats]] = defaultdict(list)
    for plats in Rotationsplats.objects.filter(organ__in={m.organ_id for m in moten}).order_by(
        "ordning"
    ):
        platser[(plats.organ_id, plats.slag)].append(plats)
    tur: dict[int, int] = defaultdict(int)
    for mote in moten:
        index = tur[mote.organ_id]
        tur[mote.organ_id] += 1
        if mote.handredigerad:
            continue
        falt = {}
        for slag, org_falt, funktion_falt in (
            (Rotationsslag.ORDFORANDE, "ordforande_org_id", "ordforande_funktion"),
            (Rotationsslag.ANTECKNARE, "antecknare_org_id", "antecknare_funktion"),
        ):
            lista = platser.get((mote.organ_id, slag))
            plats = lista[index % len(lista)] if lista else None
            falt[org_falt] = plats.organisation_id if plats else None
            falt[funktion_falt] = plats.funktion if plats else ""
        if _andra(mote, falt):
            mote.version += 1
            mote.save()


def _planerade(arshjul, ar: int) -> list[granskning.Planerad]:
    return [
        granskning.Planerad(
            h.pk, h.regel_id, h.forekomst, h.organ_id, h.typ, h.heldag, h.start, h.slut
        )
        for h in Arshjulshandelse.objects.filter(arshjul=arshjul, ar=ar, installd=False).order_by(
            "start", "pk"
        )
    ]


def granska(version) -> None:
    """Minimum counts, rule order, and operations that lie outside the window they are in."""
    rad = version.arshjulsar
    regler = _aktiva_regler(rad.arshjul)
    planerade = _planerade(rad.arshjul, rad.ar)
    bokade = [b for b in bokade_insatser(rad) if b.fonster_id is not None]
    fonster = Arshjulshandelse.objects.filter(
        arshjul=rad.arshjul, ar=rad.ar, pk__in=[b.fonster_id for b in bokade]
    ).in_bulk()
    utanfor = [
        {"insats_id": b.pk, "handelse_id": b.fonster_id}
        for b in bokade
        if b.fonster_id in fonster
        and not (fonster[b.fonster_id].start <= b.start and b.slut <= fonster[b.fonster_id].slut)
    ]
    version.rapport = {
        **version.rapport,
        "minimikrav": granskning.minimikrav(regler, planerade, rad.ar),
        "ordning": granskning.ordningsfel(regler, planerade),
        "utanfor_fonster": utanfor,
    }


def motesbokningar(rad: Arshjulsar) -> list[granskning.Bokad]:
    """The meetings of a wheel's year with the body, units and persons each takes."""
    moten = Arshjulshandelse.objects.filter(
        arshjul=rad.arshjul, ar=rad.ar, installd=False, typ__in=TIDSATTA_TYPER
    ).prefetch_related(
        "deltagande_enheter",
        "deltagare",
        Prefetch("organ", queryset=Samverkansorgan.objects.prefetch_related("enheter")),
    )
    return [
        granskning.Bokad(
            "handelse",
            m.pk,
            m.start,
            m.slut,
            m.organ_id,
            frozenset(e.pk for e in m.deltagande_enheter.all())
            | (frozenset(e.pk for e in m.organ.enheter.all()) if m.organ_id else frozenset()),
            frozenset(u.pk for u in m.deltagare.all()),
        )
        for m in moten
    ]


def insatsbokning(pk, start, slut, enhet_ids, polis_ids) -> granskning.Bokad:
    return granskning.Bokad(
        "insats", pk, start, slut, enheter=frozenset(enhet_ids), polispersoner=frozenset(polis_ids)
    )


def insatsrad(rad: Arshjulsar, bokad) -> Arshjulsinsats:
    return Arshjulsinsats(
        arshjulsar=rad,
        insats_id=bokad.pk,
        start=bokad.start,
        slut=bokad.slut,
        fonster_id=bokad.fonster_id,
        lpo_ids=list(bokad.lpo_ids),
        enhet_ids=list(bokad.enhet_ids),
        polis_ids=list(bokad.polis_ids),
        avtryck=insatsens_avtryck(bokad),
    )


INSATSRADENS_FALT = (
    "arshjulsar_id",
    "insats_id",
    "start",
    "slut",
    "fonster_id",
    "lpo_ids",
    "enhet_ids",
    "polis_ids",
    "avtryck",
)


def skriv_insatsrader(rader: list[Arshjulsinsats]) -> None:
    """Insert the rows with PostgreSQL's COPY: an INSERT of a year's 20,000 rows with their
    arrays took seconds (most of it adapting the parameters), COPY a tenth of that."""
    if not rader:
        return
    tabell = Arshjulsinsats._meta.db_table
    with (
        connection.cursor() as markor,
        markor.cursor.copy(f"COPY {tabell} ({', '.join(INSATSRADENS_FALT)}) FROM STDIN") as kopia,
    ):
        for rad in rader:
            kopia.write_row([getattr(rad, falt) for falt in INSATSRADENS_FALT])


def kollisioner(version) -> None:
    """The same body, unit or person booked twice at the same time (meetings and operations).

    The operations read here are kept as the year's ``Arshjulsinsats`` rows with the sum of
    their hashes, from which one changed operation is taken in later (``inkrementell``)."""
    rad = version.arshjulsar
    bokade = bokade_insatser(rad)
    poster = motesbokningar(rad) + [
        insatsbokning(b.pk, b.start, b.slut, b.enhet_ids, b.polis_ids) for b in bokade
    ]
    version.rapport = {**version.rapport, "kollisioner": granskning.kollisioner(poster)}
    rader = {b.pk: insatsrad(rad, b) for b in bokade}
    # Only the rows that differ are written: a year of many operations changes a few at a time.
    sparade = dict(
        Arshjulsinsats.objects.filter(arshjulsar=rad).values_list("insats_id", "avtryck")
    )
    inaktuella = [
        pk for pk, avtryck in sparade.items() if getattr(rader.get(pk), "avtryck", None) != avtryck
    ]
    Arshjulsinsats.objects.filter(arshjulsar=rad, insats_id__in=inaktuella).delete()
    skriv_insatsrader([r for pk, r in rader.items() if sparade.get(pk) != r.avtryck])
    version.insatsavtryck = summera(0, [r.avtryck for r in rader.values()])
    version.grundavtryck = grundavtryck(rad)


def rendera_svg(version) -> None:
    """The SVG, and the count of operations in each window the files show, against which a
    changed operation is checked (``inkrementell``)."""
    version.byggd = timezone.now()
    innehall = innehall_for_ar(version.arshjulsar)
    lagring.spara(version, "svg", rendering.fil_svg(innehall).encode())
    version.rapport = {
        **version.rapport,
        "planerade": {
            str(pk): antal for pk, antal in planerade_per_fonster(rad=version.arshjulsar).items()
        },
    }


def rendera_pdf(version) -> None:
    innehall = innehall_for_ar(version.arshjulsar)
    svg = ritning.cirkel(innehall, forklaring=True)
    lagring.spara(version, "pdf", rendering.pdf(innehall, svg, version))


def rendera_ics(version) -> None:
    """The calendar file, and the version is ready: older unpublished versions are replaced."""
    innehall = innehall_for_ar(version.arshjulsar)
    lagring.spara(version, "ics", rendering.ics(innehall, version))
    VERSION_WORKFLOW.overga(version, "bli_klar")
    version.steg, version.framsteg = Byggsteg.KLART, 100
    version.felmeddelande = ""
    rad = version.arshjulsar
    for aldre in rad.versioner.filter(status=VersionStatus.KLAR, nummer__lt=version.nummer):
        VERSION_WORKFLOW.overga(aldre, "ersatt")
        lagring.ta_bort_filer(aldre)
        aldre.save()
    Arshjulsar.objects.filter(pk=rad.pk, hanterad_begaran__lt=version.begaran).update(
        hanterad_begaran=version.begaran
    )
