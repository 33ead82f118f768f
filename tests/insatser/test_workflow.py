"""The declared transition tables match the design, pair by pair."""

import itertools

import pytest

from insatser.workflow import (
    BEMANNING_WORKFLOW,
    INSATS_WORKFLOW,
    BemanningStatus,
    InsatsStatus,
)
from karna.arbetsflode import OgiltigOvergang

S = InsatsStatus
# The operation workflow as designed (docs/arbetsfloden.md), written out independently of
# the implementation.
INSATS_TILLATNA = {
    (S.FORESLAGEN, "planera"): S.PLANERAD,
    (S.FORESLAGEN, "avsla"): S.AVSLAGEN,
    (S.PLANERAD, "begar_bemanning"): S.BEMANNING_BEGARD,
    (S.BEMANNING_BEGARD, "bekrafta"): S.BEKRAFTAD,
    (S.BEMANNING_BEGARD, "bemanning_avbojd"): S.PLANERAD,
    (S.BEKRAFTAD, "bemanning_aterkallad"): S.BEMANNING_BEGARD,
    (S.BEKRAFTAD, "genomfor"): S.GENOMFORD,
    (S.GENOMFORD, "utvardera"): S.UTVARDERAD,
    (S.PLANERAD, "stall_in"): S.INSTALLD,
    (S.BEMANNING_BEGARD, "stall_in"): S.INSTALLD,
    (S.BEKRAFTAD, "stall_in"): S.INSTALLD,
    (S.PLANERAD, "omplanera"): S.OMPLANERAD,
    (S.BEMANNING_BEGARD, "omplanera"): S.OMPLANERAD,
    (S.BEKRAFTAD, "omplanera"): S.OMPLANERAD,
}

B = BemanningStatus
BEMANNING_TILLATNA = {
    (B.UTKAST, "skicka"): B.SKICKAD,
    (B.SKICKAD, "bekrafta"): B.BEKRAFTAD,
    (B.SKICKAD, "delvis_bekrafta"): B.DELVIS_BEKRAFTAD,
    (B.SKICKAD, "avboj"): B.AVBOJD,
    (B.BEKRAFTAD, "aterkalla"): B.ATERKALLAD,
    (B.DELVIS_BEKRAFTAD, "aterkalla"): B.ATERKALLAD,
    # A confirmation raised or lowered is full or partial by its new head count.
    (B.BEKRAFTAD, "andra_till_bekraftad"): B.BEKRAFTAD,
    (B.BEKRAFTAD, "andra_till_delvis"): B.DELVIS_BEKRAFTAD,
    (B.DELVIS_BEKRAFTAD, "andra_till_bekraftad"): B.BEKRAFTAD,
    (B.DELVIS_BEKRAFTAD, "andra_till_delvis"): B.DELVIS_BEKRAFTAD,
    (B.UTKAST, "makulera"): B.MAKULERAD,
    (B.SKICKAD, "makulera"): B.MAKULERAD,
    (B.BEKRAFTAD, "makulera"): B.MAKULERAD,
    (B.DELVIS_BEKRAFTAD, "makulera"): B.MAKULERAD,
}


# The transitions that create a row, and the status it begins in.
INSATS_SKAPAS = {"skapad": S.FORESLAGEN, "omplanerad_fran": S.PLANERAD}
BEMANNING_SKAPAS = {"skapa": B.UTKAST}


@pytest.mark.parametrize(
    ("workflow", "skapas"),
    [(INSATS_WORKFLOW, INSATS_SKAPAS), (BEMANNING_WORKFLOW, BEMANNING_SKAPAS)],
    ids=["insats", "bemanning"],
)
def test_rows_are_created_only_in_the_designed_statuses(workflow, skapas):
    skapande = {namn: o.till for namn, o in workflow.overgangar.items() if o.skapar}
    assert skapande == skapas
    for namn, status in skapas.items():
        assert workflow.skapa(namn) == status


def test_insats_table_declares_exactly_the_designed_transitions():
    declared = {
        (status, namn): o.till
        for namn, o in INSATS_WORKFLOW.overgangar.items()
        for status in o.fran
    }
    assert declared == INSATS_TILLATNA


def test_bemanning_table_declares_exactly_the_designed_transitions():
    declared = {
        (status, namn): o.till
        for namn, o in BEMANNING_WORKFLOW.overgangar.items()
        for status in o.fran
    }
    assert declared == BEMANNING_TILLATNA


@pytest.mark.parametrize(
    ("workflow", "tillatna"),
    [(INSATS_WORKFLOW, INSATS_TILLATNA), (BEMANNING_WORKFLOW, BEMANNING_TILLATNA)],
    ids=["insats", "bemanning"],
)
def test_every_status_and_transition_pair_is_allowed_or_refused(workflow, tillatna):
    for status, namn in itertools.product(workflow.statuses, workflow.overgangar):
        if (status, namn) in tillatna:
            assert workflow.kontrollera(status, namn).till == tillatna[(status, namn)]
        else:
            with pytest.raises(OgiltigOvergang) as fel:
                workflow.kontrollera(status, namn)
            assert "Det går inte att" in str(fel.value.message)
            assert str(workflow.statuses(status).label).lower() in str(fel.value.message)


def test_terminal_states_allow_nothing():
    for status in (S.AVSLAGEN, S.UTVARDERAD, S.INSTALLD, S.OMPLANERAD):
        assert INSATS_WORKFLOW.tillatna(status) == []
    for status in (B.AVBOJD, B.ATERKALLAD, B.MAKULERAD):
        assert BEMANNING_WORKFLOW.tillatna(status) == []


def test_refusal_message_names_the_action_and_status():
    with pytest.raises(OgiltigOvergang) as fel:
        INSATS_WORKFLOW.kontrollera(S.INSTALLD, "genomfor")
    assert str(fel.value.message) == (
        "Det går inte att markera insatsen genomförd när insatsen har status inställd."
    )
