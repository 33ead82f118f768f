"""Business verbs of the evaluation of an operation: open it when the operation is carried out,
fill in and submit an agency's evaluation, close the joint evaluation, and remind of what is due.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import Bemanningsbegaran, Deltagande, Insats, Insatshandelse
from insatser.services import las_for_tillagg, markera_utvarderad, skriv_tidslinjepost
from insatser.workflow import BESVARADE, InsatsStatus
from karna.lasning import las
from karna.verb import verb
from myndigheter.models import Lokalpolisomrade, Myndighet
from utvardering import access
from utvardering.models import (
    Forbattringsomrade,
    Gemensamutvardering,
    Informationshinder,
    Myndighetsutvardering,
    Paminnelse,
    Utvarderingsfrist,
)
from utvardering.models.utvardering import FRIST_DAGAR_STANDARD
from utvardering.workflow import (
    GEMENSAM_UTVARDERING_WORKFLOW,
    MYNDIGHETSUTVARDERING_WORKFLOW,
)

# An agency is reminded this many days before the due date, and again on the day.
PAMINNELSE_DAGAR_FORE = 7


def frist_for(insats: Insats) -> date:
    """The due date: the days of the operation's collaboration form (30 unless configured)
    after the operation's last day."""
    dagar = (
        Utvarderingsfrist.objects.filter(samverkansform_id=insats.samverkansform_id)
        .values_list("dagar", flat=True)
        .first()
    )
    return timezone.localtime(insats.slut).date() + timedelta(days=dagar or FRIST_DAGAR_STANDARD)


def oppna_efter_genomforande(handelse: Insatshandelse) -> None:
    """Subscriber of ``INSATSEN_ANDRAD``: an operation carried out gets its joint evaluation."""
    if handelse.typ == "genomfor":
        oppna_utvardering(handelse.insats)


def _polisen() -> Myndighet | None:
    return Myndighet.objects.filter(ar_polis=True, aktiv=True).order_by("pk").first()


def _polisorganisation(begaran: Bemanningsbegaran) -> Myndighet | None:
    """The police organisation of the coordinator who answered the request, or the police."""
    profil = getattr(begaran.besvarad_av, "profil", None) if begaran.besvarad_av_id else None
    return profil.organisation if profil is not None else _polisen()


@verb(INSATSEN_ANDRAD)
def oppna_utvardering(insats: Insats) -> Gemensamutvardering:
    """Open the joint evaluation of a carried-out operation, with an evaluation to fill in for
    every organisation that took part (the police: per LPO that staffed it). Opening it again
    returns the one there is."""
    insats = las_for_tillagg(insats)
    befintlig = Gemensamutvardering.objects.filter(insats=insats).first()
    if befintlig is not None:
        return befintlig
    if insats.status != InsatsStatus.GENOMFORD:
        raise ValidationError(
            {"status": _("En gemensam utvärdering öppnas när insatsen har genomförts.")}
        )
    utvardering = Gemensamutvardering.objects.create(
        insats=insats,
        status=GEMENSAM_UTVARDERING_WORKFLOW.skapa("oppna"),
        frist=frist_for(insats),
    )
    organisationer = (
        Deltagande.objects.filter(
            insats=insats, svar=Deltagande.Svar.ACCEPTERAD, organisation__ar_polis=False
        )
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    rader = [
        Myndighetsutvardering(
            utvardering=utvardering,
            organisation_id=organisation_id,
            status=MYNDIGHETSUTVARDERING_WORKFLOW.skapa("skapa"),
        )
        for organisation_id in sorted(set(organisationer))
    ]
    begaranden = (
        insats.bemanningsbegaranden.filter(status__in=BESVARADE)
        .select_related("besvarad_av__profil__organisation")
        .order_by("lpo_id")
    )
    for begaran in begaranden:
        polis = _polisorganisation(begaran)
        if polis is not None:
            rader.append(
                Myndighetsutvardering(
                    utvardering=utvardering,
                    organisation=polis,
                    lpo_id=begaran.lpo_id,
                    status=MYNDIGHETSUTVARDERING_WORKFLOW.skapa("skapa"),
                )
            )
    Myndighetsutvardering.objects.bulk_create(rader, ignore_conflicts=True)
    skriv_tidslinjepost(
        insats, None, "utvardering_oppnad", text=date_format(utvardering.frist, "j F Y")
    )
    return utvardering


def _kraver_oppen(utvardering: Gemensamutvardering) -> None:
    if utvardering.status != Gemensamutvardering.Status.OPPEN:
        raise ValidationError(
            {"__all__": _("Den gemensamma utvärderingen är avslutad och kan inte ändras.")}
        )


def _rensa(rad: Myndighetsutvardering, data: dict) -> dict:
    """The fields the agency may fill in, checked; the police fields only for the police."""
    rensad = {}
    for falt in Myndighetsutvardering.IFYLLBARA:
        if falt not in data or (falt in Myndighetsutvardering.POLISFALT and rad.lpo_id is None):
            continue
        rensad[falt] = data[falt]
    for falt in ("timmar_fore", "timmar_under", "timmar_efter", "polistimmar"):
        varde = rensad.get(falt)
        if varde is not None and Decimal(varde) < 0:
            raise ValidationError({falt: _("Ange timmar som noll eller fler.")})
    if "lanande_lpoer" in rensad:
        koder = sorted(set(rensad["lanande_lpoer"]))
        if Lokalpolisomrade.objects.filter(kod__in=koder).count() != len(koder):
            raise ValidationError({"lanande_lpoer": _("Välj bland lokalpolisområdena.")})
        rensad["lanande_lpoer"] = koder
    if "informationshinder" in rensad:
        hinder = sorted(set(rensad["informationshinder"]))
        if not set(hinder) <= set(Informationshinder.values):
            raise ValidationError({"informationshinder": _("Välj bland hindren.")})
        rensad["informationshinder"] = hinder
        annat = rensad.get("informationshinder_annat", rad.informationshinder_annat).strip()
        if Informationshinder.ANNAT in hinder and not annat:
            raise ValidationError(
                {"informationshinder_annat": _("Beskriv det andra informationshindret.")}
            )
    return rensad


def _kontrollera_komplett(rad: Myndighetsutvardering) -> None:
    """A submitted evaluation rates every part and gives the hours spent."""
    fel = {}
    for falt in Myndighetsutvardering.BETYGSFALT:
        if not getattr(rad, falt):
            fel[falt] = _("Välj ett betyg innan du lämnar in.")
    for falt in ("timmar_fore", "timmar_under", "timmar_efter"):
        if getattr(rad, falt) is None:
            fel[falt] = _("Ange antal timmar innan du lämnar in.")
    if fel:
        raise ValidationError(fel)


@verb(INSATSEN_ANDRAD)
def spara_myndighetsutvardering(
    user, rad: Myndighetsutvardering, data: dict, *, version: int, lamna_in: bool = False
) -> Myndighetsutvardering:
    """Save the agency's evaluation as a draft, or submit it (``lamna_in``). A submitted one can
    still be changed while the joint evaluation is open; the history keeps every change, with
    who saved it."""
    if not access.lasbara_myndighetsutvarderingar(user).filter(pk=rad.pk).exists():
        raise Http404
    if not access.ifyllbara_myndighetsutvarderingar(user).filter(pk=rad.pk).exists():
        raise PermissionDenied(_("Bara den egna myndigheten kan fylla i sin utvärdering."))
    insats = las_for_tillagg(rad.utvardering.insats)
    rad = las(
        Myndighetsutvardering.objects.select_related("utvardering"),
        rad.pk,
        version,
        _("Någon annan har sparat utvärderingen sedan du öppnade den. Ladda om och försök igen."),
    )
    _kraver_oppen(rad.utvardering)
    for falt, varde in _rensa(rad, data).items():
        setattr(rad, falt, varde)
    if lamna_in and rad.status == Myndighetsutvardering.Status.INLAMNAD:
        lamna_in = False  # submitted already: this is a change, kept in the history
    if lamna_in:
        _kontrollera_komplett(rad)
        MYNDIGHETSUTVARDERING_WORKFLOW.overga(rad, "lamna_in")
        rad.inlamnad = timezone.now()
    elif rad.status == Myndighetsutvardering.Status.INLAMNAD:
        _kontrollera_komplett(rad)
    rad.andrad = timezone.now()
    rad.andrad_av = user
    rad.version += 1
    rad.save()
    if lamna_in:
        skriv_tidslinjepost(insats, user, "myndighetsutvardering_inlamnad", text=rad.namn)
    return rad


def saknade(utvardering: Gemensamutvardering) -> QuerySet[Myndighetsutvardering]:
    """The agency evaluations not yet submitted."""
    return utvardering.myndighetsutvarderingar.exclude(status=Myndighetsutvardering.Status.INLAMNAD)


@verb(INSATSEN_ANDRAD)
def avsluta_utvardering(
    user,
    utvardering: Gemensamutvardering,
    *,
    sammanfattning: str,
    styrkor: str = "",
    skal_for_saknade: str = "",
    version: int,
) -> Gemensamutvardering:
    """The coordinator closes the joint evaluation with a summary and the strengths seen; the
    operation moves to evaluated. Agencies that have not submitted need a stated reason."""
    if not access.synliga_utvarderingar(user).filter(pk=utvardering.pk).exists():
        raise Http404
    if not access.kan_avsluta(user, utvardering):
        raise PermissionDenied(
            _("Endast samordnare för den samordnande organisationen kan göra detta.")
        )
    insats = las_for_tillagg(utvardering.insats)
    utvardering = las(
        Gemensamutvardering,
        utvardering.pk,
        version,
        _("Utvärderingen har ändrats sedan du öppnade den. Ladda om och försök igen."),
    )
    _kraver_oppen(utvardering)
    if not sammanfattning.strip():
        raise ValidationError({"sammanfattning": _("Skriv en sammanfattning.")})
    if saknade(utvardering).exists() and not skal_for_saknade.strip():
        raise ValidationError(
            {
                "skal_for_saknade": _(
                    "Alla myndigheter har inte lämnat in sin utvärdering. Ange skälet för att "
                    "avsluta ändå."
                )
            }
        )
    GEMENSAM_UTVARDERING_WORKFLOW.overga(utvardering, "avsluta")
    utvardering.sammanfattning = sammanfattning.strip()
    utvardering.styrkor = styrkor.strip()
    utvardering.skal_for_saknade = skal_for_saknade.strip()
    utvardering.avslutad = timezone.now()
    utvardering.avslutad_av = user
    utvardering.version += 1
    utvardering.save()
    markera_utvarderad(user, insats, version=insats.version)
    return utvardering


# Reminders: each step once per agency evaluation, joint evaluation or improvement item, kept
# in ``Paminnelse`` whose unique constraints hold even when two runs overlap.


def _forsta_gangen(**mal) -> bool:
    _paminnelse, skapad = Paminnelse.objects.get_or_create(**mal)
    return skapad


def _steg(frist: date, idag: date) -> str | None:
    if frist == idag:
        return Paminnelse.Steg.DAGEN
    if frist - timedelta(days=PAMINNELSE_DAGAR_FORE) <= idag < frist:
        return Paminnelse.Steg.FORE
    return None


@verb(INSATSEN_ANDRAD)
def paminn_myndighet(rad: Myndighetsutvardering, steg: str) -> bool:
    """Remind the agency that has not filed: its invitation's answerers, or for the police the
    coordinators of the LPO through its staffing request."""
    insats = las_for_tillagg(rad.utvardering.insats)
    rad = Myndighetsutvardering.objects.select_related("utvardering").get(pk=rad.pk)
    if rad.status == Myndighetsutvardering.Status.INLAMNAD or not _forsta_gangen(
        steg=steg, myndighetsutvardering=rad
    ):
        return False
    if rad.lpo_id is not None:
        begaran = insats.bemanningsbegaranden.filter(lpo_id=rad.lpo_id, status__in=BESVARADE)
        skriv_tidslinjepost(
            insats, None, "utvardering_paminnelse", text=rad.namn, begaran=begaran.first()
        )
    else:
        deltagande = insats.deltaganden.filter(organisation_id=rad.organisation_id).order_by("pk")
        skriv_tidslinjepost(
            insats, None, "utvardering_paminnelse", text=rad.namn, deltagande=deltagande.first()
        )
    return True


@verb(INSATSEN_ANDRAD)
def paminn_om_forsenad(utvardering: Gemensamutvardering) -> bool:
    """Tell the coordinators, once, that the joint evaluation is past its due date."""
    insats = las_for_tillagg(utvardering.insats)
    utvardering = Gemensamutvardering.objects.get(pk=utvardering.pk)
    if utvardering.status != Gemensamutvardering.Status.OPPEN or not _forsta_gangen(
        steg=Paminnelse.Steg.FORSENAD, utvardering=utvardering
    ):
        return False
    antal = saknade(utvardering).count()
    text = (
        ngettext(
            "%(antal)s myndighet har inte lämnat in.",
            "%(antal)s myndigheter har inte lämnat in.",
            antal,
        )
        % {"antal": antal}
        if antal
        else ""
    )
    skriv_tidslinjepost(insats, None, "utvardering_forsenad", text=text)
    return True


@verb(INSATSEN_ANDRAD)
def paminn_om_forbattring(omrade: Forbattringsomrade, steg: str) -> bool:
    """Remind the responsible organisation (through its invitation to the operation that raised
    the item) and the operation's coordinators that an open item is nearly due."""
    insats = las_for_tillagg(omrade.insats)
    omrade = Forbattringsomrade.objects.get(pk=omrade.pk)
    if omrade.status == Forbattringsomrade.Status.ATGARDAD or not _forsta_gangen(
        steg=steg, forbattringsomrade=omrade
    ):
        return False
    deltagande = insats.deltaganden.filter(
        organisation_id=omrade.ansvarig_organisation_id
    ).order_by("pk")
    skriv_tidslinjepost(
        insats,
        None,
        "forbattring_paminnelse",
        text=omrade.text[:200],
        deltagande=deltagande.first(),
    )
    return True


def paminn_om_utvarderingar(idag: date | None = None) -> int:
    """Send every reminder due today; the number sent. Running it again sends none twice."""
    idag = idag or timezone.localdate()
    antal = 0
    # An operation marked evaluated some other way is not reminded of.
    oppna = Gemensamutvardering.objects.filter(
        status=Gemensamutvardering.Status.OPPEN, insats__status=InsatsStatus.GENOMFORD
    )
    fore = idag + timedelta(days=PAMINNELSE_DAGAR_FORE)
    for rad in (
        Myndighetsutvardering.objects.filter(
            utvardering__in=oppna.filter(frist__gte=idag, frist__lte=fore),
            status=Myndighetsutvardering.Status.UTKAST,
        )
        .select_related("utvardering", "organisation", "lpo")
        .order_by("utvardering__frist", "pk")
    ):
        steg = _steg(rad.utvardering.frist, idag)
        if steg is not None:
            antal += paminn_myndighet(rad, steg)
    for utvardering in oppna.filter(frist__lt=idag).exclude(
        paminnelser__steg=Paminnelse.Steg.FORSENAD
    ):
        antal += paminn_om_forsenad(utvardering)
    for omrade in Forbattringsomrade.objects.filter(
        status__in=[Forbattringsomrade.Status.OPPEN, Forbattringsomrade.Status.PAGAENDE],
        slutdatum__gte=idag,
        slutdatum__lte=fore,
    ).order_by("slutdatum", "pk"):
        steg = _steg(omrade.slutdatum, idag)
        if steg is not None:
            antal += paminn_om_forbattring(omrade, steg)
    return antal


__all__ = [
    "avsluta_utvardering",
    "frist_for",
    "oppna_efter_genomforande",
    "oppna_utvardering",
    "paminn_myndighet",
    "paminn_om_forbattring",
    "paminn_om_forsenad",
    "paminn_om_utvarderingar",
    "saknade",
    "spara_myndighetsutvardering",
]
