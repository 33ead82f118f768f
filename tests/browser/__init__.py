"""Browser tests: Playwright drives Debian's Chromium against the live test server."""

from django.conf import settings

from tests.varld import TESTLOSENORD


def logga_in(sida, live_server, anvandare) -> None:
    """Log in through the login page: a demo login by its name (with the demo password), or a
    user of the test world (``tests.varld.ny_anvandare``)."""
    if isinstance(anvandare, str):
        namn, losenord = anvandare, settings.DEMO_PASSWORD
    else:
        namn, losenord = anvandare.username, TESTLOSENORD
    sida.goto(f"{live_server.url}/logga-in/")
    sida.get_by_label("Användarnamn").fill(namn)
    sida.get_by_label("Lösenord").fill(losenord)
    sida.get_by_role("button", name="Logga in").click()
    sida.wait_for_url(f"{live_server.url}/")
