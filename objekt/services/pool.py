"""Business verbs of the object pool: propose, edit, move along the workflow, mark relevance."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from karna import referens
from karna.lasning import Konflikt, las, spara_ny_version
from karna.policy import Aktor
from karna.verb import verb
from myndigheter.models import Kommun, Lokalpolisomrade, Stadsomrade, UtsattOmrade
from objekt import access
from objekt.access import Handling
from objekt.effekter import OBJEKT_ANDRAT
from objekt.models import (
    Informationsmall,
    Myndighetsintresse,
    Objekt,
    Problemkategori,
    normaliserad_adress,
)
from objekt.services.uppgifter import registrera_objektuppgift
from objekt.workflow import OBJEKT_WORKFLOW, SYSTEMOVERGANGAR

# The fields a proposal or an edit sets; the same names as the form's.
IDENTITETSFALT = ("organisationsnummer", "adress", "kommun")


class MojligDubblett(ValidationError):  # noqa: N818 - domain name: "possible duplicate"
    """Objects with the same organisation number, or address in the municipality, exist.

    ``synliga`` are those the user may see (and is shown); ``antal_dolda`` the others, of which
    the user learns only that they exist.
    """

    def __init__(self, user, dubbletter: QuerySet[Objekt]):
        ids = list(dubbletter.values_list("pk", flat=True))
        self.synliga = list(
            access.synliga_objekt(user).filter(pk__in=ids).select_related("kommun").order_by("pk")
        )
        self.antal_dolda = len(ids) - len(self.synliga)
        super().__init__(
            {
                "spara_anda": _(
                    "Ett objekt med samma organisationsnummer eller adress finns redan. "
                    "Kontrollera att det inte är samma objekt. Kryssa i ”Spara ändå” om "
                    "det är ett annat objekt."
                )
            }
        )


def mojliga_dubbletter(
    organisationsnummer: str, adress: str, kommun: Kommun, utom: Objekt | None = None
) -> QuerySet[Objekt]:
    """Every object, seen or not, with the same number or the same normalised address there."""
    villkor = Q(kommun=kommun, adress_normaliserad=normaliserad_adress(Value(adress)))
    if organisationsnummer:
        villkor |= Q(organisationsnummer=organisationsnummer)
    dubbletter = Objekt.objects.filter(villkor)
    return dubbletter.exclude(pk=utom.pk) if utom is not None else dubbletter


def _nasta_referens() -> str:
    """A readable reference such as ``OBJ-2026-00042``, unique per year."""
    return referens.nasta_referens(Objekt, f"OBJ-{timezone.localdate().year}-", 5)


def _harled_plats(data: dict) -> None:
    """Check the place fields against each other and derive the LPO when it is not chosen."""
    kommun: Kommun = data["kommun"]
    stadsomrade: Stadsomrade | None = data.get("stadsomrade")
    omrade: UtsattOmrade | None = data.get("utsatt_omrade")
    if stadsomrade is not None and stadsomrade.kommun_id != kommun.pk:
        raise ValidationError(
            {"stadsomrade": _("Stadsområdet ligger inte i %(kommun)s.") % {"kommun": kommun}}
        )
    if omrade is not None and omrade.kommun_id not in (None, kommun.pk):
        raise ValidationError(
            {
                "utsatt_omrade": _("Det utsatta området ligger inte i %(kommun)s.")
                % {"kommun": kommun}
            }
        )
    if data.get("lpo") is None:
        data["lpo"] = stadsomrade.lpo if stadsomrade is not None else _enda_lpo(kommun)


def _enda_lpo(kommun: Kommun) -> Lokalpolisomrade | None:
    """The municipality's LPO when it has exactly one; otherwise the user chooses."""
    lpoer = list(kommun.lokalpolisomraden.all()[:2])
    return lpoer[0] if len(lpoer) == 1 else None


def _kontrollera_dubbletter(user, objekt: Objekt, spara_anda: bool, utom=None) -> None:
    dubbletter = mojliga_dubbletter(
        objekt.organisationsnummer, objekt.adress, objekt.kommun, utom=utom
    )
    if not dubbletter.exists():
        return
    if not spara_anda:
        raise MojligDubblett(user, dubbletter)
    objekt.dubblett_kvitterad_av = user
    objekt.dubblett_kvitterad = timezone.now()


def _validera(objekt: Objekt) -> None:
    """The model's own rules (check digit, postal code, lengths), which also normalise."""
    objekt.full_clean(exclude=["referens", "foreslaget_av_organisation"])


@verb()
def foresla_objekt(
    user,
    *,
    problemkategorier: Iterable[Problemkategori] = (),
    spara_anda: bool = False,
    mall: Informationsmall | None = None,
    uppgifter: dict | None = None,
    **falt,
) -> Objekt:
    """Propose an object for the pool, with the answers to one's organisation's template.

    ``falt`` are the object's fields (namn, objekttyp, organisationsnummer, adress, postnummer,
    postort, kommun, stadsomrade, lpo, utsatt_omrade, reserv). A possible duplicate is refused
    with ``MojligDubblett`` unless ``spara_anda``, which is then recorded on the object.
    """
    if not access.ar_poolanvandare(user):
        raise PermissionDenied(_("Du kan inte föreslå objekt."))
    _harled_plats(falt)
    profil = user.profil
    objekt = Objekt(
        **falt,
        status=OBJEKT_WORKFLOW.skapa("foresla"),
        referens="",
        foreslaget_av=user,
        foreslaget_av_organisation_id=Aktor.for_user(user).organisation_id,
        foreslaget_av_enhet_id=profil.enhet_id,
    )
    _validera(objekt)
    _kontrollera_dubbletter(user, objekt, spara_anda)
    objekt.referens = _nasta_referens()
    objekt.save()
    objekt.problemkategorier.set(problemkategorier)
    if mall is not None and uppgifter:
        registrera_objektuppgift(user, objekt, mall, uppgifter)
    return objekt


def _konflikttext() -> str:
    return _(
        "Objektet har ändrats av någon annan sedan du öppnade det. "
        "Ladda om sidan och gör ändringen igen."
    )


def _las_objekt(user, objekt: Objekt, handling: str) -> Objekt:
    """Lock the row, 404 outside the user's view, 403 without the right."""
    last = Objekt.objects.select_for_update().get(pk=objekt.pk)
    if not access.kan(user, Handling.SE, last):
        raise Http404
    if not access.kan(user, handling, last):
        raise PermissionDenied(_("Du får inte göra detta med objektet."))
    return last


def _las(user, objekt: Objekt, handling: str, version: int) -> Objekt:
    """As ``_las_objekt``, and ``Konflikt`` if the version the user saw is stale."""
    last = _las_objekt(user, objekt, handling)
    return las(Objekt, last.pk, version, _konflikttext())


def _spara_ny_version(objekt: Objekt) -> None:
    spara_ny_version(objekt)


@verb(OBJEKT_ANDRAT)
def andra_objekt(
    user,
    objekt: Objekt,
    *,
    version: int,
    problemkategorier: Iterable[Problemkategori] = (),
    spara_anda: bool = False,
    **falt,
) -> Objekt:
    """Edit the object's information; a stale ``version`` overwrites nothing."""
    objekt = _las(user, objekt, Handling.ANDRA, version)
    _harled_plats(falt)
    fore = {namn: getattr(objekt, namn) for namn in IDENTITETSFALT}
    for namn, varde in falt.items():
        setattr(objekt, namn, varde)
    _validera(objekt)
    if any(getattr(objekt, namn) != fore[namn] for namn in IDENTITETSFALT):
        _kontrollera_dubbletter(user, objekt, spara_anda, utom=objekt)
    _spara_ny_version(objekt)
    objekt.problemkategorier.set(problemkategorier)
    OBJEKT_ANDRAT.utlos(objekt_id=objekt.pk)
    return objekt


@verb()
def andra_objektstatus(user, objekt: Objekt, overgang: str, version: int) -> Objekt:
    """A coordinator moves the object along the workflow (not the operation-driven steps)."""
    objekt = _las(user, objekt, Handling.HANTERA, version)
    if overgang not in OBJEKT_WORKFLOW.overgangar or overgang in SYSTEMOVERGANGAR:
        raise ValidationError(
            {"overgang": _("Välj en av statusändringarna som erbjuds för objektet.")}
        )
    OBJEKT_WORKFLOW.overga(objekt, overgang)
    _spara_ny_version(objekt)
    return objekt


@verb()
def andra_reserv(user, objekt: Objekt, reserv: bool, version: int) -> Objekt:
    """A coordinator marks the object as a reserve for short-notice changes, or unmarks it."""
    objekt = _las(user, objekt, Handling.HANTERA, version)
    objekt.reserv = reserv
    _spara_ny_version(objekt)
    return objekt


def _folj_insats(objekt: Objekt, overgang: str) -> None:
    """Follow an operation's event when the workflow allows it; otherwise leave the status.

    An object already planned, controlled in an earlier operation, or closed keeps its status:
    the operation's own verb must not fail over the object's bookkeeping.
    """
    objekt = Objekt.objects.select_for_update().get(pk=objekt.pk)
    steg = OBJEKT_WORKFLOW.overgangar[overgang]
    if objekt.status in steg.fran:
        OBJEKT_WORKFLOW.overga(objekt, overgang)
        _spara_ny_version(objekt)


@verb()
def objekt_planerat(objekt: Objekt) -> None:
    """A control of the object was added to an operation."""
    _folj_insats(objekt, "planera")


@verb()
def objekt_kontrollerat(objekt: Objekt) -> None:
    """A control of the object was carried out."""
    _folj_insats(objekt, "kontrollera")


KRAVER_GRUND = {Myndighetsintresse.Relevans.RELEVANT, Myndighetsintresse.Relevans.EJ_RELEVANT}


@verb()
def markera_relevans(
    user, objekt: Objekt, relevans: str, grund: str, lagstod: str, *, version: int
) -> Myndighetsintresse:
    """Record whether the object is relevant for the user's organisation (one mark per agency).

    ``version`` is that of the mark the form showed (0 when there was none), so that two people
    of the same agency do not overwrite each other's judgement unseen.
    """
    objekt = _las_objekt(user, objekt, Handling.MARKERA_RELEVANS)
    if relevans not in Myndighetsintresse.Relevans.values:
        raise ValidationError({"relevans": _("Välj om objektet är relevant för er.")})
    grund, lagstod = grund.strip(), lagstod.strip()
    if relevans in KRAVER_GRUND and not grund:
        raise ValidationError(
            {"grund": _("Ange varför objektet är eller inte är relevant för er.")}
        )
    organisation_id = Aktor.for_user(user).organisation_id
    markering = (
        Myndighetsintresse.objects.select_for_update()
        .filter(objekt=objekt, organisation_id=organisation_id)
        .first()
    )
    if (markering.version if markering else 0) != version:
        raise Konflikt(
            _(
                "Någon i din organisation har bedömt objektet sedan du öppnade sidan. "
                "Ladda om sidan och se deras bedömning först."
            )
        )
    if markering is None:
        markering = Myndighetsintresse(objekt=objekt, organisation_id=organisation_id, version=0)
    markering.relevans = relevans
    markering.grund = grund
    markering.lagstod = lagstod
    markering.bedomd_av = user
    markering.datum = timezone.now()
    markering.version += 1
    markering.save()
    return markering
