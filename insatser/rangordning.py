"""The add-object picker: the pool objects a coordinator may pick, ranked for one operation.

The score is a sum of named parts (``docs/planering.md`` has the table), computed in the
database so that the ranking is over the whole pool and a page costs the same number of queries
whatever its size. Every part a row scored is also said in words (``skal``).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insatser.models import Deltagande, Insats, Kontroll
from insatser.tillagg import RANGORDNINGENS_FORBATTRINGAR
from insatser.workflow import InsatsStatus, KontrollStatus
from myndigheter.models import Omradesbedomning
from objekt.access import MYNDIGHETSINTRESSE_POLICY, Handling
from objekt.models import Myndighetsintresse, Objekt
from objekt.selectors import med_klass_idag, objektpool

# Per invited (not declined) agency that marked the object relevant.
VIKT_RELEVANT = 3
# Never inspected in a carried-out operation.
VIKT_ALDRIG_KONTROLLERAT = 4
# Per full year since the last control, at most KONTROLL_AR_TAK years.
VIKT_PER_AR_SEDAN_KONTROLL = 1
KONTROLL_AR_TAK = 3
# Per open improvement area the coordinator may see.
VIKT_FORBATTRINGSOMRADE = 2
# In one of the operation's LPOs; otherwise in one of its municipalities.
VIKT_SAMMA_LPO = 2
VIKT_SAMMA_KOMMUN = 1
# The vulnerable area's class in force today.
VIKT_KLASS = {
    Omradesbedomning.Klass.SUO: 3,
    Omradesbedomning.Klass.RO: 2,
    Omradesbedomning.Klass.UO: 1,
    Omradesbedomning.Klass.EJ_ANGIVEN: 1,
}

GENOMFORDA = [InsatsStatus.GENOMFORD, InsatsStatus.UTVARDERAD]


def inbjudna_organisationer(insats: Insats) -> QuerySet:
    """The agencies invited to the operation that have not declined (not the coordinator)."""
    return (
        Deltagande.objects.filter(insats=insats, roll=Deltagande.Roll.DELTAGARE)
        .exclude(svar=Deltagande.Svar.AVBOJD)
        .values("organisation_id")
        .distinct()
    )


def rangordnad_objektpool(user, insats: Insats) -> QuerySet[Objekt]:
    """The pool objects the user may pick (``VALJA``) and the operation does not hold yet, each
    annotated with its score ``poang`` and the parts of it, best first."""
    objekt = med_klass_idag(objektpool(user)).exclude(kontroller__insats=insats)
    objekt = objekt.annotate(
        relevanta=_relevanta_for_inbjudna(user, insats),
        senast_kontrollerad=_senaste_kontroll(),
        forbattringar=_oppna_forbattringsomraden(user),
        samma_lpo=ExpressionWrapper(
            Q(lpo__in=insats.lpoer.values("pk")), output_field=BooleanField()
        ),
        samma_kommun=ExpressionWrapper(
            Q(kommun__in=insats.kommuner.values("pk")), output_field=BooleanField()
        ),
    )
    return (
        objekt.annotate(
            poang=F("relevanta") * VIKT_RELEVANT
            + _kontrollpoang()
            + F("forbattringar") * VIKT_FORBATTRINGSOMRADE
            + _omradespoang()
            + _klasspoang()
        )
        .select_related("kommun", "lpo", "utsatt_omrade")
        .order_by("-poang", "namn", "pk")
    )


def _relevanta_for_inbjudna(user, insats: Insats):
    """How many of the invited agencies marked the object relevant, of the marks the user may
    read (coordinators read every agency's)."""
    markeringar = (
        MYNDIGHETSINTRESSE_POLICY.filtrera(user, Handling.SE)
        .filter(
            objekt=OuterRef("pk"),
            relevans=Myndighetsintresse.Relevans.RELEVANT,
            organisation_id__in=inbjudna_organisationer(insats),
        )
        .order_by()
        .values("objekt")
        .annotate(antal=Count("organisation", distinct=True))
        .values("antal")
    )
    return Coalesce(Subquery(markeringar, output_field=IntegerField()), 0)


def _senaste_kontroll():
    """The day of the object's last control carried out in a carried-out operation."""
    kontroller = (
        Kontroll.objects.filter(
            objekt=OuterRef("pk"),
            status=KontrollStatus.GENOMFORD,
            insats__status__in=GENOMFORDA,
        )
        .order_by()
        .values("objekt")
        .annotate(senast=Max("insats__start"))
        .values("senast")
    )
    return Subquery(kontroller)


def _oppna_forbattringsomraden(user):
    """The open improvement areas the user may see, as the apps above count them."""
    uttryck = Value(0)
    for bidrag in RANGORDNINGENS_FORBATTRINGAR.samla(user):
        uttryck = uttryck + Coalesce(bidrag, 0)
    return ExpressionWrapper(uttryck, output_field=IntegerField())


def _kontrollpoang():
    """Never controlled scores highest; otherwise the longer ago, the more."""
    nu = timezone.now()
    ar_sedan = [
        When(
            senast_kontrollerad__lte=nu - timedelta(days=365 * ar),
            then=Value(ar * VIKT_PER_AR_SEDAN_KONTROLL),
        )
        for ar in range(KONTROLL_AR_TAK, 0, -1)
    ]
    return Case(
        When(senast_kontrollerad__isnull=True, then=Value(VIKT_ALDRIG_KONTROLLERAT)),
        *ar_sedan,
        default=Value(0),
        output_field=IntegerField(),
    )


def _omradespoang():
    return Case(
        When(samma_lpo=True, then=Value(VIKT_SAMMA_LPO)),
        When(samma_kommun=True, then=Value(VIKT_SAMMA_KOMMUN)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _klasspoang():
    return Case(
        *(When(klass_idag=klass, then=Value(vikt)) for klass, vikt in VIKT_KLASS.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def skal(objekt: Objekt, antal_inbjudna: int) -> list[str]:
    """Why the object is ranked where it is: each part of its score, in words."""
    delar = []
    if antal_inbjudna:
        delar.append(
            ngettext(
                "%(antal)s av %(av)s inbjuden myndighet markerade relevant",
                "%(antal)s av %(av)s inbjudna myndigheter markerade relevant",
                antal_inbjudna,
            )
            % {"antal": objekt.relevanta, "av": antal_inbjudna}
        )
    if objekt.senast_kontrollerad is None:
        delar.append(_("aldrig kontrollerat"))
    else:
        delar.append(
            _("senast kontrollerat %(datum)s")
            % {"datum": date_format(timezone.localtime(objekt.senast_kontrollerad), "j F Y")}
        )
    if objekt.forbattringar:
        delar.append(
            ngettext(
                "%(antal)s öppet förbättringsområde",
                "%(antal)s öppna förbättringsområden",
                objekt.forbattringar,
            )
            % {"antal": objekt.forbattringar}
        )
    if objekt.samma_lpo:
        delar.append(_("i insatsens lokalpolisområde"))
    elif objekt.samma_kommun:
        delar.append(_("i insatsens kommun"))
    if objekt.klass_idag in VIKT_KLASS:
        etikett = str(Omradesbedomning.Klass(objekt.klass_idag).label)
        delar.append(etikett[:1].lower() + etikett[1:])
    return delar
