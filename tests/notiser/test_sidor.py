"""The notification pages: own notifications only, marking read with and without htmx, the header
counter in one query, preferences, constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insatser.models import Insatshandelse
from myndigheter.models import Myndighet
from myndigheter.roles import Roll
from notiser.models import Notis, Notisinstallning
from notiser.services import notifiera
from tests.varld import las, stall_in

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def installd(personer, bekraftad, orsak):
    insats, _ = bekraftad
    for handelse in Insatshandelse.objects.filter(insats=insats):
        notifiera(handelse.pk)
    stall_in(personer, insats, orsak)
    notifiera(Insatshandelse.objects.get(insats=insats, typ="stall_in").pk)
    return las(insats)


def _sida(client, user, url="/notiser/", **extra):
    client.force_login(user)
    svar = client.get(url, **extra)
    return svar, svar.content.decode()


def test_the_list_shows_ones_own_notifications_with_label_reference_and_link(
    client, personer, installd
):
    svar, text = _sida(client, personer["skv"])
    assert svar.status_code == 200
    assert "Insatsen ställdes in" in text
    assert "Insatsen bekräftades" in text
    assert "Organisation inbjuden" in text
    assert "3 notiser, 3 olästa" in text
    assert "Skottlossning" not in text, "the police's comment is not for an agency officer"


def test_following_a_notification_opens_its_operation_and_marks_it_read(client, personer, installd):
    _, text = _sida(client, personer["skv"])
    notis = Notis.objects.filter(mottagare=personer["skv"], typ="stall_in").get()
    assert f'href="/notiser/{notis.pk}/oppna/"' in text
    svar = client.get(f"/notiser/{notis.pk}/oppna/")
    assert svar.status_code == 302
    assert svar["Location"] == f"/insatser/{installd.pk}/"
    notis.refresh_from_db()
    assert notis.last is not None
    _, text = _sida(client, personer["skv"])
    assert "3 notiser, 2 olästa" in text


def test_a_notification_link_to_another_site_stays_in_the_app(client, personer, installd):
    notis = Notis.objects.filter(mottagare=personer["skv"]).first()
    Notis.objects.filter(pk=notis.pk).update(lank="https://example.com/phish")
    client.force_login(personer["skv"])
    assert client.get(f"/notiser/{notis.pk}/oppna/")["Location"] == "/notiser/"


def test_nobody_sees_anothers_notifications(client, personer, installd):
    _, text = _sida(client, personer["av"])
    assert "0 notiser" in text
    assert installd.referens not in text
    annans = Notis.objects.filter(mottagare=personer["skv"]).first()
    client.force_login(personer["av"])
    assert client.post(f"/notiser/{annans.pk}/last/").status_code == 404
    assert client.get(f"/notiser/{annans.pk}/oppna/").status_code == 404
    assert Notis.objects.get(pk=annans.pk).last is None


def test_notifications_of_an_operation_one_no_longer_sees_are_hidden(client, personer, installd):
    Myndighet.objects.filter(kod="skatteverket").update(aktiv=False)
    _, text = _sida(client, personer["skv"])
    assert "0 notiser" in text


def test_marking_one_read_without_javascript_returns_to_the_list(client, personer, installd):
    notis = Notis.objects.filter(mottagare=personer["skv"]).first()
    client.force_login(personer["skv"])
    svar = client.post(f"/notiser/{notis.pk}/last/", {"sida": "1"})
    assert svar.status_code == 302
    assert svar["Location"] == "/notiser/?sida=1"
    assert Notis.objects.get(pk=notis.pk).last is not None
    forsta = Notis.objects.get(pk=notis.pk).last
    client.post(f"/notiser/{notis.pk}/last/")
    assert Notis.objects.get(pk=notis.pk).last == forsta, "marking again changes nothing"


def test_marking_one_read_with_htmx_swaps_it_and_the_header_counter(client, personer, installd):
    notis = Notis.objects.filter(mottagare=personer["skv"]).first()
    client.force_login(personer["skv"])
    svar = client.post(f"/notiser/{notis.pk}/last/", **HTMX)
    text = svar.content.decode()
    assert svar.status_code == 200
    assert f'id="notis-{notis.pk}"' in text
    assert "Markera som läst" not in text
    assert 'id="notisraknare" hx-swap-oob="true"' in text
    assert '<span class="raknare">2</span>' in text
    assert "<html" not in text


def test_marking_all_read(client, personer, installd):
    client.force_login(personer["skv"])
    svar = client.post("/notiser/lasta/")
    assert svar.status_code == 302
    assert not Notis.objects.filter(mottagare=personer["skv"], last__isnull=True).exists()
    assert Notis.objects.filter(mottagare=personer["kollega"], last__isnull=True).exists()
    svar = client.get("/notiser/")
    assert "3 notiser markerades som lästa." in svar.content.decode()


def test_marking_all_read_with_htmx_returns_the_list_and_the_counter(client, personer, installd):
    client.force_login(personer["skv"])
    text = client.post("/notiser/lasta/", {"sida": "1"}, **HTMX).content.decode()
    assert 'id="notiser-innehall"' in text
    assert 'id="notisraknare" hx-swap-oob="true"' in text
    assert "olästa" not in text.split('id="notiser-innehall"')[1]


def test_the_header_shows_the_unread_count_on_every_page(client, personer, installd):
    for url in ("/", "/insatser/", "/kalender/", "/notiser/installningar/"):
        _, text = _sida(client, personer["skv"], url)
        assert '<span class="raknare">3</span><span class="visually-hidden"> olästa</span>' in text


def test_the_header_counter_costs_one_query(client, personer, installd):
    client.force_login(personer["skv"])
    client.get("/insatser/")
    with CaptureQueriesContext(connection) as fragor:
        client.get("/insatser/")
    antal = [q["sql"] for q in fragor.captured_queries if 'FROM "notiser_notis"' in q["sql"]]
    assert len(antal) == 1
    assert antal[0].startswith("SELECT COUNT(*)")


def test_the_list_takes_constant_queries(client, personer, installd, django_assert_num_queries):
    client.force_login(personer["skv"])
    client.get("/notiser/")
    with CaptureQueriesContext(connection) as fore:
        client.get("/notiser/")
    handelse = Insatshandelse.objects.filter(insats=installd).first()
    for nummer in range(30):
        ny = Insatshandelse.objects.create(insats=installd, typ="stall_in")
        Notis.objects.create(
            mottagare=personer["skv"],
            insats=installd,
            handelse=ny,
            typ="stall_in",
            kategori="INSTALLD",
            lank=f"/insatser/{installd.pk}/",
            text=str(nummer),
        )
    assert handelse is not None
    with django_assert_num_queries(len(fore)):
        svar = client.get("/notiser/")
    assert len(svar.context["sida"]) == 33


def test_the_list_pages_with_htmx_and_keeps_the_back_button(client, personer, installd):
    for _ in range(55):
        ny = Insatshandelse.objects.create(insats=installd, typ="stall_in")
        Notis.objects.create(
            mottagare=personer["skv"],
            insats=installd,
            handelse=ny,
            typ="stall_in",
            kategori="INSTALLD",
            lank="/",
        )
    _, text = _sida(client, personer["skv"])
    assert 'hx-get="?sida=2"' in text
    assert 'hx-push-url="true"' in text
    svar, delvis = _sida(client, personer["skv"], "/notiser/?sida=2", **HTMX)
    assert "<html" not in delvis
    assert "Sida 2 av 2" in delvis
    assert "HX-Request" in svar["Vary"]
    _, hel = _sida(
        client, personer["skv"], "/notiser/?sida=2", HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )
    assert "<html" in hel, "a history restore gets the whole page"


def test_preferences_default_to_cancellation_and_rescheduling(client, personer):
    _, text = _sida(client, personer["skv"], "/notiser/installningar/")
    assert 'value="INSTALLD" id="id_epost_kategorier_5" checked>' in text
    assert 'value="OMPLANERAD" id="id_epost_kategorier_6" checked>' in text
    assert 'value="INBJUDAN" id="id_epost_kategorier_0">' in text
    assert "E-post skickas till skv@example.se." in text


def test_saving_preferences_and_choosing_no_e_mail_at_all(client, personer):
    client.force_login(personer["skv"])
    svar = client.post("/notiser/installningar/", {"epost_kategorier": ["INBJUDAN", "INSTALLD"]})
    assert svar.status_code == 302
    assert Notisinstallning.objects.get(user=personer["skv"]).epost_kategorier == [
        "INBJUDAN",
        "INSTALLD",
    ]
    client.post("/notiser/installningar/", {})
    assert Notisinstallning.objects.get(user=personer["skv"]).epost_kategorier == []


def test_bad_preferences_get_a_swedish_message_and_nothing_is_saved(client, personer):
    client.force_login(personer["skv"])
    svar = client.post("/notiser/installningar/", {"epost_kategorier": ["PAHITTAD"]})
    assert svar.status_code == 200
    assert "Välj ett giltigt alternativ" in svar.content.decode()
    assert not Notisinstallning.objects.exists()


def test_a_user_without_an_address_is_told_that_no_e_mail_can_come(client, personer):
    personer["skv"].email = ""
    personer["skv"].save()
    _, text = _sida(client, personer["skv"], "/notiser/installningar/")
    assert "Du har ingen e-postadress registrerad" in text


def test_administrators_read_notifications_and_their_e_mail_marks_in_the_admin(
    client, skapa_anvandare, personer, installd
):
    client.force_login(skapa_anvandare("adm", Roll.ADMIN, "akc-vast"))
    svar = client.get("/admin/notiser/notis/")
    assert svar.status_code == 200
    assert installd.referens in svar.content.decode()
    assert installd.titel not in svar.content.decode()
    assert client.get("/admin/notiser/notis/add/").status_code == 403
    client.force_login(personer["samordnare"])
    assert client.get("/admin/notiser/notis/").status_code == 302
