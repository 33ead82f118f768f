"""Embedded PostgreSQL for development and tests when DATABASE_URL is unset.

The server comes from the ``pgserver`` wheel, keeps its data under ``var/`` and listens only on a
Unix socket. pgserver counts the processes that hold a handle and stops the server when the last
one exits, so web, worker, beat and the test runner can share one cluster.
"""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path
from urllib.parse import quote

DEFAULT_DATABASE = "saminsats"


def embedded_database_settings(var_dir: Path, database: str = DEFAULT_DATABASE) -> dict:
    """Start (or attach to) the embedded server and return a Django DATABASES entry."""
    import psycopg
    from psycopg import errors, sql

    var_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver then uses /tmp, which is fine.
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import pgserver

        server = pgserver.get_server(var_dir / "pgdata", cleanup_mode="stop")
    _forget_dead_handles(server)
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            # Another process may create it between our check and our CREATE.
            with contextlib.suppress(errors.DuplicateDatabase):
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": database,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": "",
    }


def _forget_dead_handles(server) -> None:
    """Drop the handles of processes that died without unregistering (killed by a signal).

    pgserver stops the cluster when the last registered process exits; a stale entry would keep
    the cluster running after everyone has gone.
    """
    import psutil

    with server._lock:
        handles = server.global_process_id_list
        handles.put([pid for pid in handles.get() if psutil.pid_exists(pid)])


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for a Django database entry; Unix socket directories are percent-encoded."""
    host = quote(settings_dict["HOST"] or "localhost", safe="")
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    user = quote(settings_dict["USER"])
    password = quote(settings_dict["PASSWORD"] or "")
    return f"postgres://{user}:{password}@{host}{port}/{settings_dict['NAME']}"
