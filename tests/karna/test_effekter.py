"""Side effects in sight: what each business verb causes, and who acts on it.

Each verb declares its effects (``@verb(EFFEKT, ...)``) and the apps subscribe to them in their
``apps.py``. The two tables below are the whole picture; adding a verb, an effect or a subscriber
changes one of them, so it is a visible change. A verb that causes an effect it did not declare
is refused while it runs (``OdeklareradEffekt``), so the declarations cannot drift from the code.
"""

import importlib
import pkgutil

import pytest
from django.db import transaction

from karna.effekter import Effekt, iakttag, utan_prenumeranter
from karna.verb import ALLA_VERB, OdeklareradEffekt, verb

ANDRAD = "insatser.insatsen_andrad"
UNDERLAG = "insatser.underlag_bestallda"
OBJEKT = "objekt.objekt_andrat"
IMPORT = "objekt.import_uppladdad"
ARSHJUL = "arshjul.arshjul_bestallt"
RAPPORT = "utvardering.rapport_bestalld"
ARSRAPPORT = "uppfoljning.arsrapport_bestalld"
EXPORT = "uppfoljning.export_bestalld"
PAKET = "uppfoljning.uppfoljningspaket_bestallt"

# Every business verb of the project and the effects it declares.
VERBENS_EFFEKTER = {
    "api.aterkalla_api_token": set(),
    "api.skapa_api_token": set(),
    "arshjul.aterkalla_prenumeration": set(),
    "arshjul.bygg_om": {ARSHJUL},
    "arshjul.forbered_planeringsar": {ARSHJUL},
    "arshjul.lagg_till_atgard": set(),
    "arshjul.lova_resurser": set(),
    "arshjul.publicera_version": set(),
    "arshjul.registrera_protokoll": set(),
    "arshjul.skapa_prenumeration": set(),
    "arshjul.spara_begransning": {ARSHJUL},
    "arshjul.spara_handelse": {ARSHJUL},
    "arshjul.spara_regel": {ARSHJUL},
    "arshjul.stang_atgard": set(),
    "arshjul.ta_bort_resurslofte": set(),
    "insatser.andra_bemanning": {ANDRAD},
    "insatser.andra_insats": {ANDRAD},
    "insatser.andra_sakerhetsanteckning": {ANDRAD},
    "insatser.ange_kontaktfunktion": {ANDRAD},
    "insatser.ange_polisbefal": {ANDRAD},
    "insatser.anslut_till_grupp": {ANDRAD},
    "insatser.aterkalla_bemanning": {ANDRAD},
    "insatser.aterkalla_frislappning": {ANDRAD, UNDERLAG},
    "insatser.avbo_uppgiftsbegaran": {ANDRAD},
    "insatser.avsla_insats": {ANDRAD},
    "insatser.begar_bemanning": {ANDRAD},
    "insatser.begar_nya_underlag": {ANDRAD},
    "insatser.begar_uppgifter": {ANDRAD},
    "insatser.besvara_bemanning": {ANDRAD},
    "insatser.besvara_inbjudan": {ANDRAD},
    "insatser.besvara_uppgiftsbegaran": {ANDRAD},
    "insatser.bjud_in": {ANDRAD},
    "insatser.bjud_in_till_grupp": set(),
    "insatser.frislapp_objektuppgift": {UNDERLAG},
    "insatser.genomfor_insats": {ANDRAD},
    "insatser.ladda_ned_flera": set(),
    "insatser.ladda_ned_underlag": set(),
    "insatser.lagg_till_kontroll": {ANDRAD},
    "insatser.lamna_grupp": {ANDRAD},
    "insatser.markera_kontroll": {ANDRAD},
    "insatser.markera_utvarderad": {ANDRAD},
    "insatser.namnge_person": set(),
    "insatser.omplanera_insats": {ANDRAD},
    "insatser.paminn_om_begaran": {ANDRAD},
    "insatser.paminn_om_obekraftad": {ANDRAD},
    "insatser.planera_insats": {ANDRAD},
    "insatser.ratta_fynd": {ANDRAD},
    "insatser.registrera_fynd": {ANDRAD},
    "insatser.skapa_insats": {ANDRAD},
    "insatser.skapa_insatsgrupp": set(),
    "insatser.stall_in_insats": {ANDRAD},
    "insatser.ta_bort_fynd": {ANDRAD},
    "insatser.ta_bort_person": set(),
    "kalender.aterkalla_kalenderflode": set(),
    "kalender.rotera_kalenderflode": set(),
    "kalender.skapa_kalenderflode": set(),
    "myndigheter.andra_medlem": set(),
    "myndigheter.andra_profil": set(),
    "myndigheter.lagg_till_delningsgrund": set(),
    "myndigheter.avveckla_delningsgrund": set(),
    "notiser.markera_alla_lasta": set(),
    "notiser.markera_last": set(),
    "notiser.spara_installningar": set(),
    "objekt.andra_objekt": {OBJEKT},
    "objekt.andra_objektstatus": set(),
    "objekt.andra_reserv": set(),
    "objekt.foresla_objekt": set(),
    "objekt.markera_relevans": set(),
    "objekt.objekt_kontrollerat": set(),
    "objekt.objekt_planerat": set(),
    "objekt.registrera_objektuppgift": set(),
    "objekt.skapa_import": {IMPORT},
    "utvardering.atgarda_forbattringsomrade": {ANDRAD},
    "utvardering.avsluta_utvardering": {ANDRAD},
    "utvardering.oppna_utvardering": {ANDRAD},
    "utvardering.paborja_forbattringsomrade": {ANDRAD},
    "utvardering.paminn_myndighet": {ANDRAD},
    "utvardering.paminn_om_forbattring": {ANDRAD},
    "utvardering.paminn_om_forsenad": {ANDRAD},
    "utvardering.registrera_forbattringsomrade": {ANDRAD},
    "utvardering.spara_myndighetsutvardering": {ANDRAD},
    # Outcomes and feedback stay off the timeline (utvardering/services_utfall.py); the
    # evaluation reports that show them are rebuilt.
    "utvardering.registrera_utfall": {RAPPORT},
    "utvardering.andra_utfall": {RAPPORT},
    "utvardering.ta_bort_utfall": {RAPPORT},
    "utvardering.ge_aterkoppling": {RAPPORT},
    "utvardering.bestall_utvarderingsrapport": {RAPPORT},
    "utvardering.ladda_ned_utvarderingsrapport": set(),
    "uppfoljning.bestall_arsrapport": {ARSRAPPORT},
    "uppfoljning.ladda_ned_arsrapport": set(),
    "uppfoljning.bestall_export": {EXPORT},
    "uppfoljning.exportera_direkt": set(),
    "uppfoljning.bestall_uppfoljningspaket": {PAKET},
    "uppfoljning.ladda_ned_uppfoljningspaket": set(),
}

# What happens when an effect is triggered: the subscribers, in the order they run.
EFFEKTERNAS_PRENUMERANTER = {
    ANDRAD: [
        # the operation's briefings turn stale and are rebuilt
        "insatser.services.underlag.markera_efter_andring",
        # the annual wheels it lies on are rebuilt
        "insatser.hjulkoppling.bygg_om_hjulen",
        # an operation carried out gets its joint evaluation
        "utvardering.services.utvardering.oppna_efter_genomforande",
        # its evaluation reports are built when it is evaluated, rebuilt after a change
        "utvardering.services.rapport.bestall_efter_andring",
        # the people it concerns are notified, after commit
        "notiser.tasks.notifiera_efter_commit",
    ],
    UNDERLAG: ["insatser.tasks.koa_underlagsbyggen"],
    OBJEKT: ["insatser.services.underlag.markera_objektets_insatser"],
    IMPORT: ["objekt.tasks.koa_import"],
    ARSHJUL: ["arshjul.tasks.koa_bygge"],
    RAPPORT: ["utvardering.tasks.koa_rapportbygge"],
    ARSRAPPORT: ["uppfoljning.tasks.koa_arsrapport"],
    EXPORT: ["uppfoljning.tasks.koa_export"],
    PAKET: ["uppfoljning.tasks.koa_uppfoljningspaket"],
}


APPAR = [
    "myndigheter",
    "objekt",
    "arshjul",
    "insatser",
    "notiser",
    "utvardering",
    "uppfoljning",
    "kalender",
    "api",
]


def _alla_tjanstemoduler():
    """Import every services module of every app, so that every verb is declared."""
    for app in APPAR:
        paket = importlib.import_module(f"{app}.services")
        for info in pkgutil.walk_packages(getattr(paket, "__path__", []), f"{app}.services."):
            importlib.import_module(info.name)


def test_every_verb_declares_the_effects_in_the_table():
    _alla_tjanstemoduler()
    deklarerade = {
        namn: {e.namn for e in info.effekter}
        for namn, info in ALLA_VERB.items()
        if namn.split(".")[0] in APPAR
    }
    assert deklarerade == VERBENS_EFFEKTER


def test_every_effect_has_the_subscribers_in_the_table():
    prenumeranter = {
        namn: [f"{m.__module__}.{m.__qualname__}" for m in effekt.prenumeranter]
        for namn, effekt in Effekt.alla.items()
        if not namn.startswith("test.")
    }
    assert prenumeranter == EFFEKTERNAS_PRENUMERANTER


TESTEFFEKT = Effekt("test.effekt", "an effect of the tests below")
ANNAN_TESTEFFEKT = Effekt("test.annan", "another effect of the tests below")


@verb(TESTEFFEKT)
def _deklarerar():
    TESTEFFEKT.utlos(varde=1)


@verb()
def _deklarerar_inte():
    TESTEFFEKT.utlos(varde=1)


@verb(ANNAN_TESTEFFEKT)
def _anropar_verb_utan_att_deklarera():
    _deklarerar()


@pytest.fixture
def fick():
    """What the test effect's one subscriber received."""
    mottaget = []
    TESTEFFEKT.prenumeranter = [
        lambda varde: mottaget.append((varde, transaction.get_connection().in_atomic_block))
    ]
    yield mottaget
    TESTEFFEKT.prenumeranter = []


@pytest.mark.django_db
def test_a_verb_may_cause_what_it_declares_and_subscribers_run_in_its_transaction(fick):
    with iakttag() as utlosta:
        _deklarerar()
    assert fick == [(1, True)]
    assert utlosta == ["test.effekt"]


@pytest.mark.django_db
def test_an_undeclared_effect_is_refused_also_from_a_verb_the_verb_calls():
    with pytest.raises(OdeklareradEffekt, match=r"_deklarerar_inte causes test\.effekt"):
        _deklarerar_inte()
    with pytest.raises(OdeklareradEffekt, match="_anropar_verb_utan_att_deklarera causes"):
        _anropar_verb_utan_att_deklarera()


@pytest.mark.django_db
def test_silenced_effects_are_still_checked_but_reach_no_subscriber(fick):
    with utan_prenumeranter(TESTEFFEKT), iakttag() as utlosta:
        _deklarerar()
    assert fick == []
    assert utlosta == ["test.effekt"]
    with utan_prenumeranter(TESTEFFEKT), pytest.raises(OdeklareradEffekt):
        _deklarerar_inte()
