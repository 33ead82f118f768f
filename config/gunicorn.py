"""gunicorn's settings for the web process (Dockerfile, docker-compose.yml, docs/drift.md).

``gunicorn -c config/gunicorn.py config.wsgi``. Workers from WEB_CONCURRENCY (gunicorn's own
variable, default 3), the port from PORT. The access log is one JSON object a line with the
request id, the URL name-free path without its query string, the status and the time taken;
no client address and no user agent, which are personal data.
"""

import os
import shutil
import tempfile
from pathlib import Path

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
accesslog = "-"
access_log_format = (
    '{"logger": "gunicorn.access", "request_id": "%({x-request-id}o)s", "method": "%(m)s", '
    '"path": "%(U)s", "status": %(s)s, "duration_ms": %(M)s}'
)
# Each web process keeps its metrics in files here, so a scrape of any one sums them all.
METRICS_DIR = Path(
    os.environ.setdefault(
        "PROMETHEUS_MULTIPROC_DIR", str(Path(tempfile.gettempdir()) / "saminsats-metrics")
    )
)


def on_starting(server):
    shutil.rmtree(METRICS_DIR, ignore_errors=True)
    METRICS_DIR.mkdir(parents=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
