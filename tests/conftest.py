import errno
import uuid

import pytest
from django.core.files.base import ContentFile

# The operations world (people, objects, operations in each state) for every test module.
pytest_plugins = ["tests.varld", "tests.utvardering.utfallsvarld"]


_KORNING = uuid.uuid4().hex


def _korning(config) -> str:
    """This test run: pytest-xdist's run id, the same in all its workers, or else this process."""
    return getattr(config, "workerinput", {}).get("testrunuid", _KORNING)


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """This worker's database: a clone of the migrated template with the reference data, which
    is part of every test database as it is of every installation (``tests.testdatabas``).
    ``--create-db`` builds the template anew."""
    from tests.testdatabas import skapa_testdatabas, ta_bort_testdatabas

    with django_db_blocker.unblock():
        namn = skapa_testdatabas(
            _korning(request.config), bygg_om=request.config.getoption("create_db")
        )
    yield
    with django_db_blocker.unblock():
        ta_bort_testdatabas(namn)


def _tommer_databasen(item) -> bool:
    """Whether the test runs outside a rolled-back transaction, so that its database is emptied
    (flushed) afterwards."""
    markering = item.get_closest_marker("django_db")
    if markering and (markering.kwargs.get("transaction") or markering.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test with real transactions leaves an emptied database; it is cloned from the template
    again at once, so that the modules that run next on this worker find the reference data, in
    whatever order the workers take the modules. After the last test it is dropped instead."""
    yield
    if nextitem is not None and _tommer_databasen(item):
        from pytest_django.plugin import blocking_manager_key

        from tests.testdatabas import aterstall_testdatabas

        with item.config.stash[blocking_manager_key].unblock():
            aterstall_testdatabas()


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


@pytest.fixture(autouse=True, scope="session")
def snabb_losenordshashning():
    """Demo logins hash passwords; the production hasher's work factor is not under test here.
    For the whole session, so that the worlds built once per module hash the same way."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


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


class _SnabbPdf:
    """WeasyPrint's ``HTML`` without its layout: the template is rendered as in production, and
    the PDF is a minimal file that depends on the HTML, one page long."""

    def __init__(self, string: str, **_):
        self.html = string

    def render(self, **_):
        return self

    @property
    def pages(self) -> list:
        return [self]

    def write_pdf(self, **_) -> bytes:
        import hashlib

        summa = hashlib.sha256(self.html.encode()).hexdigest().encode()
        return b"%PDF-1.7\n%" + summa + b"\n%%EOF\n"


@pytest.fixture
def snabb_pdf(monkeypatch):
    """Layout is the slow part of a build. Where a module tests versions, staleness, storage or
    access rather than the PDF itself, it uses this (``pytestmark``); the PDFs' contents and
    pages are read from real renderings in tests/insatser/test_underlag_innehall.py,
    tests/arshjul/test_rendering.py and the worker tests."""
    import weasyprint

    monkeypatch.setattr(weasyprint, "HTML", _SnabbPdf)


@pytest.fixture
def uppgifter_i_processen():
    """Tasks run where they are queued, in this process (Celery's eager mode): for tests of what
    a task does. A few tests per app run a real worker (``celery_arbetare``) for what only a
    worker and the broker show: countdowns, redelivery after a killed worker."""
    from config.celery import app

    tidigare = {namn: app.conf.get(namn) for namn in ("task_always_eager", "task_eager_propagates")}
    app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    app.conf.update(tidigare)


LANGSAM = 5.0  # seconds; a slower test says why in its docstring


def pytest_terminal_summary(terminalreporter):
    """Name the tests slower than ``LANGSAM`` whose docstring does not say why (a report, not a
    failure: a test never asserts wall-clock time)."""
    utan_skal = []
    for rapport in terminalreporter.stats.get("passed", []):
        skal = dict(rapport.user_properties).get("har_docstring")
        if rapport.when == "call" and rapport.duration > LANGSAM and not skal:
            utan_skal.append(f"{rapport.duration:5.1f}s {rapport.nodeid}")
    if utan_skal:
        terminalreporter.write_sep("-", f"slower than {LANGSAM:.0f} s without a reason")
        for rad in utan_skal:
            terminalreporter.write_line(rad)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    utfall = yield
    if call.when == "call" and getattr(item, "function", None) and item.function.__doc__:
        utfall.get_result().user_properties.append(("har_docstring", True))


@pytest.fixture
def full_disk(monkeypatch):
    """The storage refuses the first ``antal`` writes with "no space left on device", each after
    writing the first bytes of the file, as a disk that fills up during the write does."""
    from django.core.files.storage import default_storage

    spara = default_storage.save
    kvar = {"antal": 0}

    def pa_full_disk(namn, innehall, **kwargs):
        if kvar["antal"] > 0:
            kvar["antal"] -= 1
            halv = ContentFile(innehall.read()[:10])
            spara(namn, halv, **kwargs)
            raise OSError(errno.ENOSPC, "No space left on device")
        return spara(namn, innehall, **kwargs)

    monkeypatch.setattr(default_storage, "save", pa_full_disk)
    return kvar
