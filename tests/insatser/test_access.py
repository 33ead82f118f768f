"""The operation policy: who sees which operation and which fields, in constant queries."""

from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser.access import INSATS_POLICY, Handling, synliga_insatser
from insatser.models import Insats, InsatsUserObjectPermission, Polisbemanning
from insatser.workflow import BemanningStatus
from myndigheter.models import Myndighet
from myndigheter.roles import Roll
from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, org
from tests.fabriker import lpo as _lpo

pytestmark = pytest.mark.django_db


def _insats(referens, samordnare="akc-vast", deltagare=(), lpo=None, begaran=None):
    insats = InsatsFabrik(
        referens=referens,
        titel=referens,
        samordnande_organisation=org(samordnare),
        dagar=7,
        timmar=3,
        samlingsplats="Bakom stationen",
    )
    for kod in deltagare:
        DeltagandeFabrik(insats=insats, organisation=org(kod))
    if lpo:
        BemanningsbegaranFabrik(
            insats=insats, lpo=_lpo(lpo), status=begaran or BemanningStatus.SKICKAD
        )
    return insats


@pytest.fixture
def varld(skapa_anvandare):
    insatser = {
        "akc_skv_city": _insats("A", deltagare=["skatteverket"], lpo="city"),
        "akc_av_nordost": _insats("B", deltagare=["av"], lpo="nordost"),
        "miljo_utkast_city": _insats(
            "C", samordnare="miljoforvaltningen", lpo="city", begaran=BemanningStatus.UTKAST
        ),
    }
    polis = skapa_anvandare("polis", Roll.INSATSPOLIS, "polisen")
    Polisbemanning.objects.create(
        begaran=insatser["akc_av_nordost"].bemanningsbegaranden.get(), anvandare=polis
    )
    anvandare = {
        "samordnare_akc": skapa_anvandare("s1", Roll.SAMORDNARE, "akc-vast"),
        "samordnare_miljo": skapa_anvandare("s2", Roll.SAMORDNARE, "miljoforvaltningen"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "opsam_city": skapa_anvandare("o1", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "polis": polis,
        "polisledning": skapa_anvandare(
            "pl", Roll.POLISLEDNING, "polisen", lpoer=("city", "nordost")
        ),
        "ledningsgrupp": skapa_anvandare("lg", Roll.LEDNINGSGRUPP, "goteborgs-stad"),
        "api_skv": skapa_anvandare("api", Roll.API_KLIENT, "skatteverket"),
    }
    return insatser, anvandare


SYNLIGA = {
    "samordnare_akc": {"A", "B"},
    "samordnare_miljo": {"C"},
    "skv": {"A"},
    "mig": set(),
    "opsam_city": {"A"},  # C's request to City is still a draft
    "polis": {"B"},
    # Management follows operations in aggregate only (test_management_counts_...).
    "polisledning": set(),
    "ledningsgrupp": set(),
    "api_skv": {"A"},
}


@pytest.mark.parametrize(("vem", "forvantat"), SYNLIGA.items())
def test_each_role_sees_exactly_its_operations(varld, vem, forvantat):
    _, anvandare = varld
    user = anvandare[vem]
    assert set(synliga_insatser(user).values_list("referens", flat=True)) == forvantat
    for insats in Insats.objects.all():
        assert INSATS_POLICY.tillater(user, Handling.SE, insats) == (insats.referens in forvantat)


def test_meeting_point_flag_follows_the_field_rule(varld):
    _, anvandare = varld
    for vem, forvantat in [("skv", True), ("opsam_city", True), ("api_skv", False)]:
        user = anvandare[vem]
        rad = INSATS_POLICY.markera(
            synliga_insatser(user).filter(referens="A"), user, visa=Handling.SE_DETALJER
        ).get()
        assert rad.visa is forvantat, vem


RAKNADE = {
    "polisledning": {"A", "B"},  # a request to one of its LPOs has been sent
    "ledningsgrupp": {"A", "B", "C"},
    "samordnare_akc": set(),
    "opsam_city": set(),
}


@pytest.mark.parametrize(("vem", "forvantat"), RAKNADE.items())
def test_management_counts_the_operations_of_its_scope_without_seeing_one(varld, vem, forvantat):
    _, anvandare = varld
    user = anvandare[vem]
    raknade = INSATS_POLICY.filtrera(user, Handling.RAKNA)
    assert set(raknade.values_list("referens", flat=True)) == forvantat
    assert INSATS_POLICY.kan_nagon_gang(user, Handling.RAKNA) == bool(forvantat)


def test_an_explicit_grant_gives_management_no_single_operation(varld):
    insatser, anvandare = varld
    for vem in ("polisledning", "ledningsgrupp"):
        InsatsUserObjectPermission.objects.create(
            user=anvandare[vem],
            content_object=insatser["akc_av_nordost"],
            permission=Permission.objects.get(codename="view_insats"),
        )
        assert not synliga_insatser(anvandare[vem]).exists()


def test_field_flag_for_a_user_without_any_allowed_relation_is_false(varld):
    _, anvandare = varld
    user = anvandare["ledningsgrupp"]
    rader = INSATS_POLICY.markera(Insats.objects.all(), user, visa=Handling.SE_DETALJER)
    assert [r.visa for r in rader] == [False, False, False]


def test_explicit_grant_on_one_operation(varld):
    insatser, anvandare = varld
    user = anvandare["mig"]
    InsatsUserObjectPermission.objects.create(
        user=user,
        content_object=insatser["akc_av_nordost"],
        permission=Permission.objects.get(codename="view_insats"),
    )
    assert set(synliga_insatser(user).values_list("referens", flat=True)) == {"B"}


def test_inactive_organisation_sees_nothing(varld):
    _, anvandare = varld
    Myndighet.objects.filter(kod="skatteverket").update(aktiv=False)
    anvandare["skv"].refresh_from_db()
    assert not synliga_insatser(anvandare["skv"]).exists()


def test_list_filter_takes_constant_queries(varld):
    _, anvandare = varld

    def fragor(user):
        user = type(user).objects.get(pk=user.pk)  # a fresh request's user: nothing cached
        with CaptureQueriesContext(connection) as ctx:
            list(synliga_insatser(user).select_related("samordnande_organisation")[:50])
        return len(ctx)

    fore = {vem: fragor(user) for vem, user in anvandare.items()}
    for nummer in range(30):
        _insats(f"X{nummer}", deltagare=["skatteverket", "av"], lpo="city")
    assert {vem: fragor(user) for vem, user in anvandare.items()} == fore
    assert max(fore.values()) <= 4


def test_no_per_row_has_perm_in_lists(client, varld):
    _, anvandare = varld
    with mock.patch(
        "django.contrib.auth.models.PermissionsMixin.has_perm",
        side_effect=AssertionError("has_perm called"),
    ):
        for user in anvandare.values():
            client.force_login(user)
            assert client.get("/").status_code == 200
            list(INSATS_POLICY.markera(synliga_insatser(user), user, a=Handling.SE_DETALJER))
