"""The page to keep one's calendar feeds: an address shown once, rotated and revoked by POST."""

import re

import pytest

from kalender.models import Kalenderflode
from myndigheter.roles import Roll

pytestmark = pytest.mark.django_db

ADRESS = re.compile(r'value="(http://testserver/kalender/flode/[^"]+\.ics)"')


def posta(client, flode: str, handling: str):
    return client.post("/kalender/prenumeration/", {"flode": flode, "handling": handling})


def test_the_calendar_page_links_the_subscription_page(client, personer):
    client.force_login(personer["skv"])
    assert 'href="/kalender/prenumeration/"' in client.get("/kalender/").content.decode()


def test_a_new_address_is_shown_once_and_works(client, personer):
    client.force_login(personer["skv"])
    sida = client.get("/kalender/prenumeration/").content.decode()
    assert "Skapa en adress" in sida
    assert "Kalenderappar uppdaterar sällan" in sida
    svar = posta(client, "personligt", "ny_adress")
    [adress] = ADRESS.findall(svar.content.decode())
    assert client.get(adress).status_code == 200
    igen = client.get("/kalender/prenumeration/").content.decode()
    assert not ADRESS.findall(igen)
    assert "Skapa en ny adress (den gamla slutar fungera)" in igen


def test_a_new_address_replaces_the_old_and_revoking_ends_it(client, personer):
    client.force_login(personer["skv"])
    [forsta] = ADRESS.findall(posta(client, "personligt", "ny_adress").content.decode())
    [andra] = ADRESS.findall(posta(client, "personligt", "ny_adress").content.decode())
    assert client.get(forsta).status_code == 404
    assert client.get(andra).status_code == 200
    svar = posta(client, "personligt", "aterkalla")
    assert svar.status_code == 302
    assert client.get(andra).status_code == 404
    assert not Kalenderflode.objects.exists()
    assert posta(client, "personligt", "aterkalla").status_code == 404


def test_the_agency_feed_is_offered_to_its_keepers_only(client, personer, skapa_anvandare):
    client.force_login(personer["skv"])
    assert "Flödet för Skatteverket" not in client.get("/kalender/prenumeration/").content.decode()
    assert posta(client, "myndighet", "ny_adress").status_code == 403
    client.force_login(personer["skv_kontakt"])
    assert "Flödet för Skatteverket" in client.get("/kalender/prenumeration/").content.decode()
    [adress] = ADRESS.findall(posta(client, "myndighet", "ny_adress").content.decode())
    assert Kalenderflode.objects.get().organisation.kod == "skatteverket"
    # Another organisation's coordinator has a feed of its own; the agency's stays.
    client.force_login(personer["samordnare"])
    assert (
        "Flödet för Center mot arbetslivskriminalitet i väst"
        in posta(client, "myndighet", "ny_adress").content.decode()
    )
    assert client.get(adress).status_code == 200
    # A coordinator of the same organisation keeps the same feed: a new address ends the old.
    client.force_login(skapa_anvandare("skv.samordnare", Roll.SAMORDNARE, "skatteverket"))
    assert posta(client, "myndighet", "ny_adress").status_code == 200
    assert client.get(adress).status_code == 404
    assert Kalenderflode.objects.count() == 2


def test_a_post_without_a_valid_choice_changes_nothing(client, personer):
    client.force_login(personer["skv"])
    svar = client.post("/kalender/prenumeration/", {"flode": "alla", "handling": "ny_adress"})
    assert svar.status_code == 302
    assert not Kalenderflode.objects.exists()
