"""`make run`: embedded database and Redis, migrations, reference and demo data, then the processes
of the Procfile (web, worker, beat), each restarted if it dies.

This process holds the embedded PostgreSQL (when DATABASE_URL is unset) and the embedded Redis
(when REDIS_URL is unset) and hands their URLs to the processes it starts, so the servers stop when
this process ends, also after Ctrl-C. A process that exits on its own (a worker that crashed) is
started again after a short pause, so one failing process does not take the others down; its exit
is printed, and the status page shows a worker that stopped answering.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUP_STEPS = [["migrate"], ["ladda_referensdata"], ["demodata"]]
# After an unexpected exit: wait this long, doubled at each further exit, at most the maximum.
FORSTA_PAUS, STORSTA_PAUS = 1.0, 30.0


def environment() -> dict[str, str]:
    env = dict(os.environ)
    # The web server listens on the port the README and SITE_URL name.
    env.setdefault("PORT", "8000")
    var_dir = Path(env.get("SAMINSATS_VAR_DIR", ROOT / "var"))
    if not env.get("DATABASE_URL"):
        sys.path.insert(0, str(ROOT))
        from config.embedded_postgres import database_url, embedded_database_settings

        env["DATABASE_URL"] = database_url(embedded_database_settings(var_dir))
        env["SAMINSATS_EMBEDDED_DATABASE"] = "1"
    if not env.get("REDIS_URL"):
        sys.path.insert(0, str(ROOT))
        from config.embedded_redis import embedded_redis_url

        env["REDIS_URL"] = embedded_redis_url(var_dir)
        env["SAMINSATS_EMBEDDED_REDIS"] = "1"
    return env


def setup(env: dict[str, str]) -> None:
    for step in SETUP_STEPS:
        subprocess.run([sys.executable, "manage.py", *step], cwd=ROOT, env=env, check=True)


def procfile(fil: Path = ROOT / "Procfile") -> dict[str, str]:
    """The Procfile's processes: name -> shell command."""
    processer = {}
    for rad in fil.read_text(encoding="utf-8").splitlines():
        if rad.strip() and not rad.lstrip().startswith("#"):
            namn, kommando = rad.split(":", 1)
            processer[namn.strip()] = kommando.strip()
    return processer


@dataclass
class Process:
    namn: str
    kommando: str
    env: dict[str, str]
    popen: subprocess.Popen | None = None
    omstarter: int = 0
    paus: float = FORSTA_PAUS
    startad: float = field(default=0.0)

    def starta(self) -> None:
        self.popen = subprocess.Popen(
            ["/bin/sh", "-c", f"exec {self.kommando}"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.startad = time.monotonic()
        threading.Thread(target=self._skriv_ut, args=(self.popen,), daemon=True).start()

    def _skriv_ut(self, popen: subprocess.Popen) -> None:
        for rad in iter(popen.stdout.readline, b""):
            sys.stdout.write(f"{self.namn:>6} | {rad.decode(errors='replace')}")
            sys.stdout.flush()

    def stoppa(self, signal_: int = signal.SIGTERM) -> None:
        if self.popen is not None and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal_)


class Overvakare:
    """Starts the processes, restarts one that exits, and stops them all on Ctrl-C or SIGTERM."""

    def __init__(self, processer: dict[str, str], env: dict[str, str]):
        self.processer = [Process(namn, kommando, env) for namn, kommando in processer.items()]
        self.stoppas = False

    def kor(self) -> int:
        signal.signal(signal.SIGTERM, lambda *_: self._stoppa())
        signal.signal(signal.SIGINT, lambda *_: self._stoppa())
        for process in self.processer:
            process.starta()
        while not self.stoppas:
            for process in self.processer:
                self._vaka_over(process)
            time.sleep(0.5)
        return 0

    def _vaka_over(self, process: Process) -> None:
        kod = process.popen.poll() if process.popen is not None else None
        if kod is None or self.stoppas:
            return
        # A process that ran for a while had a passing failure: start over from a short pause.
        if time.monotonic() - process.startad > STORSTA_PAUS:
            process.paus = FORSTA_PAUS
        print(
            f"{process.namn:>6} | stopped (exit code {kod}); restarting in {process.paus:.0f} s",
            flush=True,
        )
        time.sleep(process.paus)
        process.paus = min(process.paus * 2, STORSTA_PAUS)
        process.omstarter += 1
        process.starta()

    def _stoppa(self) -> None:
        if self.stoppas:
            return
        self.stoppas = True
        for process in self.processer:
            process.stoppa()
        slut = time.monotonic() + 10
        for process in self.processer:
            while process.popen is not None and process.popen.poll() is None:
                if time.monotonic() > slut:
                    process.stoppa(signal.SIGKILL)
                    break
                time.sleep(0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--setup-only", action="store_true", help="migrate and seed, then exit")
    args = parser.parse_args()
    env = environment()
    try:
        setup(env)
    except subprocess.CalledProcessError as error:
        return error.returncode
    if args.setup_only:
        return 0
    password = env.get("DEMO_PASSWORD", "saminsats-demo")
    print(
        f"Saminsats: http://127.0.0.1:{env['PORT']}  (demo password: {password}; Ctrl-C stops all)",
        flush=True,
    )
    return Overvakare(procfile(), env).kor()


if __name__ == "__main__":
    sys.exit(main())
