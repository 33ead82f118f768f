import pytest

from myndigheter.referensdata import ladda_referensdata

# The operations world (people, objects, operations in each state) for every test module.
pytest_plugins = ["tests.varld"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data is part of every test database, as it is of every installation."""
    with django_db_blocker.unblock():
        ladda_referensdata()


@pytest.fixture
def skapa_anvandare(db):
    """Create a user with one role in an organisation (``tests.varld.ny_anvandare``)."""
    from tests.varld import ny_anvandare

    return ny_anvandare


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
def tillfalliga_filer(request, settings, tmp_path):
    """Generated files go to a folder of the test's own, never to the development media; in a
    module whose world is built once, to the folder the world wrote its files to."""
    settings.MEDIA_ROOT = getattr(request.module, "MODULENS_MEDIA", None) or tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def modulens_media(request, tmp_path_factory):
    """A folder for the files of a module's shared world (``tests.varld.modulvarld``)."""
    mapp = tmp_path_factory.mktemp("media")
    request.module.MODULENS_MEDIA = mapp
    yield mapp
    del request.module.MODULENS_MEDIA


@pytest.fixture(autouse=True)
def snabb_losenordshashning(settings):
    """Demo logins hash passwords; the production hasher's work factor is not under test here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user(db):
    """An administrator: the administrator role in an organisation, as the admin site requires;
    Django's superuser flag opens nothing here."""
    from myndigheter.roles import Roll
    from tests.varld import ny_anvandare

    return ny_anvandare("systemforvaltare", Roll.ADMIN, "akc-vast")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
