"""The load test's journeys (``make loadtest``): people at work in Saminsats at once.

Each simulated person logs in as one of the generated users (``last.NNN``) and works as that
role does: everyone opens the start page, the operation list and an operation; police
coordinators answer staffing requests; officers record findings at today's operations and file
their agency's evaluations; coordinators ask for briefings; an agency's system pulls the API
schedule and a calendar app the feed. The targets of the writes (which request, control,
evaluation) come from ``var/last/mal.json``, written by ``scripts/lasttest.py`` before the run;
each is used once, so no two people answer the same request.

Forms are filled as a person would: the page is fetched, the form's own fields (CSRF token,
version, one-time key) are kept and the required empty ones filled in. The session cookie is
sent by hand: the production settings mark it Secure, and behind the pretended proxy
(``scripts/lastproxy.py``) the client itself speaks plain HTTP.
"""

from __future__ import annotations

import json
import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, task

from scripts.lastproxy import BAKOM_PROXY

MAL = json.loads(
    Path(os.environ.get("LAST_MAL", Path(__file__).parents[1] / "var/last/mal.json")).read_text()
)
_nasta_anvandare = iter(range(10**6))


class Formular(HTMLParser):
    """The fields of the form posting to ``action`` on the page at ``sida``, as a browser would
    send them; a form without an action posts to its own page."""

    def __init__(self, action: str, sida: str):
        super().__init__()
        self.action = action
        self.sida = sida
        self.inne = False
        self.hittad = False
        self.falt: dict[str, str] = {}
        self.kravda: set[str] = set()
        self.alternativ: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inne = (a.get("action") or self.sida) == self.action and not self.hittad
            self.hittad = self.hittad or self.inne
            return
        if not self.inne:
            return
        namn = a.get("name")
        if tag == "input" and namn:
            typ = a.get("type", "text")
            if typ == "radio":
                self.alternativ.setdefault(namn, []).append(a.get("value", "on"))
            if typ in ("checkbox", "radio"):
                if "checked" in a or (typ == "radio" and "required" in a and namn not in self.falt):
                    self.falt[namn] = a.get("value", "on")
            elif typ not in ("submit", "button", "file"):
                self.falt.setdefault(namn, a.get("value", ""))
                if "required" in a:
                    self.kravda.add(namn)
        elif tag == "select" and namn:
            self._select = namn
            if "required" in a:
                self.kravda.add(namn)
        elif tag == "option" and self._select and a.get("value"):
            if "selected" in a or not self.falt.get(self._select):
                self.falt[self._select] = a["value"]
        elif tag == "textarea" and namn:
            self._textarea = namn
            self.falt.setdefault(namn, "")
            if "required" in a:
                self.kravda.add(namn)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inne = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.falt[self._textarea] += data

    def ifyllda(self, **andra: str) -> dict[str, str]:
        falt = dict(self.falt)
        for namn in self.kravda:
            if not falt.get(namn):
                falt[namn] = "1" if re.search(r"antal|betyg|timmar", namn) else "Lasttest"
        falt.update(andra)
        return falt


class Person(HttpUser):
    """Someone at work: logs in once, then does what their role does, with pauses."""

    wait_time = between(1, 4)

    def on_start(self):
        self.client.headers.update(BAKOM_PROXY)
        anvandare = MAL["anvandare"]
        self.jag = anvandare[next(_nasta_anvandare) % len(anvandare)]
        self.kakor: dict[str, str] = {}
        self.insatser: list[int] = []
        sida = self._hamta("/logga-in/", "login page")
        falt = self._formular(sida, "/logga-in/").ifyllda(
            username=self.jag["username"], password=MAL["losenord"]
        )
        self._posta("/logga-in/", falt, "log in")

    def _headers(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.kakor.items())}

    def _spara_kakor(self, svar) -> None:
        for kaka in svar.cookies:
            self.kakor[kaka.name] = kaka.value
        for r in svar.history:
            for kaka in r.cookies:
                self.kakor[kaka.name] = kaka.value

    def _hamta(self, url: str, namn: str) -> str:
        svar = self.client.get(url, headers=self._headers(), name=namn, allow_redirects=True)
        self._spara_kakor(svar)
        return svar.text

    def _posta(self, url: str, falt: dict, namn: str) -> None:
        """POST a form; a redirect is success, a page back means the form was refused."""
        with self.client.post(
            url,
            data=falt,
            headers={**self._headers(), "Referer": f"{self.host.replace('http:', 'https:')}{url}"},
            name=namn,
            allow_redirects=False,
            catch_response=True,
        ) as svar:
            self._spara_kakor(svar)
            if svar.status_code != 302:
                svar.failure(f"{namn}: {svar.status_code}, the form was not accepted")

    @staticmethod
    def _formular(html: str, action: str, sida: str | None = None) -> Formular:
        formular = Formular(action, sida or action)
        formular.feed(html)
        return formular

    def _roll(self, *roller: str) -> bool:
        return self.jag["roll"] in roller

    @task(4)
    def startsidan(self):
        self._hamta("/", "start page")

    @task(4)
    def insatslistan(self):
        sida = self._hamta("/insatser/", "operation list")
        self.insatser = [int(pk) for pk in re.findall(r'href="/insatser/(\d+)/"', sida)]

    @task(4)
    def en_insats(self):
        if self.insatser:
            self._hamta(f"/insatser/{random.choice(self.insatser)}/", "operation page")

    @task(2)
    def besvara_bemanning(self):
        if not self._roll("OPERATIV_SAMORDNARE"):
            return
        kandidater = [
            lista for lpo in self.jag["lpoer"] if (lista := MAL["bemanning"].get(str(lpo)))
        ]
        if not kandidater:
            return
        pk = random.choice(kandidater).pop()
        url = f"/polis/begaranden/{pk}/"
        sida = self._hamta(url, "staffing request")
        self._posta(url, self._formular(sida, url).ifyllda(), "answer staffing request")

    @task(2)
    def registrera_fynd(self):
        mal = MAL["fynd"].get(self.jag["organisation"])
        if not mal or not self._roll("HANDLAGGARE"):
            return
        insats, kontroll = random.choice(mal)
        sida = self._hamta(f"/insatser/{insats}/", "operation page")
        url = f"/insatser/{insats}/kontroller/{kontroll}/fynd/"
        formular = self._formular(sida, url, f"/insatser/{insats}/")
        falt = formular.ifyllda(**{f"k{kontroll}f-text": "Lasttest: fynd"})
        self._posta(url, falt, "record finding")

    @task(1)
    def lamna_in_utvardering(self):
        mal = MAL["utvardering"].get(self.jag["organisation"])
        if not mal or not self._roll("HANDLAGGARE", "MYNDIGHETSKONTAKT"):
            return
        url = f"/utvardering/myndighetsutvarderingar/{mal.pop()}/"
        formular = self._formular(self._hamta(url, "evaluation form"), url)
        betyg = {namn: random.choice(val) for namn, val in formular.alternativ.items()}
        timmar = {namn: "3" for namn in formular.falt if namn.startswith("timmar_")}
        falt = formular.ifyllda(lamna_in="1", **betyg, **timmar)
        self._posta(url, falt, "file evaluation")

    @task(1)
    def bestall_underlag(self):
        mal = MAL["underlag"].get(self.jag["organisation"])
        if not mal or not self._roll("SAMORDNARE"):
            return
        insats = random.choice(mal)
        sida = self._hamta(f"/insatser/{insats}/underlag/", "briefings section")
        url = f"/insatser/{insats}/underlag/bygg/"
        formular = self._formular(sida, url, f"/insatser/{insats}/underlag/")
        self._posta(url, formular.ifyllda(), "request briefings")

    @task(2)
    def api_schema(self):
        self.client.get(
            "/api/v1/insatser",
            headers={"Authorization": f"Bearer {MAL['api_token']}"},
            name="API schedule",
        )

    @task(1)
    def kalenderflode(self):
        self.client.get(MAL["kalenderflode"], name="calendar feed")
