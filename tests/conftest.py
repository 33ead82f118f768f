import pytest
from django.contrib.auth import get_user_model

from myndigheter.models import Anvandarprofil, Enhet, Lokalpolisomrade, Myndighet
from myndigheter.referensdata import ladda_referensdata
from myndigheter.roles import Roll, rollgrupp


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data is part of every test database, as it is of every installation."""
    with django_db_blocker.unblock():
        ladda_referensdata()


@pytest.fixture
def skapa_anvandare(db):
    """Create a user with one role in an organisation (by fixture code) and optional LPO scope."""

    def skapa(
        username: str,
        roll: Roll,
        organisation: str,
        *,
        enhet: str | None = None,
        lpoer: tuple[str, ...] = (),
        insatspolis: bool = False,
    ):
        user = get_user_model().objects.create_user(username=username, password="test-losen-123")
        user.groups.add(rollgrupp(roll))
        profil = Anvandarprofil.objects.create(
            user=user,
            organisation=Myndighet.objects.get(kod=organisation),
            enhet=Enhet.objects.get(kod=enhet) if enhet else None,
            ar_insatspolis=insatspolis,
        )
        profil.lpo_scope.set(Lokalpolisomrade.objects.filter(kod__in=lpoer))
        return user

    return skapa


@pytest.fixture
def celery_arbetare(transactional_db):
    """Start real worker processes (``tests.arbetare.Arbetare``); all are stopped afterwards."""
    from tests.arbetare import Arbetare

    startade = []

    def starta(**kwargs) -> Arbetare:
        arbetare = Arbetare(**kwargs)
        if not startade:
            arbetare.toem_koerna()
        startade.append(arbetare.starta())
        return arbetare

    yield starta
    for arbetare in startade:
        arbetare.stoppa()


@pytest.fixture(autouse=True)
def tillfalliga_filer(settings, tmp_path):
    """Generated files go to a folder of the test's own, never to the development media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def snabb_losenordshashning(settings):
    """Demo logins hash passwords; the production hasher's work factor is not under test here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
