"""Every status field has a transition table, and no code writes a status outside one.

A status changes only by a transition of its table (``Workflow.overga`` and ``overga_alla``), a
new row begins in a status a creating transition names (``Workflow.skapa``), and bulk fixtures
name statuses the table can reach (``Workflow.nadd``). The scan below reads the project's code
(demo data and benchmark data included) and refuses any other write.
"""

import ast
import contextlib
from pathlib import Path

import pytest
from django.apps import apps

from karna.arbetsflode import OgiltigOvergang, Workflow

ROT = Path(__file__).resolve().parents[2]
APPAR = [
    "karna",
    "myndigheter",
    "objekt",
    "arshjul",
    "insatser",
    "notiser",
    "utvardering",
    "uppfoljning",
    "kalender",
]
# Not "api": its stored idempotent answers keep an HTTP status and body in fields named status and
# svar, which are no life state.
STATUSFALT = {"status", "svar"}
# Reference data's own life state, kept by the administrator in the admin; no verb moves it.
UTAN_ARBETSFLODE = {("myndigheter", "samverkansform", "status")}
SKRIVANDE = {"create", "update", "get_or_create", "update_or_create", "bulk_create"}
TILLATNA_VARDEN = {"skapa", "nadd"}


def _tabeller() -> dict[tuple[type, str], Workflow]:
    import importlib

    for app in APPAR:
        with contextlib.suppress(ModuleNotFoundError):
            importlib.import_module(f"{app}.workflow")
    return {(w.statuses, w.falt): w for w in Workflow.alla}


def _statusfalt():
    for app in APPAR:
        for modell in apps.get_app_config(app).get_models():
            if modell._meta.label_lower.endswith("event"):
                continue  # the history copies of tracked models
            for falt in modell._meta.concrete_fields:
                if falt.name in STATUSFALT and falt.choices:
                    yield modell, falt


def test_every_status_field_has_a_transition_table():
    tabeller = _tabeller()
    utan = set()
    for modell, falt in _statusfalt():
        nyckel = (modell._meta.app_label, modell._meta.model_name, falt.name)
        if nyckel in UTAN_ARBETSFLODE:
            continue
        passande = [
            w
            for (statuses, namn), w in tabeller.items()
            if namn == falt.name and list(statuses.choices) == list(falt.choices)
        ]
        if not passande:
            utan.add(nyckel)
    assert utan == set(), "declare a Workflow for these fields"


def test_every_table_creates_rows_and_reaches_each_of_its_statuses():
    for workflow in _tabeller().values():
        assert any(o.skapar for o in workflow.overgangar.values()), workflow.label
        for status in workflow.statuses.values:
            assert workflow.nadd(status) == status


def test_a_status_the_table_cannot_reach_is_refused():
    workflow = Workflow.alla[0]
    with pytest.raises(ValueError, match="no path"):
        workflow.vag(workflow.statuses.values[0], "OKAND")
    rad = type("Rad", (), {workflow.falt: workflow.statuses.values[0]})()
    ogiltig = next(
        namn for namn, o in workflow.overgangar.items() if not o.skapar and rad.status not in o.fran
    )
    with pytest.raises(OgiltigOvergang):
        workflow.overga(rad, ogiltig)


def _kallfiler():
    for katalog in [*APPAR, "scripts"]:
        for fil in sorted((ROT / katalog).rglob("*.py")):
            if "migrations" not in fil.parts:
                yield fil


def _ar_tillatet_varde(nod) -> bool:
    return (
        isinstance(nod, ast.Call)
        and isinstance(nod.func, ast.Attribute)
        and nod.func.attr in TILLATNA_VARDEN
    )


def _modellnamn() -> set[str]:
    return {modell.__name__ for app in APPAR for modell in apps.get_app_config(app).get_models()}


def _skrivningar(fil: Path, modeller: set[str]):
    """(line, text) of every status write in the file that bypasses a transition table: an
    assignment to a status field, or a status given to a create, an update or a model."""
    trad = ast.parse(fil.read_text(encoding="utf-8"))
    for nod in ast.walk(trad):
        if isinstance(nod, ast.Assign | ast.AugAssign):
            mal = nod.targets if isinstance(nod, ast.Assign) else [nod.target]
            for m in mal:
                if isinstance(m, ast.Attribute) and m.attr in STATUSFALT:
                    yield nod.lineno, ast.unparse(nod)
        elif isinstance(nod, ast.Call):
            namn = (
                nod.func.attr
                if isinstance(nod.func, ast.Attribute)
                else getattr(nod.func, "id", "")
            )
            skriver = namn in SKRIVANDE or namn in modeller
            for kw in nod.keywords:
                if skriver and kw.arg in STATUSFALT and not _ar_tillatet_varde(kw.value):
                    yield nod.lineno, ast.unparse(nod)
                if kw.arg == "defaults" and isinstance(kw.value, ast.Dict):
                    for nyckel, varde in zip(kw.value.keys, kw.value.values, strict=True):
                        if (
                            isinstance(nyckel, ast.Constant)
                            and nyckel.value in STATUSFALT
                            and not _ar_tillatet_varde(varde)
                        ):
                            yield nod.lineno, ast.unparse(nod)


def test_no_code_writes_a_status_outside_a_transition():
    modeller = _modellnamn()
    funna = [
        f"{fil.relative_to(ROT)}:{rad}: {text[:100]}"
        for fil in _kallfiler()
        if fil.name != "arbetsflode.py"
        for rad, text in _skrivningar(fil, modeller)
    ]
    assert funna == []


def test_the_scan_finds_a_direct_write(tmp_path):
    fil = tmp_path / "exempel.py"
    fil.write_text(
        "insats.status = 'PLANERAD'\n"
        "Insats.objects.create(status=S.PLANERAD)\n"
        "Insats.objects.filter(pk=1).update(status='X')\n"
        "Deltagande.objects.get_or_create(insats=i, defaults={'svar': 'AVBOJD'})\n"
        "Insats.objects.create(status=INSATS_WORKFLOW.skapa('skapad'))\n"
        "Insats.objects.filter(status='X')\n"
        "Q(status='X')\n",
        encoding="utf-8",
    )
    assert [rad for rad, _ in _skrivningar(fil, {"Insats", "Deltagande"})] == [1, 2, 3, 4]
