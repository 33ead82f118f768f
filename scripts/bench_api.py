"""Bench of the REST API: pages of the schedule for a service account and a coordinator, with a
bearer token, over the bench database's operations."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from api.services import skapa_api_token


def matningar(client) -> list[tuple]:
    from scripts.bench import antal_fragor, tid

    rader = []
    for username in ["api.skv", "samordnare.akc"]:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            continue
        _, hemlighet = skapa_api_token(user, "bench", "read", 1)
        rubriker = {"Authorization": f"Bearer {hemlighet}"}
        for url, namn in [
            ("/api/v1/insatser?limit=50", "API schedule, page of 50"),
            ("/api/v1/insatser?limit=200", "API schedule, page of 200"),
            ("/api/v1/insatser?limit=50&status=BEKRAFTAD", "API schedule filtered by status"),
        ]:

            def hamta(url=url, rubriker=rubriker):
                svar = client.get(url, headers=rubriker)
                assert svar.status_code == 200, svar.status_code

            rader.append((f"{namn} ({username})", *tid(hamta), antal_fragor(hamta), None))
    return rader
