"""The admin site: the administrator role opens it, not Django's staff flag; its history page
shows reference data only and nothing of operations; it offers no way to make a superuser."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from insatser.models import Insats
from myndigheter.models import Myndighet
from myndigheter.roles import Roll
from notiser.models import Notis

pytestmark = pytest.mark.django_db

HISTORIK = "/admin/pghistory/events/"


@pytest.fixture
def admin_klient(client, skapa_anvandare):
    client.force_login(skapa_anvandare("adm", Roll.ADMIN, "akc-vast"))
    return client


@pytest.fixture
def hemlig_insats():
    start = timezone.now() + timedelta(days=10)
    return Insats.objects.create(
        referens="H-1",
        titel="Hemliga Pizzerian vid torget",
        samordnande_organisation=Myndighet.objects.get(kod="skatteverket"),
        start=start,
        slut=start + timedelta(hours=2),
        samlingsplats="Bakgården",
    )


def test_the_administrator_role_opens_the_admin_without_the_staff_flag(admin_klient):
    svar = admin_klient.get("/admin/")
    assert svar.status_code == 200
    assert not get_user_model().objects.get(username="adm").is_staff


def test_the_staff_flag_alone_opens_nothing(client, skapa_anvandare):
    user = skapa_anvandare("personal", Roll.HANDLAGGARE, "skatteverket")
    user.is_staff = True
    user.save()
    client.force_login(user)
    svar = client.get("/admin/")
    assert svar.status_code == 302
    assert svar["Location"].startswith("/admin/login/")


def test_giving_the_administrator_role_sets_no_staff_flag(skapa_anvandare):
    user = skapa_anvandare("ny.admin", Roll.ADMIN, "akc-vast")
    user.refresh_from_db()
    assert not user.is_staff


def test_the_user_form_offers_neither_superuser_nor_staff_nor_single_permissions(
    admin_klient, skapa_anvandare
):
    anvandare = skapa_anvandare("annan", Roll.HANDLAGGARE, "skatteverket")
    html = admin_klient.get(f"/admin/auth/user/{anvandare.pk}/change/").content.decode()
    assert 'name="groups"' in html
    for falt in ("is_superuser", "is_staff", "user_permissions"):
        assert f'name="{falt}"' not in html


def test_the_history_page_lists_reference_data_changes_and_not_an_operations(
    admin_klient, hemlig_insats
):
    myndighet = Myndighet.objects.get(kod="tullverket")
    myndighet.kortnamn = "Tullen"
    myndighet.save()
    html = admin_klient.get(HISTORIK).content.decode()
    assert "Tullen" in html
    assert "Hemliga Pizzerian" not in html
    assert "Bakgården" not in html


@pytest.mark.parametrize(
    "fraga",
    ["?obj=insatser.Insats:{pk}", "?model=insatser.Insats", "?model=objekt.Objektuppgift"],
)
def test_the_history_of_anything_but_reference_data_is_not_there(
    admin_klient, hemlig_insats, fraga
):
    svar = admin_klient.get(HISTORIK + fraga.format(pk=hemlig_insats.pk))
    assert svar.status_code == 404
    assert "Hemliga Pizzerian" not in svar.content.decode()


def test_a_reference_rows_history_opens_by_its_object(admin_klient):
    myndighet = Myndighet.objects.get(kod="tullverket")
    myndighet.kortnamn = "Tullen"
    myndighet.save()
    svar = admin_klient.get(f"{HISTORIK}?obj=myndigheter.Myndighet:{myndighet.pk}")
    assert svar.status_code == 200
    assert "Tullen" in svar.content.decode()


def test_the_notification_admin_names_the_operation_by_id_only(
    admin_klient, hemlig_insats, skapa_anvandare
):
    from insatser.models import Insatshandelse

    mottagare = skapa_anvandare("mottagare", Roll.HANDLAGGARE, "skatteverket")
    handelse = Insatshandelse.objects.create(insats=hemlig_insats, typ="stall_in")
    notis = Notis.objects.create(
        mottagare=mottagare, insats=hemlig_insats, handelse=handelse, typ="stall_in", lank="/"
    )
    for adress in ("/admin/notiser/notis/", f"/admin/notiser/notis/{notis.pk}/change/"):
        svar = admin_klient.get(adress)
        assert svar.status_code == 200
        assert "Hemliga Pizzerian" not in svar.content.decode()


def test_admin_forms_remove_control_characters_as_every_form_does(admin_klient, rf):
    from django.contrib import admin
    from django.forms.models import model_to_dict

    from karna.formular import Grundformular
    from myndigheter.models import Kommun

    utan_egen = [
        (modell, sida)
        for modell, sida in admin.site._registry.items()
        if not issubclass(sida.form, Grundformular)
        and sida.form.__module__.startswith("django.")
        and sida.form.__name__ == "ModelForm"
    ]
    assert utan_egen == []
    kommun = Kommun.objects.first()
    begaran = rf.get("/admin/")
    begaran.user = get_user_model().objects.get(username="adm")
    formularklass = admin.site._registry[Kommun].get_form(begaran, kommun)
    data = {**model_to_dict(kommun), "namn": "Göte\x07borg\x1b"}
    form = formularklass(data={k: v for k, v in data.items() if v is not None}, instance=kommun)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["namn"] == "Göteborg"
