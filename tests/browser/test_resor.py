"""User journeys through the real pages, one person per browser context: planning to findings,
police withdrawal to rescheduling, and an object import with bad rows. A real Celery worker
fans out the notifications and runs the import; every page passes axe (WCAG 2.1 AA)."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from arshjul.models import Arshjul, Arshjulshandelse, Handelsetyp
from insatser import services, varningar
from insatser.models import Bemanningsbegaran, Deltagande, Fynd, Insats, Kontroll
from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from notiser.models import Notis
from objekt.models import Importrad, Myndighetsintresse, Objekt, Objektimport, Objekttyp
from tests.importfiler import csv_fil, xlsx_fil
from tests.varld import aktuell_version, bekrafta

pytestmark = pytest.mark.django_db(transaction=True)

LOSENORD = "test-losen-123"
# Notifications and imports need the worker; briefing PDFs (queue pdf) are not under test here.
KOER = ("akut", "celery")


def _falt(tidpunkt) -> str:
    """A time as a datetime-local input takes it."""
    return timezone.localtime(tidpunkt).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def personer(transactional_db, skapa_anvandare):
    """One person per role."""
    return {
        "samordnare": skapa_anvandare(
            "samordnare", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning"
        ),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "polis": skapa_anvandare(
            "polis", Roll.INSATSPOLIS, "polisen", lpoer=("city",), insatspolis=True
        ),
    }


@pytest.fixture
def objekt(personer):
    return Objekt.objects.create(
        referens="R-1",
        namn="Resebolaget AB",
        objekttyp=Objekttyp.FORETAG,
        organisationsnummer="556016-0680",
        adress="Resegatan 3",
        kommun=Kommun.objects.get(kod="goteborg"),
        lpo=Lokalpolisomrade.objects.get(kod="city"),
        foreslaget_av_organisation=Myndighet.objects.get(kod="skatteverket"),
    )


@pytest.fixture
def bekraftad(personer, objekt):
    """An operation two days from now, confirmed: Skatteverket accepted and City staffed it with a
    named officer. The wheel has an operation window in City three weeks ahead."""
    sam = personer["samordnare"]
    city = Lokalpolisomrade.objects.get(kod="city")
    start = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    insats = services.skapa_insats(
        user=sam,
        titel="Kiosker i City",
        start=start,
        slut=start + timedelta(hours=4),
        samordnande_enhet=sam.profil.enhet,
        samlingsplats="Gustaf Adolfs torg",
        lpoer=[city],
    )
    services.bjud_in(sam, insats, Myndighet.objects.get(kod="skatteverket"))
    services.lagg_till_kontroll(sam, insats, objekt)
    kvittens = {
        "motivering": "Kort varsel i testet",
        "kvitterade": [v.nyckel for v in varningar.varningar(insats)],
    }
    services.planera_insats(sam, insats, version=aktuell_version(insats), **kvittens)
    begaran = services.begar_bemanning(
        sam, insats, city, 2, version=aktuell_version(insats), **kvittens
    )
    bekrafta(personer, insats, begaran, 2)
    dag = timezone.localdate() + timedelta(days=21)
    fonsterstart = datetime.combine(dag, time(0), tzinfo=timezone.get_current_timezone())
    fonster = Arshjulshandelse.objects.create(
        arshjul=Arshjul.objects.create(
            kod="resehjul", namn="AKC-väst insatser", agare=Myndighet.objects.get(kod="akc-vast")
        ),
        ar=dag.year,
        typ=Handelsetyp.INSATSFONSTER,
        titel="Insatsfönster City",
        lpo=city,
        kapacitet=2,
        start=fonsterstart,
        slut=fonsterstart + timedelta(days=4, hours=23),
    )
    insats = Insats.objects.get(pk=insats.pk)
    assert insats.status == InsatsStatus.BEKRAFTAD
    return {"insats": insats, "begaran": begaran, "fonster": fonster}


@pytest.fixture
def granska(axe_granskning, spara_bild):
    """Screenshot the page as it is now and assert that axe finds no violation on it."""

    def granska(page, namn: str):
        assert axe_granskning(page) == [], namn
        spara_bild(page, namn)

    return granska


@pytest.fixture
def logga_in(live_server, ny_sida, granska):
    """A new browser context logged in through the login form; the password is sent with Enter."""

    def logga_in(user, namn: str):
        page = ny_sida()
        page.goto(f"{live_server.url}/logga-in/")
        page.get_by_label("Användarnamn").fill(user.username)
        page.get_by_label("Lösenord").fill(LOSENORD)
        page.get_by_label("Lösenord").press("Enter")
        page.wait_for_url(f"{live_server.url}/")
        granska(page, namn)
        return page

    return logga_in


def _meddelande(page, text: str):
    expect(page.locator("ul.messages")).to_contain_text(text)


def _formular(page, knapp: str):
    """The form a submit button belongs to."""
    return page.locator("form").filter(has=page.get_by_role("button", name=knapp, exact=True))


def _oppna_notis(page, live_server, granska, namn: str, etikett: str, antal: int):
    """From the header's counter to the notification list, then the newest ``etikett``'s link."""
    expect(page.locator("#notisraknare .raknare")).to_have_text(str(antal))
    page.get_by_role("link", name="Notiser").click()
    page.wait_for_url(f"{live_server.url}/notiser/")
    granska(page, f"{namn}-notiser")
    notis = page.locator("li.notis").filter(has_text=etikett).first
    notis.get_by_role("link").click()
    page.wait_for_url("**/insatser/*/")


def test_a_planned_operation_is_staffed_carried_out_and_its_findings_recorded(
    personer, objekt, live_server, logga_in, granska, celery_arbetare
):
    """Slow (about 25 s): one journey through twenty-two pages by four people, each page
    screenshot and run through axe, with a real worker delivering the notifications."""
    arbetare = celery_arbetare(koer=KOER)
    url = live_server.url

    # The coordinator proposes an operation that started a quarter of an hour ago.
    sam = logga_in(personer["samordnare"], "resa-a-01-start-samordnare")
    sam.get_by_role("link", name="Insatser", exact=True).click()
    sam.wait_for_url(f"{url}/insatser/")
    granska(sam, "resa-a-02-insatser")
    sam.get_by_role("link", name="Ny insats").click()
    sam.wait_for_url(f"{url}/insatser/ny/")
    granska(sam, "resa-a-03-ny-insats")
    start = timezone.now() - timedelta(minutes=15)
    sam.get_by_label("Titel").fill("Restauranger i City")
    sam.get_by_label("Start", exact=True).fill(_falt(start))
    sam.get_by_label("Slut", exact=True).fill(_falt(start + timedelta(hours=4)))
    sam.get_by_label("Samordnande enhet").select_option(str(personer["samordnare"].profil.enhet_id))
    sam.get_by_label("Samlingsplats").fill("Bakom Centralstationen")
    sam.get_by_label("Lokalpolisområden").select_option(label="City")
    sam.get_by_role("button", name="Skapa insatsen").click()
    _meddelande(sam, " är skapad.")
    insats = Insats.objects.get(titel="Restauranger i City")
    assert sam.url == f"{url}/insatser/{insats.pk}/"
    _meddelande(sam, f"Insatsen {insats.referens} är skapad.")
    assert insats.status == InsatsStatus.FORESLAGEN
    assert insats.samordnande_enhet.kod == "akc-vast-samordning"
    assert list(insats.lpoer.values_list("kod", flat=True)) == ["city"]
    granska(sam, "resa-a-04-forslag")

    # An object from the pool and two invited agencies.
    sam.get_by_role("link", name="Välj bland objekten rangordnade för insatsen").click()
    sam.get_by_role("button", name=f"Lägg till {objekt.namn}", exact=True).click()
    _meddelande(sam, "Objektet är tillagt.")
    assert list(insats.kontroller.values_list("objekt", flat=True)) == [objekt.pk]
    granska(sam, "resa-a-05-objekt-tillagt")
    sam.goto(f"{url}/insatser/{insats.pk}/")
    for namn, bild in (("Skatteverket", "06"), ("Arbetsmiljöverket", "07")):
        _formular(sam, "Bjud in").get_by_label("Organisation", exact=True).select_option(label=namn)
        sam.get_by_role("button", name="Bjud in", exact=True).click()
        _meddelande(sam, "Organisationen är inbjuden och ser nu insatsen.")
        expect(sam.locator("#deltagare + ul")).to_contain_text(f"{namn}: Inbjuden")
        granska(sam, f"resa-a-{bild}-inbjuden")
    assert set(insats.deltaganden.values_list("organisation__kod", "svar")) == {
        ("akc-vast", Deltagande.Svar.ACCEPTERAD),
        ("skatteverket", Deltagande.Svar.INBJUDEN),
        ("av", Deltagande.Svar.INBJUDEN),
    }

    # Planning today is past the object lead time: without a reason it is refused.
    expect(sam.locator("section.varningar")).to_contain_text("Ledtiden för objekt har passerat")
    sam.get_by_role("button", name="Planera insatsen").click()
    _meddelande(sam, "Ange en motivering om ni vill gå vidare ändå.")
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.FORESLAGEN
    granska(sam, "resa-a-08-motivering-saknas")
    _formular(sam, "Planera insatsen").get_by_label(
        "Motivering för att gå vidare trots varningarna"
    ).fill("Tips om svartarbete i helgen")
    sam.get_by_role("button", name="Planera insatsen").click()
    _meddelande(sam, "Insatsen är planerad.")
    insats.refresh_from_db()
    assert insats.status == InsatsStatus.PLANERAD
    assert insats.kvittenser.filter(motivering="Tips om svartarbete i helgen").exists()
    expect(sam.locator("#oversikt + dl")).to_contain_text("Planerad")
    granska(sam, "resa-a-09-planerad")

    # Each agency opens its invitation from its notifications, accepts and judges the object.
    for kod, namn, grund, bild in (
        ("skv", "Skatteverket", "Misstänkt svartarbete", "10"),
        ("av", "Arbetsmiljöverket", "Brister i arbetsmiljön", "11"),
    ):
        user = personer[kod]
        arbetare.vanta_pa(lambda u=user: Notis.objects.filter(mottagare=u, insats=insats).exists())
        sida = logga_in(user, f"resa-a-{bild}a-start-{kod}")
        _oppna_notis(sida, live_server, granska, f"resa-a-{bild}b-{kod}", "inbjuden", 1)
        granska(sida, f"resa-a-{bild}c-inbjudan-{kod}")
        sida.get_by_label("Vi deltar", exact=True).check()
        sida.get_by_label("Antal personer från er").fill("2")
        sida.get_by_label("Antal personer från er").press("Enter")
        _meddelande(sida, "Ert svar är registrerat.")
        expect(sida.locator("#svar").locator("..")).to_contain_text("Nuvarande svar: Accepterad")
        deltagande = insats.deltaganden.get(organisation__namn=namn)
        assert (deltagande.svar, deltagande.planerat_antal) == (Deltagande.Svar.ACCEPTERAD, 2)
        granska(sida, f"resa-a-{bild}d-svarat-{kod}")
        sida.get_by_role("link", name=objekt.namn).click()
        sida.wait_for_url(f"{url}/objekt/{objekt.pk}/")
        granska(sida, f"resa-a-{bild}e-objekt-{kod}")
        relevans = sida.locator("#relevanssektion")
        relevans.get_by_label("Relevant för oss", exact=True).check()
        relevans.get_by_label("Motivering").fill(grund)
        relevans.get_by_role("button", name="Spara bedömningen").click()
        expect(sida.locator("#relevanssektion")).to_contain_text(f"Motivering: {grund}")
        markering = Myndighetsintresse.objects.get(objekt=objekt, organisation__namn=namn)
        assert (markering.relevans, markering.grund, markering.bedomd_av) == (
            Myndighetsintresse.Relevans.RELEVANT,
            grund,
            user,
        )
        granska(sida, f"resa-a-{bild}f-bedomt-{kod}")

    # Told of both answers, the coordinator asks LPO City for two officers; the staffing
    # warnings were acknowledged with the planning, so the form asks for no reason again.
    samordnare = personer["samordnare"]
    arbetare.vanta_pa(
        lambda: Notis.objects.filter(mottagare=samordnare, typ="inbjudan_besvarad").count() == 2
    )
    sam.reload()
    expect(sam.locator("#notisraknare .raknare")).to_have_text("2")
    expect(sam.locator("#deltagare + ul")).to_contain_text("Skatteverket: Accepterad")
    expect(sam.locator("section.varningar h3 + ul")).to_contain_text(
        "Polisen har inte bekräftat: Insatsen är"
    )
    granska(sam, "resa-a-12-svar-inkomna")
    bemanning = _formular(sam, "Skicka begäran")
    expect(bemanning.get_by_label("Motivering", exact=False)).to_have_count(0)
    bemanning.get_by_label("Lokalpolisområde").select_option(label="City")
    bemanning.get_by_label("Antal poliser").fill("2")
    sam.get_by_role("button", name="Skicka begäran").click()
    _meddelande(sam, "Bemanningsbegäran är skickad till lokalpolisområdet.")
    begaran = Bemanningsbegaran.objects.get(insats=insats)
    assert (begaran.status, begaran.lpo.kod, begaran.begart_antal) == (
        BemanningStatus.SKICKAD,
        "city",
        2,
    )
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.BEMANNING_BEGARD
    granska(sam, "resa-a-13-bemanning-begard")

    # The police coordinator confirms from the inbox and names an officer.
    polis = logga_in(personer["opsam"], "resa-a-14-start-opsam")
    polis.get_by_role("link", name="Bemanningsbegäranden").click()
    polis.wait_for_url(f"{url}/polis/begaranden/")
    granska(polis, "resa-a-15-inkorg")
    polis.get_by_role("link", name=f"{insats.referens} {insats.titel}").click()
    polis.wait_for_url(f"{url}/polis/begaranden/{begaran.pk}/")
    granska(polis, "resa-a-16-begaran")
    expect(polis.get_by_label("Antal poliser ni kan ställa")).to_have_value("2")
    polis.get_by_label("Namngivna insatspoliser").select_option(str(personer["polis"].pk))
    polis.get_by_role("button", name="Skicka svar").click()
    polis.wait_for_url(f"{url}/polis/begaranden/")
    _meddelande(polis, "Svaret är registrerat och syns för samordnaren på insatsens sida.")
    expect(polis.locator("tbody tr").filter(has_text=insats.referens)).to_contain_text("Bekräftad")
    begaran.refresh_from_db()
    assert (begaran.status, begaran.bekraftat_antal) == (BemanningStatus.BEKRAFTAD, 2)
    assert list(begaran.poliser.values_list("anvandare__username", flat=True)) == ["polis"]
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.BEKRAFTAD
    granska(polis, "resa-a-17-bekraftat")

    # Skatteverket learns that the operation is confirmed and records a shared finding.
    skv = personer["skv"]
    arbetare.vanta_pa(lambda: Notis.objects.filter(mottagare=skv, typ="bekrafta").exists())
    skv_sida = logga_in(skv, "resa-a-18-start-skv")
    # Following the invitation's notification earlier read it: only the confirmation is new.
    _oppna_notis(skv_sida, live_server, granska, "resa-a-19-skv", "bekräftades", 1)
    kontroll = Kontroll.objects.get(insats=insats)
    granska(skv_sida, "resa-a-20-insats-pa-dagen")
    ruta = skv_sida.locator(f"#kontroll-{kontroll.pk}")
    ruta.get_by_label("Beskrivning av fyndet").fill("Två personer utan ID06 i köket")
    ruta.get_by_label("Kategori").select_option(label="Svartjobb")
    ruta.get_by_label("Dela fyndet med de andra deltagarna").check()
    ruta.get_by_role("button", name="Registrera fyndet").click()
    expect(ruta.get_by_role("status")).to_have_text("Fyndet är registrerat.")
    expect(ruta.locator("ul.fynd")).to_contain_text("Två personer utan ID06 i köket")
    fynd = Fynd.objects.get(kontroll=kontroll)
    assert (fynd.organisation.kod, fynd.delad, fynd.kategori.kod, fynd.registrerad_av) == (
        "skatteverket",
        True,
        "svartjobb",
        skv,
    )
    granska(skv_sida, "resa-a-21-fynd")

    # Skatteverket corrects its finding on the finding's own page.
    ruta.get_by_role("link", name="Ändra eller ta bort fyndet").click()
    expect(skv_sida.get_by_label("Beskrivning av fyndet")).to_have_value(
        "Två personer utan ID06 i köket"
    )
    granska(skv_sida, "resa-a-21-fynd-andra")
    skv_sida.get_by_label("Beskrivning av fyndet").fill("Tre personer utan ID06 i köket")
    skv_sida.get_by_role("button", name="Spara ändringarna").click()
    _meddelande(skv_sida, "Fyndet är ändrat.")
    expect(ruta.locator("ul.fynd")).to_contain_text("Tre personer utan ID06 i köket")
    fynd.refresh_from_db()
    assert (fynd.text, fynd.delad, fynd.version) == ("Tre personer utan ID06 i köket", True, 2)

    # The coordinator marks the control done and the operation carried out.
    sam.reload()
    expect(sam.locator("#oversikt + dl")).to_contain_text("Bekräftad")
    ruta = sam.locator(f"#kontroll-{kontroll.pk}")
    expect(ruta.locator("ul.fynd")).to_contain_text("Tre personer utan ID06 i köket")
    granska(sam, "resa-a-22-bekraftad")
    ruta.get_by_label("Genomförd", exact=True).check()
    ruta.get_by_role("button", name="Spara utfallet").click()
    expect(ruta.get_by_role("status")).to_have_text("Kontrollen är markerad.")
    expect(ruta).to_contain_text("Status: Genomförd")
    assert Kontroll.objects.get(pk=kontroll.pk).status == Kontroll.Status.GENOMFORD
    granska(sam, "resa-a-23-kontroll-markerad")
    sam.get_by_role("button", name="Markera insatsen som genomförd").click()
    _meddelande(sam, "Insatsen är markerad som genomförd.")
    expect(sam.locator("#oversikt + dl")).to_contain_text("Genomförd")
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.GENOMFORD
    granska(sam, "resa-a-24-genomford")


def test_police_withdraw_two_days_before_and_the_rescheduled_operation_asks_for_staffing_again(
    personer, bekraftad, live_server, logga_in, granska, celery_arbetare
):
    """Slow (about 8 s): a journey by three people through the pages of a cancellation and a
    new date, each page run through axe, with a real worker delivering the notifications."""
    arbetare = celery_arbetare(koer=KOER)  # after the setup: its notifications are not counted
    url = live_server.url
    insats, begaran, fonster = bekraftad["insats"], bekraftad["begaran"], bekraftad["fonster"]
    orsak = "Polisen tagen i anspråk för kommendering"

    # The police coordinator withdraws the confirmed staffing, with a reason code.
    polis = logga_in(personer["opsam"], "resa-b-01-start-opsam")
    polis.get_by_role("link", name="Bemanningsbegäranden").click()
    polis.wait_for_url(f"{url}/polis/begaranden/")
    granska(polis, "resa-b-02-inkorg")
    polis.get_by_role("link", name=f"{insats.referens} {insats.titel}").click()
    polis.wait_for_url(f"{url}/polis/begaranden/{begaran.pk}/")
    granska(polis, "resa-b-03-bekraftad-begaran")
    aterkalla = _formular(polis, "Återkalla")
    aterkalla.get_by_label("Orsak").select_option(label=orsak)
    aterkalla.get_by_label("Kommentar").fill("Kommenderade till en demonstration")
    polis.get_by_role("button", name="Återkalla").click()
    polis.wait_for_url(f"{url}/polis/begaranden/")
    _meddelande(polis, "Bemanningen är återkallad; insatsen väntar på ny bemanning.")
    expect(polis.locator("tbody tr").filter(has_text=insats.referens)).to_contain_text("Återkallad")
    begaran.refresh_from_db()
    assert (begaran.status, begaran.aterkallad_orsak.kod) == (
        BemanningStatus.ATERKALLAD,
        "kommendering",
    )
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.BEMANNING_BEGARD
    granska(polis, "resa-b-04-aterkallad")

    # The coordinator is told, opens the operation and reschedules it to the wheel's window.
    samordnare = personer["samordnare"]
    arbetare.vanta_pa(
        lambda: Notis.objects.filter(mottagare=samordnare, typ="bemanning_aterkallad").exists()
    )
    sam = logga_in(samordnare, "resa-b-05-start-samordnare")
    _oppna_notis(sam, live_server, granska, "resa-b-06-samordnare", "återkallad", 1)
    expect(sam.locator("#oversikt + dl")).to_contain_text("Bemanning begärd")
    expect(sam.locator("#bemanning ~ table")).to_contain_text(f"Återkallad ({orsak})")
    granska(sam, "resa-b-07-insats-aterkallad")
    sam.get_by_role("link", name="Planera om till ett annat datum").click()
    sam.wait_for_url(f"{url}/insatser/{insats.pk}/omplanera/")
    granska(sam, "resa-b-08-omplanera")
    dag = timezone.localtime(fonster.start).date()
    forslag = sam.locator("#reservdatum ~ ul li")
    expect(forslag).to_have_count(1)
    expect(forslag).to_contain_text("City, AKC-väst insatser. 2 platser lediga")
    forslag.get_by_role("link").click()
    sam.wait_for_url(f"**/omplanera/?fonster={fonster.pk}")
    klockan = timezone.localtime(insats.start).strftime("%H:%M")
    expect(sam.get_by_label("Insatsfönster på årshjulet")).to_have_value(str(fonster.pk))
    expect(sam.get_by_label("Ny start")).to_have_value(f"{dag.isoformat()}T{klockan}")
    granska(sam, "resa-b-09-reservdatum-valt")
    sam.get_by_label("Orsak").select_option(label=orsak)
    sam.get_by_role("button", name="Planera om").click()
    _meddelande(sam, "Insatsen är omplanerad till ")
    efterfoljare = Insats.objects.get(omplanerad_fran=insats)
    assert sam.url == f"{url}/insatser/{efterfoljare.pk}/"
    _meddelande(sam, f"Insatsen är omplanerad till {efterfoljare.referens}.")
    expect(sam.locator("dt:text-is('Omplanerad från') + dd")).to_have_text(insats.referens)
    granska(sam, "resa-b-10-efterfoljare")
    assert Insats.objects.get(pk=insats.pk).status == InsatsStatus.OMPLANERAD
    assert efterfoljare.insatsfonster == fonster
    assert timezone.localtime(efterfoljare.start).date() == dag
    assert efterfoljare.status == InsatsStatus.BEMANNING_BEGARD
    ny_begaran = efterfoljare.bemanningsbegaranden.get()
    assert (ny_begaran.status, ny_begaran.lpo.kod, ny_begaran.begart_antal) == (
        BemanningStatus.SKICKAD,
        "city",
        2,
    )
    expect(sam.locator("#bemanning ~ table")).to_contain_text("Skickad")
    assert set(efterfoljare.deltaganden.values_list("organisation__kod", "svar")) == {
        ("akc-vast", Deltagande.Svar.ACCEPTERAD),
        ("skatteverket", Deltagande.Svar.INBJUDEN),
    }

    # Every participant is told of the rescheduling, at once.
    deltagare = {personer[k] for k in ("skv", "opsam", "polis")}
    omplanerad = Notis.objects.filter(insats=insats, typ="omplanera")
    arbetare.vanta_pa(
        lambda: set(omplanerad.values_list("mottagare", flat=True)) >= {u.pk for u in deltagare}
    )
    assert {n.mottagare for n in omplanerad} == deltagare

    # Skatteverket sees it in the header and the list, and follows it to the new date.
    skv = logga_in(personer["skv"], "resa-b-11-start-skv")
    _oppna_notis(skv, live_server, granska, "resa-b-12-skv", "planerades om", 1)
    skv.get_by_role("link", name=efterfoljare.referens).click()
    skv.wait_for_url(f"{url}/insatser/{efterfoljare.pk}/")
    expect(skv.locator("#svar").locator("..")).to_contain_text("Nuvarande svar: Inbjuden")
    granska(skv, "resa-b-13-skv-ny-insats")

    # The police coordinator has the new request in the inbox, and both notifications.
    arbetare.vanta_pa(
        lambda: Notis.objects.filter(mottagare=personer["opsam"], insats=efterfoljare).exists()
    )
    polis.reload()
    expect(polis.locator("#notisraknare .raknare")).to_have_text("2")
    expect(polis.locator("tbody tr").filter(has_text=efterfoljare.referens)).to_contain_text(
        "Skickad"
    )
    granska(polis, "resa-b-14-ny-begaran")


RUBRIK = ["Namn", "Objekttyp", "Organisationsnummer", "Adress", "Kommun", "Reservobjekt"]
CSV_RADER = [
    RUBRIK,
    ["Kiosken AB", "Företag eller verksamhet", "559262-1022", "Kioskgatan 1", "Göteborg", ""],
    ["Felbolaget", "Raket", "556016-0681", "Felgatan 2", "Atlantis", ""],
    ["", "Lokal", "", "Tomvägen 3", "Göteborg", ""],
    ["Lagerlokalen", "Lokal", "", "Lagergatan 9", "Göteborg", "ja"],
]
XLSX_RADER = [
    RUBRIK,
    ["Kalkylbladet AB", "Företag eller verksamhet", 5560160680, "Bladgatan 4", "Göteborg", "nej"],
    ["Tveksamma boendet", "Boende", "", "Osäkra vägen 1", "Göteborg", "kanske"],
]


def _ladda_upp(page, url, granska, namn: str, filnamn: str, typ: str, data: bytes):
    """Upload a file from the import page; the status page follows the worker until done."""
    page.get_by_label("Fil (CSV eller Excel .xlsx)").set_input_files(
        files=[{"name": filnamn, "mimeType": typ, "buffer": data}]
    )
    page.get_by_role("button", name="Ladda upp och importera").click()
    page.wait_for_url(f"{url}/objekt/import/*/")
    _meddelande(page, "Filen är uppladdad. Raderna importeras nu.")
    objektimport = Objektimport.objects.get(filnamn=filnamn)
    # htmx polls the progress until the worker is done (axe runs once the swaps have stopped).
    expect(page.locator("#importforlopp [role=status]")).to_contain_text(
        "Status: Klar.", timeout=60_000
    )
    granska(page, f"{namn}-rapport")
    objektimport.refresh_from_db()
    return objektimport


def _rapport(page) -> list[tuple[str, str, str]]:
    """The report table's rows as (row number, column, message); each row's outcome is an error."""
    rapport = []
    for rad in page.locator("#importforlopp tbody tr").all():
        utfall, kolumn, meddelande = rad.locator("td").all_inner_texts()
        assert utfall == "Fel", rad.inner_text()
        rapport.append((rad.locator("th").inner_text(), kolumn, meddelande))
    return rapport


def test_an_import_with_bad_rows_reports_each_row_and_creates_only_the_good_ones(
    personer, live_server, logga_in, granska, celery_arbetare
):
    """Slow (about 6 s): the upload is parsed by a real worker, which the status page polls."""
    celery_arbetare(koer=KOER)
    url = live_server.url
    skv = logga_in(personer["skv"], "resa-c-01-start-skv")
    skv.get_by_role("link", name="Objekt", exact=True).click()
    skv.wait_for_url(f"{url}/objekt/")
    granska(skv, "resa-c-02-objektpool")
    skv.get_by_role("link", name="Importera objekt från fil").click()
    skv.wait_for_url(f"{url}/objekt/import/")
    granska(skv, "resa-c-03-import")

    csv_import = _ladda_upp(
        skv, url, granska, "resa-c-04-csv", "objekt.csv", "text/csv", csv_fil(CSV_RADER)
    )
    expect(skv.locator("#importforlopp [role=status]")).to_have_text(
        "Status: Klar. 4 av 4 rader behandlade, 2 objekt skapade."
    )
    rapport = _rapport(skv)
    assert [rad for rad, _, _ in rapport] == ["3", "3", "3", "4"], "row by row, in order"
    assert {(rad, kolumn) for rad, kolumn, _ in rapport} == {
        ("3", "Objekttyp"),
        ("3", "Organisationsnummer"),
        ("3", "Kommun"),
        ("4", "Namn"),
    }
    meddelanden = {(rad, kolumn): text for rad, kolumn, text in rapport}
    assert "Raket" in meddelanden[("3", "Objekttyp")]
    assert "kontrollsiffran stämmer inte" in meddelanden[("3", "Organisationsnummer")]
    assert "Atlantis" in meddelanden[("3", "Kommun")]
    assert meddelanden[("4", "Namn")] == "Det här fältet är obligatoriskt."
    assert (csv_import.status, csv_import.skapade) == (Objektimport.Status.KLAR, 2)
    assert sorted(
        csv_import.rader.filter(utfall=Importrad.Utfall.FEL).values_list("radnummer", flat=True)
    ) == [3, 4]
    skapade = Objekt.objects.filter(foreslaget_av=personer["skv"])
    assert sorted(skapade.values_list("namn", "reserv")) == [
        ("Kiosken AB", False),
        ("Lagerlokalen", True),
    ]
    assert not Objekt.objects.filter(adress__in=["Felgatan 2", "Tomvägen 3"]).exists()

    # The same from Excel, from the import page again.
    skv.get_by_role("link", name="Till importsidan").click()
    skv.wait_for_url(f"{url}/objekt/import/")
    expect(skv.locator("#tidigare ~ ul")).to_contain_text("objekt.csv")
    granska(skv, "resa-c-05-import-igen")
    xlsx_import = _ladda_upp(
        skv,
        url,
        granska,
        "resa-c-06-xlsx",
        "objekt.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx_fil(XLSX_RADER),
    )
    expect(skv.locator("#importforlopp [role=status]")).to_have_text(
        "Status: Klar. 2 av 2 rader behandlade, 1 objekt skapade."
    )
    assert _rapport(skv) == [("3", "Reservobjekt", "Skriv ja eller nej.")]
    assert (xlsx_import.status, xlsx_import.skapade) == (Objektimport.Status.KLAR, 1)
    assert Objekt.objects.get(namn="Kalkylbladet AB").organisationsnummer == "556016-0680"
    assert not Objekt.objects.filter(namn="Tveksamma boendet").exists()
