"""`make run`: embedded database, migrations, reference and demo data, then web, worker, beat.

This process holds the embedded PostgreSQL (when DATABASE_URL is unset) and hands its URL to the
processes it starts, so the server stops when this process ends, also after Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUP_STEPS = [["migrate"], ["createcachetable"], ["ladda_referensdata"], ["demodata"]]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    # honcho gives each process a PORT of its own, from 5000 unless PORT is set: the web server's
    # is the one the README and SITE_URL name.
    env.setdefault("PORT", "8000")
    if env.get("DATABASE_URL"):
        return env
    sys.path.insert(0, str(ROOT))
    from config.embedded_postgres import database_url, embedded_database_settings

    var_dir = Path(env.get("SAMINSATS_VAR_DIR", ROOT / "var"))
    env["DATABASE_URL"] = database_url(embedded_database_settings(var_dir))
    env["SAMINSATS_EMBEDDED_DATABASE"] = "1"
    return env


def setup(env: dict[str, str]) -> None:
    for step in SETUP_STEPS:
        subprocess.run([sys.executable, "manage.py", *step], cwd=ROOT, env=env, check=True)


def serve(env: dict[str, str]) -> int:
    honcho = Path(sys.executable).parent / "honcho"
    processes = subprocess.Popen(
        [str(honcho), "start", "--procfile", "Procfile"], cwd=ROOT, env=env
    )
    signal.signal(signal.SIGTERM, lambda *_: processes.send_signal(signal.SIGTERM))
    stopped_by_user = False
    while True:
        try:
            returncode = processes.wait()
        except KeyboardInterrupt:
            stopped_by_user = True  # honcho got the same Ctrl-C and is stopping its processes
            continue
        return 0 if stopped_by_user else returncode


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
        f"Saminsats: http://127.0.0.1:{env['PORT']}  (demo password: {password}; Ctrl-C stops all)"
    )
    return serve(env)


if __name__ == "__main__":
    sys.exit(main())
