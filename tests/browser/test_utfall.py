"""Outcomes and feedback in the browser: Skatteverket's officer records an outcome of a demo
operation carried out, Migrationsverket's officer gives anonymous feedback on it, and the
coordinator reads the feedback without the name; axe finds no WCAG 2.1 AA violation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from insatser.models import Insats
from insatser.workflow import InsatsStatus
from tests.browser import logga_in
from utvardering import access
from utvardering.models import Aterkoppling, Utfall

pytestmark = pytest.mark.django_db(transaction=True)

KOMMENTAR = "Tolken kom en timme för sent."
BELOPP = re.compile(r"52\s000 kr")


def _insatsen():
    """A carried-out demo operation Skatteverket records outcomes in and Migrationsverket took
    part in without giving feedback yet."""
    anvandare = get_user_model().objects
    skv, mig = anvandare.get(username="handlaggare.skv"), anvandare.get(username="handlaggare.mig")
    for insats in Insats.objects.filter(status=InsatsStatus.GENOMFORD).order_by("referens"):
        if (
            access.kan_registrera_utfall(skv, insats)
            and access.deltog(mig, insats)
            and not Aterkoppling.objects.filter(insats=insats, forfattare=mig).exists()
        ):
            return insats
    raise AssertionError("the demo data has no such operation")


def test_an_outcome_and_anonymous_feedback_read_by_the_coordinator(
    demodata, live_server, ny_sida, axe_granskning
):
    """Slow (about 15 s): three logins and four pages, each run through axe."""
    insats = _insatsen()
    sida = ny_sida()
    logga_in(sida, live_server, "handlaggare.skv")
    sida.goto(f"{live_server.url}/insatser/{insats.pk}/")
    sida.get_by_role("link", name="Insatsens utfall och deltagarnas återkoppling").click()
    assert axe_granskning(sida) == []
    formular = sida.get_by_role("region", name="Registrera ett utfall för din organisation")
    formular.get_by_label("Typ av utfall").select_option(label="Skattetillägg")
    formular.get_by_label("Belopp i kronor").fill("-5")
    formular.get_by_label("Beslutsdatum").fill(timezone.localdate().isoformat())
    formular.get_by_label("Insatsens deltagare").check()
    formular.get_by_role("button", name="Registrera utfallet").click()
    expect(sida.get_by_text("Beloppet måste vara större än noll.")).to_be_visible()
    assert axe_granskning(sida) == []
    formular.get_by_label("Belopp i kronor").fill("52000")
    formular.get_by_role("button", name="Registrera utfallet").click()
    expect(sida.get_by_text("Utfallet är registrerat.")).to_be_visible()
    utfall = Utfall.objects.get(insats=insats, belopp=52000)
    assert (utfall.organisation.kod, utfall.synlighet) == ("skatteverket", "DELTAGARE")

    mig = ny_sida()
    logga_in(mig, live_server, "handlaggare.mig")
    mig.goto(f"{live_server.url}/insatser/{insats.pk}/utfall/")
    # Shared with the participants, so another agency reads it.
    delat = mig.get_by_role("row").filter(has_text="Skattetillägg").filter(has_text=BELOPP)
    expect(delat).to_have_count(1)
    mig.get_by_label("2", exact=True).check()
    mig.get_by_label("Kommentar").fill(KOMMENTAR)
    mig.get_by_label("Lämna återkopplingen anonymt").check()
    mig.get_by_role("button", name="Skicka återkopplingen").click()
    expect(mig.get_by_text("Tack för din återkoppling.")).to_be_visible()
    expect(mig.get_by_text("du, anonymt för andra")).to_be_visible()
    assert axe_granskning(mig) == []

    samordnare = ny_sida()
    logga_in(samordnare, live_server, insats.skapad_av.username)
    samordnare.goto(f"{live_server.url}/insatser/{insats.pk}/utfall/")
    rad = samordnare.get_by_role("row").filter(has_text=KOMMENTAR)
    expect(rad.get_by_role("cell", name="Anonym", exact=True)).to_be_visible()
    expect(samordnare.get_by_text("Mira Migration")).to_have_count(0)
    assert axe_granskning(samordnare) == []
