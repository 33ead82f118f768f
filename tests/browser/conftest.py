"""Browser tests: Playwright drives Debian's Chromium against the live test server."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTEFAKTER = ROOT / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# around it are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demodata(transactional_db):
    """The demo data, as ``make run`` loads it: built once per worker and run, then copied
    (``tests.testdatabas.med_demodata``)."""
    from insatser.demodata import Demodata
    from tests.testdatabas import med_demodata

    med_demodata(lambda: Demodata().kor())


@pytest.fixture(scope="session")
def webblasare():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium saknas på {CHROMIUM}: installera Debians paket 'chromium'.")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def ny_sida(webblasare):
    """Open pages, each in a fresh context (one per person in a journey); fails the test if any
    page broke its Content-Security-Policy."""
    kontexter = []
    brott = []

    def oppna():
        context = webblasare.new_context(locale="sv-SE")
        kontexter.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda m: brott.append(m.text) if "Content Security Policy" in m.text else None,
        )
        return page

    yield oppna
    for context in kontexter:
        context.close()
    assert brott == [], brott


@pytest.fixture
def sida(ny_sida):
    """A page in a fresh context; fails the test if the page broke its Content-Security-Policy."""
    return ny_sida()


@pytest.fixture
def axe_granskning():
    """Run axe-core on the current page and return the WCAG 2.1 A/AA violations."""
    if not AXE.exists():
        pytest.fail("axe-core saknas: kör 'npm ci' (make test-browser gör det).")
    kod = AXE.read_text()

    def granska(page):
        # Evaluated through the DevTools protocol, which the page's CSP does not govern; a script
        # tag would be refused by it, as any inline script must be.
        page.evaluate(kod)
        resultat = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        return [
            (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in resultat["violations"]
        ]

    return granska


@pytest.fixture
def spara_bild():
    ARTEFAKTER.mkdir(exist_ok=True)

    def spara(page, namn: str):
        # caret="initial": hiding the caret leaves style="" on every input, which an htmx swap
        # then settles onto the new inputs with the same id, against the page's CSP.
        page.screenshot(path=str(ARTEFAKTER / f"{namn}.png"), full_page=True, caret="initial")

    return spara
