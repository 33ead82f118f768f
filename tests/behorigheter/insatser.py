"""Operation pages, planning and the police staffing inbox."""

from django.utils import timezone

from tests.behorigheter import LOGIN, alla, for_den_som_ser
from tests.behorigheter._gemensamt import matrisinsatsen, matriskontrollen

MATRIS = {
    "insatser": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    # The year's operations on a map: every reader of the list (management's is empty).
    "insatskarta": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    # An operation coordinated by AKC-väst with Skatteverket invited and a request to LPO City.
    "insats": {"GET": for_den_som_ser(200), "POST": alla(405, ANONYM=LOGIN)},
    # The coordinator (and City's police coordinator) may cancel it; only the coordinator moves it.
    "stall_in_insats": {
        "POST": for_den_som_ser(403, SAMORDNARE=302, OPERATIV_SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    **{
        namn: {
            "GET": for_den_som_ser(403, SAMORDNARE=200),
            "POST": for_den_som_ser(403, SAMORDNARE=200),
        }
        for namn in ("omplanera_insats", "andra_insats")
    },
    # The add-object picker: the pool ranked for the operation, for its coordinator only.
    "valj_objekt": {
        "GET": for_den_som_ser(403, SAMORDNARE=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "ny_insats": {
        "GET": alla(403, ANONYM=LOGIN, SAMORDNARE=200),
        "POST": alla(403, ANONYM=LOGIN, SAMORDNARE=200),
    },
    **{
        namn: {
            "POST": for_den_som_ser(403, SAMORDNARE=302),
            "GET": alla(405, ANONYM=LOGIN),
        }
        for namn in (
            "bjud_in",
            "lagg_till_objekt",
            "begar_bemanning",
            "planera_insats",
            "avsla_insats",
            "genomfor_insats",
        )
    },
    # A control of M-2, seen by the same roles as the matrix operation but under way today: only
    # the coordinator may register (Skatteverket has not accepted); an empty post is refused with
    # a message and a redirect back to the page.
    **{
        namn: {
            "POST": for_den_som_ser(403, SAMORDNARE=302),
            "GET": alla(405, ANONYM=LOGIN),
        }
        for namn in ("markera_kontroll", "registrera_fynd")
    },
    # The day page of M-2 and its findings partial: for those who see its details (the REST
    # client sees only that it exists); recording from it as on the operation page.
    **{
        namn: {
            "GET": for_den_som_ser(200, API_KLIENT=404),
            "POST": alla(405, ANONYM=LOGIN),
        }
        for namn in ("insatsen_idag", "dagens_fynd")
    },
    "registrera_fynd_idag": {
        "POST": for_den_som_ser(403, API_KLIENT=404, SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # An unshared finding of AKC-väst in that control: its coordinator may correct it (an empty
    # post comes back with the form's errors) or remove it; the others registering in M-2 do not
    # exist, and those who only see M-2 are refused before the finding is looked up.
    "ratta_fynd": {
        "GET": for_den_som_ser(403, SAMORDNARE=200),
        "POST": for_den_som_ser(403, SAMORDNARE=200),
    },
    "ta_bort_fynd": {
        "POST": for_den_som_ser(403, SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # Everyone's own overviews; what they hold follows the policies (tests/insatser/).
    **{
        namn: {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)}
        for namn in ("kalender", "mina_uppgifter")
    },
    "svara_inbjudan": {
        "POST": for_den_som_ser(403, MYNDIGHETSKONTAKT=302, HANDLAGGARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # Skatteverket (invited, not declined) names its own contact function; AKC-väst's coordinator
    # has no participation row in the matrix operation (made by factories), so nothing to name.
    "ange_kontaktfunktion": {
        "POST": for_den_som_ser(403, MYNDIGHETSKONTAKT=302, HANDLAGGARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # The persons page: read by those who see M-1's details; Skatteverket (invited) names and
    # removes its own persons (an empty post comes back with the form's errors, a removal without
    # a version with a message); the others have no participation of their own to name from and
    # never learn of Skatteverket's named person.
    "insats_personer": {
        "GET": for_den_som_ser(200, API_KLIENT=404),
        "POST": for_den_som_ser(403, MYNDIGHETSKONTAKT=200, HANDLAGGARE=200, API_KLIENT=404),
    },
    "ta_bort_utsand_person": {
        "POST": for_den_som_ser(404, MYNDIGHETSKONTAKT=302, HANDLAGGARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # Everyone's load view; whose hours it holds follows the policy (tests/insatser/).
    "belastning": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    # City's operational coordinator names the police commander for City's active request.
    "ange_polisbefal": {
        "POST": for_den_som_ser(403, OPERATIV_SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "insatsgrupper": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    "ny_insatsgrupp": {
        "GET": alla(403, ANONYM=LOGIN, SAMORDNARE=200),
        "POST": alla(403, ANONYM=LOGIN, SAMORDNARE=200),
    },
    # A group led by AKC-väst holding the matrix operation: seen by those who see the operation
    # (not the REST client), managed and joined by AKC-väst's coordinators.
    "insatsgrupp": {"GET": for_den_som_ser(200, API_KLIENT=404), "POST": alla(405, ANONYM=LOGIN)},
    **{
        namn: {
            "POST": for_den_som_ser(403, API_KLIENT=404, SAMORDNARE=302),
            "GET": alla(405, ANONYM=LOGIN),
        }
        for namn in ("bjud_in_insatsgrupp", "anslut_insatsgrupp")
    },
    "lamna_insatsgrupp": {
        "POST": for_den_som_ser(403, SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # The agencies' information: read by those who see the operation's details (M-1); a block of
    # Skatteverket on M-2's object, released there to all participants, is released and withdrawn
    # by Skatteverket's officers only (an empty post comes back with a message), refused to the
    # other readers, and unknown to the rest; blocks are added by the pool's users.
    # The REST client sees that the operation exists, not its details.
    "myndighetsuppgifter": {
        "GET": for_den_som_ser(200, API_KLIENT=404),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "lagg_till_myndighetsuppgift": {
        "POST": for_den_som_ser(302, OPERATIV_SAMORDNARE=403, API_KLIENT=404),
        "GET": alla(405, ANONYM=LOGIN),
    },
    **{
        namn: {
            "POST": for_den_som_ser(403, HANDLAGGARE=302, MYNDIGHETSKONTAKT=302, API_KLIENT=404),
            "GET": alla(405, ANONYM=LOGIN),
        }
        for namn in ("frislapp_uppgift", "aterkalla_frislappning")
    },
    # Requests for information in M-1: its coordinator and Skatteverket's people (invited) ask
    # (an empty post comes back with a message); the police see M-1 but ask nothing, the REST
    # client does not see its details. A request of AKC-väst to Skatteverket in M-1 is answered or
    # declined by Skatteverket's officers; AKC-väst's coordinator reads it but may not answer; the
    # rest never learn of it.
    "begar_uppgifter": {
        "POST": for_den_som_ser(
            403, SAMORDNARE=302, HANDLAGGARE=302, MYNDIGHETSKONTAKT=302, API_KLIENT=404
        ),
        "GET": alla(405, ANONYM=LOGIN),
    },
    **{
        namn: {
            "POST": alla(404, ANONYM=LOGIN, SAMORDNARE=403, HANDLAGGARE=302, MYNDIGHETSKONTAKT=302),
            "GET": alla(405, ANONYM=LOGIN),
        }
        for namn in ("besvara_uppgiftsbegaran", "avboj_uppgiftsbegaran")
    },
    "bemanning_inkorg": {
        "GET": alla(403, ANONYM=LOGIN, OPERATIV_SAMORDNARE=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "besvara_bemanning": {
        "GET": alla(404, ANONYM=LOGIN, OPERATIV_SAMORDNARE=200),
        "POST": alla(404, ANONYM=LOGIN, OPERATIV_SAMORDNARE=200),
    },
    "aterkalla_bemanning": {
        "POST": alla(404, ANONYM=LOGIN, OPERATIV_SAMORDNARE=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # City's police coordinator only; an empty post shows the request's page with the errors.
    "andra_bemanning": {
        "POST": alla(404, ANONYM=LOGIN, OPERATIV_SAMORDNARE=200),
        "GET": alla(405, ANONYM=LOGIN),
    },
}
URLER = {
    "insatser": "/insatser/",
    "insatskarta": f"/insatser/karta/?ar={timezone.localdate().year}",
    "insats": "/insatser/{INSATS}/",
    "stall_in_insats": "/insatser/{INSATS}/stall-in/",
    "omplanera_insats": "/insatser/{INSATS}/omplanera/",
    "andra_insats": "/insatser/{INSATS}/andra/",
    "ny_insats": "/insatser/ny/",
    "bjud_in": "/insatser/{INSATS}/bjud-in/",
    "lagg_till_objekt": "/insatser/{INSATS}/objekt/",
    "valj_objekt": "/insatser/{INSATS}/objekt/valj/",
    "begar_bemanning": "/insatser/{INSATS}/bemanning/",
    "planera_insats": "/insatser/{INSATS}/planera/",
    "avsla_insats": "/insatser/{INSATS}/avsla/",
    "genomfor_insats": "/insatser/{INSATS}/genomfor/",
    "svara_inbjudan": "/insatser/{INSATS}/svar/",
    "ange_kontaktfunktion": "/insatser/{INSATS}/kontaktfunktion/",
    "ange_polisbefal": "/insatser/{INSATS}/polisbefal/",
    "insats_personer": "/insatser/{INSATS}/personer/",
    "ta_bort_utsand_person": "/insatser/{INSATS}/personer/{UTSAND}/ta-bort/",
    "belastning": "/belastning/",
    "insatsgrupper": "/insatsgrupper/",
    "ny_insatsgrupp": "/insatsgrupper/ny/",
    "insatsgrupp": "/insatsgrupper/{GRUPP}/",
    "bjud_in_insatsgrupp": "/insatsgrupper/{GRUPP}/bjud-in/",
    "anslut_insatsgrupp": "/insatsgrupper/{GRUPP}/anslut/",
    "lamna_insatsgrupp": "/insatser/{INSATS}/lamna-grupp/",
    "markera_kontroll": "/insatser/{DAGENS_INSATS}/kontroller/{KONTROLL}/markera/",
    "registrera_fynd": "/insatser/{DAGENS_INSATS}/kontroller/{KONTROLL}/fynd/",
    "ratta_fynd": "/insatser/{DAGENS_INSATS}/kontroller/{KONTROLL}/fynd/{FYND}/",
    "insatsen_idag": "/insatser/{DAGENS_INSATS}/dagen/",
    "dagens_fynd": "/insatser/{DAGENS_INSATS}/dagen/fynd/",
    "registrera_fynd_idag": "/insatser/{DAGENS_INSATS}/dagen/kontroller/{KONTROLL}/fynd/",
    "ta_bort_fynd": "/insatser/{DAGENS_INSATS}/kontroller/{KONTROLL}/fynd/{FYND}/ta-bort/",
    "kalender": "/kalender/",
    "mina_uppgifter": "/mina-uppgifter/",
    "myndighetsuppgifter": "/insatser/{INSATS}/myndighetsuppgifter/",
    "lagg_till_myndighetsuppgift": "/insatser/{DAGENS_INSATS}/myndighetsuppgifter/{KONTROLL}/ny/",
    "frislapp_uppgift": "/insatser/{DAGENS_INSATS}/myndighetsuppgifter/{UPPGIFT}/frislapp/",
    "aterkalla_frislappning": "/frislappningar/{FRISLAPPNING}/aterkalla/",
    "begar_uppgifter": "/insatser/{INSATS}/uppgiftsbegaranden/",
    "besvara_uppgiftsbegaran": "/uppgiftsbegaranden/{UPPGIFTSBEGARAN}/besvara/",
    "avboj_uppgiftsbegaran": "/uppgiftsbegaranden/{UPPGIFTSBEGARAN}/avboj/",
    "bemanning_inkorg": "/polis/begaranden/",
    "besvara_bemanning": "/polis/begaranden/{BEGARAN}/",
    "aterkalla_bemanning": "/polis/begaranden/{BEGARAN}/aterkalla/",
    "andra_bemanning": "/polis/begaranden/{BEGARAN}/andra/",
}


def platshallare(aktorer) -> dict:
    from insatser.models import Frislappning, Fynd, Insatsgrupp, Uppgiftsbegaran, Utsandperson
    from myndigheter.models import Myndighet
    from myndigheter.roles import Roll
    from objekt.models import Objektuppgift

    insats = matrisinsatsen()
    grupp = Insatsgrupp.objects.create(
        namn="Matrisgruppen",
        fonster_start=insats.start,
        fonster_slut=insats.slut,
        agare=Myndighet.objects.get(kod="akc-vast"),
    )
    grupp.organisationer.add(grupp.agare)
    insats.insatsgrupp = grupp
    insats.save()
    kontroll = matriskontrollen()
    uppgift = Objektuppgift.objects.create(
        objekt=kontroll.objekt, organisation=Myndighet.objects.get(kod="skatteverket")
    )
    frislappning = Frislappning.objects.create(
        objektuppgift=uppgift,
        insats=kontroll.insats,
        frislappt_av=aktorer[Roll.HANDLAGGARE],
        grund="Matrisgrund",
    )
    begaran = Uppgiftsbegaran.objects.create(
        insats=insats,
        fragande_organisation=insats.samordnande_organisation,
        fragad_av=aktorer[Roll.SAMORDNARE],
        tillfragad_organisation=Myndighet.objects.get(kod="skatteverket"),
        fraga="Matrisfråga",
    )
    utsand = Utsandperson.objects.create(
        deltagande=insats.deltaganden.get(organisation__kod="skatteverket"),
        anvandare=aktorer[Roll.HANDLAGGARE],
        namngiven_av=aktorer[Roll.HANDLAGGARE],
    )
    return {
        "UTSAND": utsand.pk,
        "UPPGIFTSBEGARAN": begaran.pk,
        "UPPGIFT": uppgift.pk,
        "FRISLAPPNING": frislappning.pk,
        "INSATS": insats.pk,
        "BEGARAN": insats.bemanningsbegaranden.get().pk,
        "GRUPP": grupp.pk,
        "DAGENS_INSATS": kontroll.insats_id,
        "KONTROLL": kontroll.pk,
        "FYND": Fynd.objects.create(
            kontroll=kontroll, organisation=insats.samordnande_organisation, text="Matrisfynd"
        ).pk,
    }
