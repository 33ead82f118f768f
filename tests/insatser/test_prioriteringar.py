"""An operation carries out priorities of the situation picture: the edit form links them (only
those of the period of its date), the page shows them, the timeline records the change, a
rescheduled successor keeps those still in force, and only those who see the operation see it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arshjul.models import Atgardspunkt, Lagesbildsperiod, Prioritering
from insatser import services
from insatser.models import Insats, Installningsorsak
from insatser.workflow import InsatsStatus
from myndigheter.models import Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from tests.fabriker import InsatsFabrik

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(skapa_anvandare):
    return skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning")


@pytest.fixture
def perioder():
    """Two periods back to back: now to three weeks ahead, and after that."""
    idag = timezone.localdate()
    nu = Lagesbildsperiod.objects.create(
        kod="nu", namn="Nuvarande", fran=idag - timedelta(days=30), till=idag + timedelta(days=20)
    )
    senare = Lagesbildsperiod.objects.create(
        kod="senare", namn="Senare", fran=idag + timedelta(days=21), till=idag + timedelta(days=90)
    )
    p = {
        "valfard": Prioritering.objects.create(kod="nu-1", period=nu, namn="Välfärdsbrott"),
        "omraden": Prioritering.objects.create(kod="nu-2", period=nu, namn="Utsatta platser"),
        "senare": Prioritering.objects.create(kod="senare-1", period=senare, namn="Nästa period"),
    }
    p["punkt"] = Atgardspunkt.objects.create(
        kod="nu-a", period=nu, prioritering=p["valfard"], namn="Kontroller av utbetalningar"
    )
    p["senare_punkt"] = Atgardspunkt.objects.create(
        kod="senare-a", period=senare, namn="Senare punkt"
    )
    return p


@pytest.fixture
def insats(sam):
    start = timezone.localtime(timezone.now() + timedelta(days=5)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    insats = services.skapa_insats(
        user=sam,
        titel="Prioriterad",
        start=start,
        slut=start + timedelta(hours=3),
        lpoer=[Lokalpolisomrade.objects.get(kod="city")],
    )
    return Insats.objects.get(pk=insats.pk)


def _formular(insats, **andringar):
    return {
        "titel": insats.titel,
        "start": timezone.localtime(insats.start).strftime("%Y-%m-%dT%H:%M"),
        "slut": timezone.localtime(insats.slut).strftime("%Y-%m-%dT%H:%M"),
        "syfte": insats.syfte,
        "samlingsplats": insats.samlingsplats,
        "lpoer": [lpo.pk for lpo in insats.lpoer.all()],
        "kommuner": [],
        "prioriteringar": [p.pk for p in insats.prioriteringar.all()],
        "atgardspunkter": [a.pk for a in insats.atgardspunkter.all()],
        "version": insats.version,
        **andringar,
    }


def test_the_edit_form_links_priorities_and_the_page_and_timeline_show_them(
    client, sam, insats, perioder
):
    client.force_login(sam)
    form = client.get(f"/insatser/{insats.pk}/andra/").content.decode()
    # Offered with their period, so that two periods' priorities are told apart.
    assert "Nuvarande: Välfärdsbrott" in form
    assert "Senare: Nästa period" in form
    svar = client.post(
        f"/insatser/{insats.pk}/andra/",
        _formular(
            insats,
            prioriteringar=[perioder["valfard"].pk, perioder["omraden"].pk],
            atgardspunkter=[perioder["punkt"].pk],
        ),
    )
    assert svar["Location"] == f"/insatser/{insats.pk}/"
    andrad = Insats.objects.get(pk=insats.pk)
    assert set(andrad.prioriteringar.all()) == {perioder["valfard"], perioder["omraden"]}
    assert list(andrad.atgardspunkter.all()) == [perioder["punkt"]]
    assert andrad.version == insats.version + 1
    post = andrad.handelser.get(typ="uppgifter_andrade")
    assert (post.text, post.utford_av) == ("prioriteringar, åtgärdspunkter", sam)
    sida = client.get(f"/insatser/{insats.pk}/").content.decode()
    assert "Prioriteringar i lägesbilden" in sida
    assert "Välfärdsbrott" in sida
    assert "Kontroller av utbetalningar" in sida
    # Saving the same links again writes nothing on the timeline.
    client.post(f"/insatser/{insats.pk}/andra/", _formular(andrad))
    assert andrad.handelser.filter(typ="uppgifter_andrade").count() == 1


def test_a_priority_of_another_period_is_a_form_error_and_nothing_is_saved(
    client, sam, insats, perioder
):
    client.force_login(sam)
    svar = client.post(
        f"/insatser/{insats.pk}/andra/",
        _formular(insats, titel="Ny titel", prioriteringar=[perioder["senare"].pk]),
    )
    assert svar.status_code == 200
    assert "Prioriteringen Nästa period gäller inte på insatsens datum (Senare)." in (
        svar.content.decode()
    )
    svar = client.post(
        f"/insatser/{insats.pk}/andra/",
        _formular(insats, titel="Ny titel", atgardspunkter=[perioder["senare_punkt"].pk]),
    )
    assert "Åtgärdspunkten Senare punkt gäller inte på insatsens datum (Senare)." in (
        svar.content.decode()
    )
    andrad = Insats.objects.get(pk=insats.pk)
    assert (andrad.titel, andrad.version) == ("Prioriterad", insats.version)
    assert not andrad.prioriteringar.exists()
    assert not andrad.atgardspunkter.exists()
    assert not andrad.handelser.filter(typ="uppgifter_andrade").exists()


def test_a_new_date_outside_the_linked_priorities_period_is_refused(client, sam, insats, perioder):
    services.andra_insats(sam, insats, version=insats.version, prioriteringar=[perioder["valfard"]])
    insats = Insats.objects.get(pk=insats.pk)
    ny_start = timezone.localtime(insats.start + timedelta(days=30))
    client.force_login(sam)
    svar = client.post(
        f"/insatser/{insats.pk}/andra/",
        _formular(
            insats,
            start=ny_start.strftime("%Y-%m-%dT%H:%M"),
            slut=(ny_start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert "Prioriteringen Välfärdsbrott gäller inte på insatsens datum" in svar.content.decode()
    assert Insats.objects.get(pk=insats.pk).start == insats.start
    # The new date with the new period's priority instead is accepted.
    svar = client.post(
        f"/insatser/{insats.pk}/andra/",
        _formular(
            insats,
            start=ny_start.strftime("%Y-%m-%dT%H:%M"),
            slut=(ny_start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            prioriteringar=[perioder["senare"].pk],
        ),
    )
    assert svar.status_code == 302
    assert list(Insats.objects.get(pk=insats.pk).prioriteringar.all()) == [perioder["senare"]]


def test_a_successor_keeps_the_links_still_in_force_on_its_date(sam, perioder):
    orsak = Installningsorsak.objects.get(kod="skjutning")
    for dagar, vantat in ((10, {"valfard"}), (40, set())):
        insats = InsatsFabrik(status=InsatsStatus.PLANERAD, samordnande_enhet=sam.profil.enhet)
        insats.prioriteringar.set([perioder["valfard"]])
        insats.atgardspunkter.set([perioder["punkt"]])
        ny_start = insats.start + timedelta(days=dagar)
        efterfoljare = services.omplanera_insats(
            sam, insats, ny_start, ny_start + timedelta(hours=2), orsak, version=insats.version
        )
        kvar = {k for k, p in perioder.items() if p in efterfoljare.prioriteringar.all()}
        assert kvar == vantat
        assert efterfoljare.atgardspunkter.exists() == bool(vantat)


def test_only_those_who_see_the_operation_see_its_priorities(
    client, skapa_anvandare, sam, insats, perioder
):
    services.andra_insats(sam, insats, version=insats.version, prioriteringar=[perioder["valfard"]])
    # Another organisation's coordinator and the management group: the operation is not theirs.
    for anvandare in (
        skapa_anvandare("miljo", Roll.SAMORDNARE, "miljoforvaltningen"),
        skapa_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad"),
    ):
        client.force_login(anvandare)
        assert client.get(f"/insatser/{insats.pk}/").status_code == 404
        assert client.get(f"/insatser/{insats.pk}/andra/").status_code == 404
    # An invited organisation's officer sees the operation and its priorities, changes nothing.
    services.bjud_in(sam, insats, Myndighet.objects.get(kod="skatteverket"))
    client.force_login(skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"))
    assert "Välfärdsbrott" in client.get(f"/insatser/{insats.pk}/").content.decode()
    assert client.get(f"/insatser/{insats.pk}/andra/").status_code == 403
