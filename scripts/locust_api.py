"""``make bench``'s load on one API address: ``BENCH_ANSLUTNINGAR`` clients that ask again as soon
as an answer arrives (a closed loop, so the concurrency is the number of connections)."""

import os

from locust import FastHttpUser, constant, task

from scripts.lastproxy import BAKOM_PROXY

RUBRIKER = {"Authorization": f"Bearer {os.environ['BENCH_TOKEN']}", **BAKOM_PROXY}


class Klient(FastHttpUser):
    wait_time = constant(0)

    @task
    def hamta(self):
        self.client.get(os.environ["BENCH_ADRESS"], headers=RUBRIKER, name="GET")
