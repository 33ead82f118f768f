"""The follow-up's figures for one view (year, period, filters), computed in memory from the
operations ``selectors.insatsrader`` read, and the protection of small counts of objects.

Definitions are in docs/uppfoljning.md; each figure's function says which operations it counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from insatser.workflow import InsatsStatus
from utvardering.models import Betyg, Forbattringsomrade, Myndighetsutvardering

S = InsatsStatus
# Planned: every operation that got past the proposal, cancelled ones included; a rescheduled
# operation counts through its successor, a rejected or still proposed one not at all.
PLANERADE = {
    S.PLANERAD,
    S.BEMANNING_BEGARD,
    S.BEKRAFTAD,
    S.GENOMFORD,
    S.UTVARDERAD,
    S.INSTALLD,
}
GENOMFORDA = {S.GENOMFORD, S.UTVARDERAD}
# The HSEEP scale as numbers for an average: P 4, S 3, M 2, U 1.
BETYGSVARDE = {Betyg.P: 4, Betyg.S: 3, Betyg.M: 2, Betyg.U: 1}
DOLD = "–"
# Every table of a view (page, exports, yearly report), the headline figures first.
TABELLER = (
    "nyckeltal",
    "trender",
    "manader",
    "myndigheter",
    "installda",
    "kategorier",
    "prioriteringar",
    "stadsomraden",
    "utsatta_omraden",
    "utvarderingar",
    "betyg",
    "utfall",
    "ledtider",
)
# A sum of too few decisions, not shown.
SKYDDAD_SUMMA = "*"


@dataclass(frozen=True)
class Urval:
    """One view of the page: a year, optionally a quarter or a month, and the filters."""

    ar: int
    kvartal: int | None = None
    manad: int | None = None
    samverkansform: int | None = None
    lpo: int | None = None
    kommun: int | None = None
    klass: str | None = None
    kategori: int | None = None
    myndighet: int | None = None
    prioritering: int | None = None

    def omfattar(self, rad) -> bool:
        d = rad.datum
        return (
            d.year == self.ar
            and (self.kvartal is None or (d.month - 1) // 3 + 1 == self.kvartal)
            and (self.manad is None or d.month == self.manad)
            and (self.samverkansform is None or rad.samverkansform_id == self.samverkansform)
            and (self.lpo is None or self.lpo in rad.lpoer)
            and (self.kommun is None or self.kommun in rad.kommuner)
            and (self.klass is None or self.klass in rad.klasser)
            and (self.kategori is None or self.kategori in rad.kategorier)
            and (self.myndighet is None or self.myndighet in rad.organisationer)
            and (self.prioritering is None or self.prioritering in rad.prioriteringar)
        )

    def hela_aret(self) -> Urval:
        return replace(self, kvartal=None, manad=None)

    def aret_fore(self) -> Urval:
        return replace(self, ar=self.ar - 1)


@dataclass
class Antal:
    """A count of objects as shown: 0, "<N" under the threshold, otherwise rounded down to a
    multiple of the threshold, so that two shown counts never differ by a hidden one; or hidden
    ("–") to protect another cell of its line."""

    varde: int
    text: str
    dold: bool = False

    def __str__(self) -> str:
        return self.text


def skyddat(varde: int, troskel: int | None = None) -> Antal:
    troskel = troskel or settings.UPPFOLJNING_TROSKEL
    if varde == 0:
        return Antal(0, "0")
    if varde < troskel:
        return Antal(varde, f"<{troskel}", dold=True)
    return Antal(varde, str(varde // troskel * troskel))


def skydda_kolumn(celler: list[Antal]) -> None:
    """Complementary suppression within a line: one hidden cell never stands alone, so a total
    or the line's other cells cannot pin it; the smallest shown non-zero cell goes with it."""
    dolda = [c for c in celler if c.dold]
    if len(dolda) != 1:
        return
    synliga = sorted((c for c in celler if not c.dold and c.varde), key=lambda c: c.varde)
    if synliga:
        synliga[0].text, synliga[0].dold = DOLD, True


@dataclass
class Tabell:
    """A table of the page: shown, drawn as a chart, exported to CSV and Excel alike."""

    nyckel: str
    rubrik: str
    kolumner: list[str]
    rader: list[list] = field(default_factory=list)
    forklaring: str = ""

    def celler(self):
        for rad in self.rader:
            for kolumn, cell in zip(self.kolumner[1:], rad[1:], strict=True):
                yield str(rad[0]), kolumn, cell


@dataclass
class Namn:
    """The names the tables show, read once per request."""

    orsaker: dict[int, str]
    kategorier: dict[int, str]
    typer: dict[int, tuple[str, str]]
    stadsomraden: dict[int, str]
    utsatta_omraden: dict[int, str]
    myndigheter: dict[int, str]


def _text(varde) -> str:
    if isinstance(varde, Decimal):
        return number_format(varde.quantize(Decimal("0.1")), decimal_pos=1)
    return str(varde)


def _andel(del_: int, helhet: int) -> str:
    return f"{number_format(Decimal(100 * del_) / helhet, decimal_pos=0)} %" if helhet else "–"


@dataclass
class Siffror:
    """Every figure of one view."""

    urval: Urval
    planerade: int
    genomforda: int
    installda: int
    kontroller: Antal
    objekt: Antal
    polistimmar: Decimal
    ovriga_timmar: Decimal
    nekade: int
    hot: int
    forbattringar_oppna: int
    forbattringar_atgardade: int
    tabeller: dict[str, Tabell]

    def skyddade(self) -> dict[tuple, Antal]:
        """Every protected count of the view, by (table, row, column)."""
        celler = {
            ("rubrik", "kontroller", ""): self.kontroller,
            ("rubrik", "objekt", ""): self.objekt,
        }
        for tabell in self.tabeller.values():
            for rad, kolumn, cell in tabell.celler():
                if isinstance(cell, Antal):
                    celler[(tabell.nyckel, rad, str(kolumn))] = cell
        return celler


def berakna(alla_rader, urval: Urval, namn: Namn, troskel: int | None = None) -> Siffror:
    rader = [r for r in alla_rader if urval.omfattar(r)]
    planerade = [r for r in rader if r.status in PLANERADE]
    genomforda = [r for r in rader if r.status in GENOMFORDA]
    installda = [r for r in rader if r.status == S.INSTALLD]
    inspekterade = [(r, k) for r in rader for k in r.kontroller if k.genomford]

    tabeller = {
        t.nyckel: t
        for t in (
            _installda(installda, namn),
            _per_kategori(inspekterade, namn, troskel),
            _per_omrade(inspekterade, namn, troskel, "stadsomraden", "stadsomrade_id"),
            _per_omrade(inspekterade, namn, troskel, "utsatta_omraden", "utsatt_omrade_id"),
            _utvarderingar(genomforda),
            _betyg(genomforda),
            _utfall(rader, namn, troskel),
            _ledtider(genomforda),
            _myndigheter(rader, namn),
        )
    }
    objekt = skyddat(len({k.objekt_id for _, k in inspekterade}), troskel)
    # The objects' total stands over the lines of categories and areas: hidden when any of
    # their cells is.
    if any(
        isinstance(c, Antal) and c.dold
        for nyckel in ("kategorier", "stadsomraden", "utsatta_omraden")
        for _, _, c in tabeller[nyckel].celler()
    ):
        objekt = Antal(objekt.varde, DOLD, dold=True)
    utv = [u for r in rader for u in r.utvarderingar]
    return Siffror(
        urval=urval,
        planerade=len(planerade),
        genomforda=len(genomforda),
        installda=len(installda),
        kontroller=skyddat(len(inspekterade), troskel),
        objekt=objekt,
        polistimmar=sum(
            (u["polistimmar"] or 0 for u in utv if u["organisation__ar_polis"]), Decimal(0)
        ),
        ovriga_timmar=sum(
            (
                (u["timmar_fore"] or 0) + (u["timmar_under"] or 0) + (u["timmar_efter"] or 0)
                for u in utv
                if not u["organisation__ar_polis"]
            ),
            Decimal(0),
        ),
        nekade=sum(r.nekade for r in rader),
        hot=sum(r.hot for r in rader),
        forbattringar_oppna=sum(
            s != Forbattringsomrade.Status.ATGARDAD for r in rader for s in r.forbattringar
        ),
        forbattringar_atgardade=sum(
            s == Forbattringsomrade.Status.ATGARDAD for r in rader for s in r.forbattringar
        ),
        tabeller=tabeller,
    )


def _installda(installda, namn: Namn) -> Tabell:
    antal = Counter(r.installd_orsak_id for r in installda)
    return Tabell(
        "installda",
        _("Inställda insatser per orsak"),
        [_("Orsak"), _("Insatser")],
        [[namn.orsaker.get(o, "–"), n] for o, n in sorted(antal.items(), key=lambda x: -x[1])],
    )


def _per_kategori(inspekterade, namn: Namn, troskel) -> Tabell:
    insatser, objekt = defaultdict(set), defaultdict(set)
    for r, k in inspekterade:
        for kategori in k.kategorier:
            insatser[kategori].add(r.pk)
            objekt[kategori].add(k.objekt_id)
    rader = [
        [namn.kategorier[k], len(insatser[k]), skyddat(len(objekt[k]), troskel)]
        for k in sorted(insatser, key=lambda k: namn.kategorier[k])
    ]
    skydda_kolumn([r[2] for r in rader])
    return Tabell(
        "kategorier",
        _("Kontrollerade objekt per problemkategori"),
        [_("Problemkategori"), _("Insatser"), _("Objekt")],
        rader,
        _(
            "En insats räknas en gång per kategori som dess kontrollerade objekt har, och ett "
            "objekt kan ha flera kategorier; därför finns ingen summa över kategorierna."
        ),
    )


def _per_omrade(inspekterade, namn: Namn, troskel, slag: str, falt: str) -> Tabell:
    alla = getattr(namn, slag)
    insatser, objekt = defaultdict(set), defaultdict(set)
    for r, k in inspekterade:
        omrade = getattr(k, falt)
        if omrade is not None:
            insatser[omrade].add(r.pk)
            objekt[omrade].add(k.objekt_id)
    rader = [
        [alla[o], len(insatser[o]), skyddat(len(objekt[o]), troskel)]
        for o in sorted(insatser, key=lambda o: alla[o])
    ]
    skydda_kolumn([r[2] for r in rader])
    rubrik = _("Per stadsområde") if slag == "stadsomraden" else _("Per utsatt område")
    return Tabell(
        slag,
        rubrik,
        [_("Område"), _("Insatser"), _("Objekt")],
        rader,
        _("%(tackta)s av %(alla)s områden hade minst en insats med en genomförd kontroll.")
        % {"tackta": len(insatser), "alla": len(alla)},
    )


def _utvarderingar(genomforda) -> Tabell:
    oppnade = [r for r in genomforda if r.utvardering_avslutad is not None]
    return Tabell(
        "utvarderingar",
        _("Utvärderingar"),
        [_("Mått"), _("Antal")],
        [
            [_("Genomförda insatser"), len(genomforda)],
            [_("Gemensamma utvärderingar avslutade"), sum(r.utvardering_avslutad for r in oppnade)],
            [_("Gemensamma utvärderingar öppna"), sum(not r.utvardering_avslutad for r in oppnade)],
            [
                _("Myndighetsutvärderingar inlämnade"),
                sum(len(r.utvarderingar) for r in genomforda),
            ],
        ],
    )


def _betyg(genomforda) -> Tabell:
    utv = [u for r in genomforda for u in r.utvarderingar]
    rader = []
    for falt in Myndighetsutvardering.BETYGSFALT:
        antal = Counter(u[falt] for u in utv if u[falt])
        total = sum(antal.values())
        medel = (
            Decimal(sum(BETYGSVARDE[b] * n for b, n in antal.items())) / total if total else None
        )
        rader.append(
            [
                str(Myndighetsutvardering._meta.get_field(falt).verbose_name).capitalize(),
                *[antal.get(b, 0) for b in Betyg],
                _text(medel) if medel is not None else "–",
            ]
        )
    return Tabell(
        "betyg",
        _("Betyg per del i myndigheternas utvärderingar"),
        [_("Del"), "P", "S", "M", "U", _("Medel (P 4 – U 1)")],
        rader,
        _("Inlämnade myndighetsutvärderingar av genomförda insatser."),
    )


def _summa(varde: Decimal, beslut: int, troskel: int) -> str:
    """A sum of amounts or quantities, shown only when at least ``troskel`` decisions make it
    up: a sum of one or two decisions would show a single company's sanction."""
    if not varde:
        return "–"
    return _text(varde) if beslut >= troskel else SKYDDAD_SUMMA


def _utfall(rader, namn: Namn, troskel: int | None) -> Tabell:
    troskel = troskel or settings.UPPFOLJNING_TROSKEL
    antal, belopp, mangd = Counter(), defaultdict(Decimal), defaultdict(Decimal)
    for r in rader:
        for u in r.utfall:
            antal[u["typ_id"]] += 1
            belopp[u["typ_id"]] += u["belopp"] or 0
            mangd[u["typ_id"]] += u["antal"] or 0
    return Tabell(
        "utfall",
        _("Utfall per typ"),
        [_("Typ"), _("Antal beslut"), _("Belopp (kr)"), _("Mängd"), _("Enhet")],
        [
            [
                namn.typer[t][0],
                n,
                _summa(belopp[t], n, troskel),
                _summa(mangd[t], n, troskel),
                namn.typer[t][1],
            ]
            for t, n in sorted(antal.items(), key=lambda x: namn.typer[x[0]][0])
        ],
        _(
            "Alla utfall räknas, också de som bara syns i sammanställningar, i året för "
            "insatsens datum även när beslutet kom senare. Belopp och mängder av färre än "
            "%(troskel)s beslut visas inte (”%(skyddad)s”)."
        )
        % {"troskel": troskel, "skyddad": SKYDDAD_SUMMA},
    )


def _ledtider(genomforda) -> Tabell:
    med_begaran = [r for r in genomforda if r.begard]
    objekt_i_tid = sum(
        bool(r.planerad) and r.planerad <= r.datum - timedelta(days=settings.LEDTID_OBJEKT_DAGAR)
        for r in genomforda
    )
    bemanning_i_tid = sum(
        r.begard <= r.datum - timedelta(days=settings.LEDTID_BEMANNING_DAGAR) for r in med_begaran
    )
    return Tabell(
        "ledtider",
        _("Ledtider som hölls"),
        [_("Ledtid"), _("Hölls"), _("Av"), _("Andel")],
        [
            [
                _("Objekten bestämda i tid"),
                objekt_i_tid,
                len(genomforda),
                _andel(objekt_i_tid, len(genomforda)),
            ],
            [
                _("Polisbemanning begärd i tid"),
                bemanning_i_tid,
                len(med_begaran),
                _andel(bemanning_i_tid, len(med_begaran)),
            ],
        ],
        _(
            "Genomförda insatser. Objekten räknas som bestämda när insatsen planerades; "
            "bemanningen när den första begäran skickades."
        ),
    )


def _myndigheter(rader, namn: Namn) -> Tabell:
    antal = Counter(o for r in rader for o in r.organisationer)
    return Tabell(
        "myndigheter",
        _("Organisationernas andel av insatserna"),
        [_("Organisation"), _("Insatser"), _("Andel")],
        [
            [namn.myndigheter[o], n, _andel(n, len(rader))]
            for o, n in sorted(antal.items(), key=lambda x: (-x[1], namn.myndigheter[x[0]]))
        ],
        _(
            "Insatser som organisationen samordnade eller deltog i; en insats har flera "
            "organisationer, så andelarna summerar inte till 100 %."
        ),
    )


def per_manad(alla_rader, urval: Urval) -> Tabell:
    """The year's operations per month: planned, carried out and cancelled, within the filters
    (the period chosen does not apply: the chart shows the whole year)."""
    hela_aret = urval.hela_aret()
    rader = [r for r in alla_rader if hela_aret.omfattar(r)]
    antal = Counter(
        (r.datum.month, r.status in PLANERADE, r.status in GENOMFORDA, r.status == S.INSTALLD)
        for r in rader
    )
    manader = [
        _("januari"), _("februari"), _("mars"), _("april"), _("maj"), _("juni"), _("juli"),
        _("augusti"), _("september"), _("oktober"), _("november"), _("december"),
    ]  # fmt: skip
    return Tabell(
        "manader",
        _("Insatser per månad"),
        [_("Månad"), _("Planerade"), _("Genomförda"), _("Inställda")],
        [
            [
                manader[m - 1],
                *(
                    sum(n for (manad, *slag), n in antal.items() if manad == m and slag[i])
                    for i in range(3)
                ),
            ]
            for m in range(1, 13)
        ],
    )


def trender(i_ar: Siffror, i_fjol: Siffror) -> Tabell:
    """The headline figures against the same view of the previous year, with the change."""

    def rad(etikett, nu, da):
        if isinstance(nu, Antal) or isinstance(da, Antal):
            andring = DOLD if nu.dold or da.dold else str(int(nu.text) - int(da.text))
            return [etikett, nu, da, andring]
        return [etikett, _text(nu), _text(da), _text(nu - da)]

    return Tabell(
        "trender",
        _("Jämfört med året före"),
        [_("Mått"), str(i_ar.urval.ar), str(i_fjol.urval.ar), _("Förändring")],
        [
            rad(_("Planerade insatser"), i_ar.planerade, i_fjol.planerade),
            rad(_("Genomförda insatser"), i_ar.genomforda, i_fjol.genomforda),
            rad(_("Inställda insatser"), i_ar.installda, i_fjol.installda),
            rad(_("Genomförda kontroller"), i_ar.kontroller, i_fjol.kontroller),
            rad(_("Kontrollerade objekt"), i_ar.objekt, i_fjol.objekt),
            rad(_("Polistimmar"), i_ar.polistimmar, i_fjol.polistimmar),
            rad(_("Övriga myndigheters timmar"), i_ar.ovriga_timmar, i_fjol.ovriga_timmar),
            rad(_("Nekade frisläppningar"), i_ar.nekade, i_fjol.nekade),
            rad(_("Hot mot tjänsteman"), i_ar.hot, i_fjol.hot),
        ],
    )


def nyckeltal(s: Siffror) -> Tabell:
    """The headline figures of the view as a table, for the export."""
    return Tabell(
        "nyckeltal",
        _("Nyckeltal"),
        [_("Mått"), _("Värde")],
        [
            [_("Planerade insatser"), s.planerade],
            [_("Genomförda insatser"), s.genomforda],
            [_("Inställda insatser"), s.installda],
            [_("Genomförda kontroller"), s.kontroller],
            [_("Kontrollerade objekt"), s.objekt],
            [_("Polistimmar"), _text(s.polistimmar)],
            [_("Övriga myndigheters timmar"), _text(s.ovriga_timmar)],
            [_("Förbättringsområden öppna"), s.forbattringar_oppna],
            [_("Förbättringsområden åtgärdade"), s.forbattringar_atgardade],
            [_("Nekade frisläppningar"), s.nekade],
            [_("Hot mot tjänsteman"), s.hot],
        ],
    )
