"""Requests for information between the agencies of an operation: one participant asks another
about an object (or the operation), the asked agency answers (with the release that answers) or
declines with a reason; only the two organisations and the coordinators learn of it, the
timeline names only the organisations, and the right people are notified."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from insatser import access, services
from insatser.models import (
    Deltagande,
    Frislappning,
    Insatshandelse,
    Installningsorsak,
    Mottagarkrets,
    Uppgiftsbegaran,
)
from insatser.workflow import InsatsStatus, UppgiftsbegaranStatus
from karna.lasning import Konflikt
from myndigheter.roles import Roll
from notiser.mottagare import mottagare
from objekt.models import Objektuppgift
from tests.fabriker import (
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
    org,
)

pytestmark = pytest.mark.django_db
FRAGA = "Har arbetsgivaren haft skyddsombud vid tidigare inspektioner?"


@pytest.fixture
def varld(skapa_anvandare):
    insats = InsatsFabrik(referens="I-B", samordnande_organisation=org("akc-vast"))
    kontroll = KontrollFabrik(insats=insats, objekt=ObjektFabrik(namn="Pizzerian AB"))
    for kod in ("skatteverket", "av", "miljoforvaltningen"):
        DeltagandeFabrik(insats=insats, organisation=org(kod))
    DeltagandeFabrik(
        insats=insats,
        organisation=org("migrationsverket"),
        svar=Deltagande.Svar.AVBOJD,
    )
    return {
        "insats": insats,
        "objekt": kontroll.objekt,
        "sam": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "av_kontakt": skapa_anvandare("av.kontakt", Roll.MYNDIGHETSKONTAKT, "av"),
        "av_sam": skapa_anvandare("av.sam", Roll.SAMORDNARE, "av"),
        "miljo": skapa_anvandare("miljo", Roll.HANDLAGGARE, "miljoforvaltningen"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
    }


def _fraga(varld, vem="skv", till="av", fraga=FRAGA, objekt="objekt"):
    return services.begar_uppgifter(
        varld[vem], varld["insats"], org(till), fraga, varld.get(objekt) if objekt else None
    )


def _frislappning(varld, krets=Mottagarkrets.ALLA, agare="av"):
    return Frislappning.objects.create(
        objektuppgift=Objektuppgift.objects.create(objekt=varld["objekt"], organisation=org(agare)),
        insats=varld["insats"],
        frislappt_av=varld["av"],
        krets=krets,
        grund="7 kap. 13 § arbetsmiljölagen",
    )


def _handelser(insats, typ):
    return Insatshandelse.objects.filter(insats=insats, typ=typ)


def test_a_participant_asks_another_about_an_object(varld):
    begaran = _fraga(varld)
    assert (begaran.status, begaran.fraga, begaran.objekt) == (
        UppgiftsbegaranStatus.OPPEN,
        FRAGA,
        varld["objekt"],
    )
    assert begaran.fragande_organisation == org("skatteverket")
    assert begaran.fragad_av == varld["skv"]
    handelse = _handelser(varld["insats"], "uppgifter_begarda").get()
    assert handelse.uppgiftsbegaran == begaran
    assert handelse.text == "Skatteverket → Arbetsmiljöverket"


def test_a_question_about_the_operation_in_general_names_no_object(varld):
    assert _fraga(varld, objekt=None).objekt is None


def test_the_asked_officer_answers_with_the_release_that_answers(varld):
    begaran = _fraga(varld)
    frislappning = _frislappning(varld)
    besvarad = services.besvara_uppgiftsbegaran(
        varld["av"], begaran, " Ja, se vår uppgift. ", frislappning, version=begaran.version
    )
    besvarad.refresh_from_db()
    assert besvarad.status == UppgiftsbegaranStatus.BESVARAD
    assert (besvarad.svarstext, besvarad.frislappning, besvarad.besvarad_av) == (
        "Ja, se vår uppgift.",
        frislappning,
        varld["av"],
    )
    assert besvarad.besvarad is not None
    assert _handelser(varld["insats"], "uppgiftsbegaran_besvarad").get().uppgiftsbegaran == begaran


def test_the_asked_focal_point_declines_and_the_asker_reads_why(varld, client):
    begaran = _fraga(varld)
    services.avbo_uppgiftsbegaran(
        varld["av_kontakt"], begaran, "Sekretess enligt 10 kap. OSL hindrar.", version=0
    )
    begaran.refresh_from_db()
    assert begaran.status == UppgiftsbegaranStatus.AVBOJD
    client.force_login(varld["skv"])
    sida = client.get(reverse("myndighetsuppgifter", args=[varld["insats"].pk]))
    assert "Sekretess enligt 10 kap. OSL hindrar." in sida.content.decode()


@pytest.mark.parametrize(
    ("andring", "falt", "text"),
    [
        ({"fraga": "   "}, "fraga", "Skriv vad ni vill veta."),
        ({"till": "skatteverket"}, "tillfragad", "egen organisation"),
        ({"till": "migrationsverket"}, "tillfragad", "deltar i insatsen"),
        ({"till": "tullverket"}, "tillfragad", "deltar i insatsen"),
    ],
)
def test_a_bad_request_is_refused_in_swedish_and_nothing_is_saved(varld, andring, falt, text):
    with pytest.raises(ValidationError) as fel:
        _fraga(varld, **andring)
    assert text in " ".join(fel.value.message_dict[falt])
    assert not Uppgiftsbegaran.objects.exists()
    assert not _handelser(varld["insats"], "uppgifter_begarda").exists()


def test_an_object_outside_the_operation_is_refused(varld):
    varld["annat"] = ObjektFabrik(namn="Annat AB")
    with pytest.raises(ValidationError) as fel:
        _fraga(varld, objekt="annat")
    assert "Objektet ingår inte i insatsen." in fel.value.message_dict["objekt"]
    assert not Uppgiftsbegaran.objects.exists()


@pytest.mark.parametrize(
    "status", [InsatsStatus.INSTALLD, InsatsStatus.OMPLANERAD, InsatsStatus.UTVARDERAD]
)
def test_no_new_requests_once_the_operation_has_ended(varld, status):
    # Written directly: the test is about the request, not how the operation ended.
    andring = {"status": status}
    if status == InsatsStatus.INSTALLD:
        andring["installd_orsak"] = Installningsorsak.objects.first()
    type(varld["insats"]).objects.filter(pk=varld["insats"].pk).update(**andring)
    with pytest.raises(ValidationError) as fel:
        _fraga(varld)
    assert "avslutad" in " ".join(fel.value.messages)
    assert not Uppgiftsbegaran.objects.exists()


@pytest.mark.parametrize("verb", ["besvara", "avboj"])
def test_an_open_request_lapses_when_the_operation_ends(varld, verb):
    begaran = _fraga(varld)
    type(varld["insats"]).objects.filter(pk=varld["insats"].pk).update(
        status=InsatsStatus.INSTALLD, installd_orsak=Installningsorsak.objects.first()
    )
    svara = {
        "besvara": lambda: services.besvara_uppgiftsbegaran(varld["av"], begaran, "Ja.", version=0),
        "avboj": lambda: services.avbo_uppgiftsbegaran(varld["av"], begaran, "Nej.", version=0),
    }[verb]
    with pytest.raises(ValidationError) as fel:
        svara()
    assert "avslutad" in " ".join(fel.value.messages)
    assert Uppgiftsbegaran.objects.get().status == UppgiftsbegaranStatus.OPPEN


def test_those_who_do_not_take_part_may_not_ask(varld):
    with pytest.raises(PermissionDenied):
        _fraga(varld, vem="mig")  # declined: sees that it was invited, nothing more
    with pytest.raises(Http404):
        _fraga(varld, vem="opsam")  # no staffing request: does not see the operation
    assert not Uppgiftsbegaran.objects.exists()


def test_answering_twice_is_refused(varld):
    begaran = _fraga(varld)
    services.besvara_uppgiftsbegaran(varld["av"], begaran, "Ja.", version=0)
    with pytest.raises(ValidationError) as fel:
        services.avbo_uppgiftsbegaran(varld["av_kontakt"], begaran, "Nej.", version=1)
    assert "redan besvarad" in " ".join(fel.value.messages)
    begaran.refresh_from_db()
    assert (begaran.status, begaran.svarstext) == (UppgiftsbegaranStatus.BESVARAD, "Ja.")


def test_a_stale_version_is_refused(varld):
    begaran = _fraga(varld)
    Uppgiftsbegaran.objects.filter(pk=begaran.pk).update(version=3)
    with pytest.raises(Konflikt):
        services.besvara_uppgiftsbegaran(varld["av"], begaran, "Ja.", version=0)
    assert Uppgiftsbegaran.objects.get().status == UppgiftsbegaranStatus.OPPEN


@pytest.mark.parametrize("fall", ["annans", "namngiven_annan", "aterkallad", "utan_svar"])
def test_an_answer_must_be_a_note_and_a_release_of_ours_that_reaches_the_asker(varld, fall):
    begaran = _fraga(varld)
    svar, frislappning = "Se uppgiften.", _frislappning(varld)
    if fall == "annans":
        frislappning = _frislappning(varld, agare="miljoforvaltningen")
    elif fall == "namngiven_annan":
        frislappning.krets = Mottagarkrets.NAMNGIVNA
        frislappning.save()
        frislappning.mottagare.set([org("miljoforvaltningen")])
    elif fall == "aterkallad":
        Frislappning.objects.filter(pk=frislappning.pk).update(aterkallad="2026-01-01T00:00Z")
        frislappning.refresh_from_db()
    else:
        svar = "  "
    with pytest.raises(ValidationError):
        services.besvara_uppgiftsbegaran(varld["av"], begaran, svar, frislappning, version=0)
    assert Uppgiftsbegaran.objects.get().status == UppgiftsbegaranStatus.OPPEN


@pytest.mark.parametrize("vem", ["skv", "sam", "av_sam", "miljo", "opsam"])
def test_only_the_asked_officers_answer(varld, vem):
    begaran = _fraga(varld)
    fel = Http404 if vem in ("miljo", "opsam") else PermissionDenied
    with pytest.raises(fel):
        services.besvara_uppgiftsbegaran(varld[vem], begaran, "Ja.", version=0)


def test_a_third_participant_does_not_learn_of_the_request(varld, client):
    begaran = _fraga(varld)
    for vem in ("skv", "av", "av_kontakt", "av_sam", "sam"):
        assert access.synliga_uppgiftsbegaranden(varld[vem]).filter(pk=begaran.pk).exists(), vem
    for vem in ("miljo", "mig", "opsam"):
        assert not access.synliga_uppgiftsbegaranden(varld[vem]).exists(), vem
    client.force_login(varld["miljo"])
    sida = client.get(reverse("myndighetsuppgifter", args=[varld["insats"].pk]))
    assert sida.status_code == 200
    assert FRAGA not in sida.content.decode()
    for namn in ("besvara_uppgiftsbegaran", "avboj_uppgiftsbegaran"):
        assert client.post(reverse(namn, args=[begaran.pk]), {}).status_code == 404


def test_the_asked_officers_are_notified_of_a_request_and_the_askers_of_the_answer(varld):
    begaran = _fraga(varld)
    ny = _handelser(varld["insats"], "uppgifter_begarda").get()
    assert set(mottagare(ny)) == {varld["av"], varld["av_kontakt"]}
    services.besvara_uppgiftsbegaran(varld["av"], begaran, "Ja.", version=0)
    svar = _handelser(varld["insats"], "uppgiftsbegaran_besvarad").get()
    assert set(mottagare(svar)) == {varld["skv"]}


def test_the_asker_is_notified_of_a_decline(varld):
    begaran = _fraga(varld)
    services.avbo_uppgiftsbegaran(varld["av"], begaran, "Sekretess.", version=0)
    avbojd = _handelser(varld["insats"], "uppgiftsbegaran_avbojd").get()
    assert set(mottagare(avbojd)) == {varld["skv"]}


def test_the_timeline_carries_no_question_answer_or_reason(varld, client):
    forsta = _fraga(varld)
    andra = _fraga(varld, fraga="Finns hund på gården?")
    services.besvara_uppgiftsbegaran(varld["av"], forsta, "Ja, två skyddsombud.", version=0)
    services.avbo_uppgiftsbegaran(varld["av"], andra, "Sekretessen hindrar.", version=0)
    texter = " ".join(
        Insatshandelse.objects.filter(insats=varld["insats"]).values_list("text", flat=True)
    )
    for hemligt in (FRAGA, "hund", "skyddsombud", "Sekretessen"):
        assert hemligt not in texter
    client.force_login(varld["miljo"])
    sida = client.get(reverse("insats", args=[varld["insats"].pk])).content.decode()
    assert "Skatteverket → Arbetsmiljöverket" in sida
    for hemligt in (FRAGA, "två skyddsombud", "Sekretessen hindrar"):
        assert hemligt not in sida


def test_the_page_asks_answers_and_declines_with_plain_posts(varld, client):
    insats = varld["insats"]
    client.force_login(varld["skv"])
    svar = client.post(
        reverse("begar_uppgifter", args=[insats.pk]),
        {"tillfragad": org("av").pk, "objekt": varld["objekt"].pk, "fraga": FRAGA},
        follow=True,
    )
    assert svar.redirect_chain[-1][0].endswith("#begaranden")
    assert "Begäran är skickad" in svar.content.decode()
    begaran = Uppgiftsbegaran.objects.get()
    tom = client.post(reverse("begar_uppgifter", args=[insats.pk]), {"fraga": ""}, follow=True)
    assert "Skriv vad ni vill veta." in tom.content.decode()
    assert Uppgiftsbegaran.objects.count() == 1
    frislappning = _frislappning(varld)
    client.force_login(varld["av"])
    sida = client.get(reverse("myndighetsuppgifter", args=[insats.pk])).content.decode()
    assert FRAGA in sida
    assert reverse("besvara_uppgiftsbegaran", args=[begaran.pk]) in sida
    svar = client.post(
        reverse("besvara_uppgiftsbegaran", args=[begaran.pk]),
        {
            f"s{begaran.pk}-svar": "Se vår uppgift.",
            f"s{begaran.pk}-frislappning": frislappning.pk,
            f"s{begaran.pk}-version": 0,
        },
        follow=True,
    )
    assert "Begäran är besvarad" in svar.content.decode()
    assert Uppgiftsbegaran.objects.get().frislappning == frislappning
    igen = client.post(
        reverse("avboj_uppgiftsbegaran", args=[begaran.pk]),
        {f"a{begaran.pk}-orsak": "Nej.", f"a{begaran.pk}-version": 1},
        follow=True,
    )
    assert "redan besvarad" in igen.content.decode()


def test_open_requests_wait_in_my_tasks_of_the_asked(varld, client):
    _fraga(varld)
    client.force_login(varld["av"])
    assert "Skatteverket frågar" in client.get(reverse("mina_uppgifter")).content.decode()
    client.force_login(varld["miljo"])
    assert "Skatteverket frågar" not in client.get(reverse("mina_uppgifter")).content.decode()


def test_the_operation_page_links_the_count(varld, client):
    _fraga(varld)
    _fraga(varld, fraga="Och hunden?")
    client.force_login(varld["sam"])
    sida = client.get(reverse("insats", args=[varld["insats"].pk])).content.decode()
    assert "2 begäranden om uppgifter" in sida


def test_the_page_reads_the_requests_in_a_fixed_number_of_queries(
    varld, client, django_assert_max_num_queries
):
    def antal_fragor():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as fragor:
            assert (
                client.get(reverse("myndighetsuppgifter", args=[varld["insats"].pk])).status_code
                == 200
            )
        return len(fragor)

    _fraga(varld)
    _frislappning(varld)
    client.force_login(varld["av"])
    en = antal_fragor()
    for i in range(5):
        begaran = _fraga(varld, fraga=f"Fråga {i}")
        if i % 2:
            services.besvara_uppgiftsbegaran(varld["av"], begaran, "Ja.", version=0)
    _fraga(varld, vem="sam", till="av")
    with django_assert_max_num_queries(en):
        client.get(reverse("myndighetsuppgifter", args=[varld["insats"].pk]))
