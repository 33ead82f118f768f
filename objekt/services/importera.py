"""Importing objects from a file: upload (checked without parsing), then read and created row by
row in a task.

The upload request checks only what needs no parsing (``importfil.kontrollera_uppladdning``), so
a hostile or huge file cannot hold it; the task reads the file with its limits
(``importfil.las_fil``), and a refused file fails the import with the refusal's message.

Each row is validated by ``ObjektForm`` and created by ``foresla_objekt``, exactly as a proposal
in the browser, in its own transaction together with its ``Importrad``. A row with an
``Importrad`` is done, so the task can run again, or after a worker died, without creating any
row twice; the import row's lock keeps two runs of the same import from interleaving.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from karna.policy import Aktor
from karna.verb import verb
from myndigheter.models import Kommun, Lokalpolisomrade, Stadsomrade, UtsattOmrade
from objekt import access
from objekt.effekter import IMPORT_UPPLADDAD
from objekt.forms import ObjektForm
from objekt.importfil import KOLUMN_FOR_FALT, Inlast, kontrollera_uppladdning, las_fil
from objekt.models import Importrad, Objektimport, Objekttyp, Problemkategori
from objekt.services.pool import MojligDubblett, foresla_objekt
from objekt.workflow import IMPORT_WORKFLOW

JA = {"ja", "j", "x", "1", "sant", "true", "yes"}
NEJ = {"", "nej", "n", "0", "falskt", "false", "no"}
_KATEGORISKILJE = re.compile(r"[,;|]")


@verb(IMPORT_UPPLADDAD)
def skapa_import(user, fil, importera_dubbletter: bool) -> Objektimport:
    """Check the file without parsing it, store it and queue the reading; the task counts the rows.

    A refused file raises ValidationError on ``fil`` and nothing is saved.
    """
    if not access.ar_poolanvandare(user):
        raise PermissionDenied(_("Du kan inte importera objekt."))
    andelse = kontrollera_uppladdning(fil)
    objektimport = Objektimport(
        status=IMPORT_WORKFLOW.skapa("ladda_upp"),
        organisation_id=Aktor.for_user(user).organisation_id,
        uppladdad_av=user,
        filnamn=fil.name[:255],
        importera_dubbletter=importera_dubbletter,
    )
    objektimport.fil.save(f"import.{andelse}", fil, save=False)
    objektimport.save()
    IMPORT_UPPLADDAD.utlos(import_id=objektimport.pk)
    return objektimport


class Uppslag:
    """The file's names for reference rows, turned into the codes the form takes."""

    def __init__(self):
        self.objekttyp = {}
        for varde, etikett in Objekttyp.choices:
            self.objekttyp[varde.casefold()] = varde
            self.objekttyp[str(etikett).casefold()] = varde
        self.kommun = self._koder(Kommun)
        self.stadsomrade = self._koder(Stadsomrade)
        self.lpo = self._koder(Lokalpolisomrade)
        self.utsatt_omrade = self._koder(UtsattOmrade)
        self.problemkategorier = self._koder(Problemkategori)

    @staticmethod
    def _koder(modell) -> dict[str, str]:
        koder = {}
        for kod, namn in modell.objects.values_list("kod", "namn"):
            koder[kod.casefold()] = kod
            koder[namn.casefold()] = kod
        return koder

    def formdata(self, rad: dict[str, str]) -> tuple[dict, list[dict]]:
        """Form data for one row, and the errors in values only the file can get wrong."""
        data = dict(rad)
        fel = []
        for falt in ("objekttyp", "kommun", "stadsomrade", "lpo", "utsatt_omrade"):
            if data.get(falt):
                data[falt] = getattr(self, falt).get(data[falt].casefold(), data[falt])
        data["problemkategorier"] = [
            self.problemkategorier.get(namn.strip().casefold(), namn.strip())
            for namn in _KATEGORISKILJE.split(rad.get("problemkategorier", ""))
            if namn.strip()
        ]
        reserv = rad.get("reserv", "").casefold()
        if reserv not in JA | NEJ:
            fel.append(_rapportfel("reserv", _("Skriv ja eller nej.")))
        data["reserv"] = "on" if reserv in JA else ""
        return data, fel


def _rapportfel(falt: str, meddelande: str, varde: str = "") -> dict:
    kolumn = KOLUMN_FOR_FALT.get(falt)
    if varde:
        meddelande = _("%(fel)s (värdet var ”%(varde)s”)") % {"fel": meddelande, "varde": varde}
    return {"kolumn": str(kolumn.rubrik) if kolumn else "", "meddelande": str(meddelande)}


def _felrader(fel: ValidationError | dict, rad: dict[str, str]) -> list[dict]:
    felmap = fel.message_dict if isinstance(fel, ValidationError) else fel
    return [
        _rapportfel(falt, meddelande, rad.get(falt, "") if falt in KOLUMN_FOR_FALT else "")
        for falt, meddelanden in felmap.items()
        for meddelande in meddelanden
    ]


def _dubblettext(objektimport: Objektimport, dubblett: MojligDubblett) -> str:
    fran_filen = dict(
        objektimport.rader.filter(
            objekt__in=dubblett.synliga, utfall=Importrad.Utfall.SKAPAD
        ).values_list("objekt_id", "radnummer")
    )
    delar = [
        _("%(referens)s %(namn)s (rad %(rad)s i filen)")
        % {"referens": o.referens, "namn": o.namn, "rad": fran_filen[o.pk]}
        if o.pk in fran_filen
        else f"{o.referens} {o.namn}"
        for o in dubblett.synliga
    ]
    if dubblett.antal_dolda:
        delar.append(_("%(antal)s objekt som du inte kan se") % {"antal": dubblett.antal_dolda})
    return _(
        "Möjlig dubblett: samma organisationsnummer eller adress som %(objekt)s. "
        "Raden importerades inte."
    ) % {"objekt": ", ".join(delar)}


def _importera_rad(import_id: int, user, radnummer: int, rad: dict, uppslag: Uppslag) -> None:
    with transaction.atomic():
        objektimport = Objektimport.objects.select_for_update().get(pk=import_id)
        if objektimport.rader.filter(radnummer=radnummer).exists():
            return
        data, fel = uppslag.formdata(rad)
        form = ObjektForm(data=data)
        utfall, objekt = Importrad.Utfall.FEL, None
        if not form.is_valid() or fel:
            fel += _felrader(form.errors, rad)
        else:
            try:
                objekt = foresla_objekt(
                    user, **{**form.verbdata(), "spara_anda": objektimport.importera_dubbletter}
                )
                utfall = Importrad.Utfall.SKAPAD
            except MojligDubblett as dubblett:
                utfall = Importrad.Utfall.DUBBLETT
                fel = [{"kolumn": "", "meddelande": _dubblettext(objektimport, dubblett)}]
            except ValidationError as valideringsfel:
                fel = _felrader(valideringsfel, rad)
        Importrad.objects.create(
            objektimport=objektimport, radnummer=radnummer, utfall=utfall, objekt=objekt, fel=fel
        )
        Objektimport.objects.filter(pk=import_id).update(
            behandlade=F("behandlade") + 1,
            skapade=F("skapade") + int(utfall == Importrad.Utfall.SKAPAD),
        )


def _avsluta(import_id: int, overgang: str, felmeddelande: str = "") -> None:
    IMPORT_WORKFLOW.overga_alla(
        Objektimport.objects.filter(pk=import_id),
        overgang,
        felmeddelande=felmeddelande,
        klar=timezone.now(),
    )


def avbryt_import(import_id: int) -> None:
    """Mark an import that will not be run again as failed; the rows already done stay done."""
    _avsluta(
        import_id,
        "misslyckas",
        _(
            "Importen kunde inte slutföras. Raderna som hann behandlas finns i rapporten; "
            "ladda upp en fil med de övriga raderna."
        ),
    )


def _las_importfil(objektimport: Objektimport) -> Inlast:
    """Read the stored file and record its number of rows and its ignored columns."""
    with objektimport.fil.open("rb") as fil:
        inlast = las_fil(objektimport.filnamn, fil.read())
    Objektimport.objects.filter(pk=objektimport.pk).update(
        totalt_rader=len(inlast.rader), ignorerade_kolumner=inlast.okanda_kolumner
    )
    return inlast


def kor_import(import_id: int) -> None:
    """Create the rows not yet done; idempotent, and resumes where an earlier run stopped."""
    objektimport = Objektimport.objects.select_related("uppladdad_av").filter(pk=import_id).first()
    if objektimport is None or objektimport.status in {
        Objektimport.Status.KLAR,
        Objektimport.Status.MISSLYCKAD,
    }:
        return
    IMPORT_WORKFLOW.overga_alla(Objektimport.objects.filter(pk=import_id), "borja")
    user = objektimport.uppladdad_av
    if (
        user is None
        or not access.ar_poolanvandare(user)
        or Aktor.for_user(user).organisation_id != objektimport.organisation_id
    ):
        _avsluta(
            import_id,
            "misslyckas",
            _("Den som laddade upp filen kan inte längre föreslå objekt för organisationen."),
        )
        return
    try:
        inlast = _las_importfil(objektimport)
    except ValidationError as fel:
        # The refusal's own message: the file's form is the uploader's to fix.
        _avsluta(import_id, "misslyckas", " ".join(fel.messages))
        return
    except OSError:
        _avsluta(import_id, "misslyckas", _("Filen kunde inte läsas."))
        return
    klara = set(objektimport.rader.values_list("radnummer", flat=True))
    uppslag = Uppslag()
    for radnummer, rad in inlast.rader:
        if radnummer not in klara:
            _importera_rad(import_id, user, radnummer, rad, uppslag)
    _avsluta(import_id, "bli_klar")
