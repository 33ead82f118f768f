"""Celery application on Redis: the server at REDIS_URL, or the embedded one (settings.py)."""

from __future__ import annotations

import os
from pathlib import Path

from celery import Celery
from celery.schedules import crontab
from celery.signals import (
    after_setup_logger,
    after_setup_task_logger,
    beat_init,
    before_task_publish,
    task_failure,
    worker_process_init,
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("saminsats")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.on_after_configure.connect
def _configure(sender, **kwargs):
    from django.conf import settings

    app.conf.broker_transport_options = {"visibility_timeout": settings.CELERY_VISIBILITY_TIMEOUT}
    Path(settings.CELERY_BEAT_SCHEDULE_FILENAME).parent.mkdir(parents=True, exist_ok=True)


@worker_process_init.connect
def _lagre_prioritet(**kwargs):
    """A worker process yields the CPU to the web's (``WORKER_NICE``, 10 by default): where
    they share cores, a page answers before a PDF is rendered; on a host of its own the worker
    loses nothing."""
    from django.conf import settings

    os.nice(settings.WORKER_NICE)


@after_setup_logger.connect
@after_setup_task_logger.connect
def _loggformat(logger, **kwargs):
    """The worker and beat set up their own log handlers (at their --loglevel): in production
    they write the same JSON lines as the web (config/loggning.py)."""
    from django.conf import settings

    from config.loggning import JsonFormatter, RequestIdFilter

    if settings.LOG_FORMAT == "json":
        for hanterare in logger.handlers:
            hanterare.setFormatter(JsonFormatter())
            hanterare.addFilter(RequestIdFilter())


@beat_init.connect
def _beat_startar(sender, **kwargs):
    """In the beat process: every task it sends records that beat is alive (the readiness
    check reads it; the health task every 30 seconds keeps it fresh)."""
    from config.tasks import beat_lever

    before_task_publish.connect(beat_lever, weak=False)


@task_failure.connect
def _uppgift_misslyckades(sender=None, **kwargs):
    """Count the failure for the metrics (config/matvarden.py)."""
    from config.matvarden import rakna_uppgiftsfel

    rakna_uppgiftsfel(sender.name)


app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_soft_time_limit=120,
    task_time_limit=180,
    task_ignore_result=True,
    # PDF rendering (WeasyPrint) is CPU- and memory-heavy: its own queue, so that short tasks never
    # wait behind it, and worker processes are replaced now and then, since the memory a render
    # took is not given back to the operating system.
    task_routes={
        "insatser.tasks.bygg_informationsunderlag": {"queue": "pdf"},
        "arshjul.tasks.rendera_arshjul": {"queue": "pdf"},
        # evaluation reports (utvardering)
        "utvardering.tasks.bygg_utvarderingsrapport": {"queue": "pdf"},
        # yearly reports (uppfoljning)
        "uppfoljning.tasks.bygg_arsrapport": {"queue": "pdf"},
        "uppfoljning.tasks.bygg_uppfoljningspaket": {"queue": "pdf"},
    },
    worker_max_tasks_per_child=50,
    broker_connection_retry_on_startup=True,
    timezone="Europe/Stockholm",
    beat_schedule={
        "halsokontroll": {"task": "config.tasks.halsokontroll", "schedule": 30.0},
        "eskalera_bemanning": {
            "task": "insatser.tasks.eskalera_bemanning",
            "schedule": crontab(minute="*/15"),
        },
        "notifiera_missade": {
            "task": "notiser.tasks.notifiera_missade",
            "schedule": crontab(minute="*/5"),
        },
        "vakta_underlag": {"task": "insatser.tasks.vakta_underlag", "schedule": 60.0},
        "logguppfoljning": {
            "task": "myndigheter.tasks.manadlig_logguppfoljning",
            "schedule": crontab(minute=0, hour=5, day_of_month=1),
        },
        "paminn_om_utvarderingar": {
            "task": "utvardering.tasks.paminn_om_utvarderingar",
            "schedule": crontab(minute=0, hour=7),
        },
        "arshjulsvakt": {"task": "arshjul.tasks.vakta_arshjulsbyggen", "schedule": 60.0},
        "forbered_planeringsar": {
            "task": "arshjul.tasks.forbered_planeringsar",
            "schedule": crontab(minute=15, hour=3),
        },
        "forra_arets_arsrapporter": {
            "task": "uppfoljning.tasks.bestall_forra_arets_rapporter",
            "schedule": crontab(minute=0, hour=6, day_of_month=15, month_of_year=1),
        },
        "andrade_arsrapporter": {
            "task": "uppfoljning.tasks.bestall_andrade_rapporter",
            "schedule": crontab(minute=45, hour=2),
        },
        "uppfoljningspaket": {
            "task": "uppfoljning.tasks.bestall_uppfoljningspaket",
            "schedule": crontab(minute=15, hour=5),
        },
        "gallring": {"task": "karna.tasks.gallra", "schedule": crontab(minute=45, hour=1)},
        "rensa_engangsnycklar": {
            "task": "karna.tasks.rensa_engangsnycklar",
            "schedule": crontab(minute=30, hour=4),
        },
    },
)
app.autodiscover_tasks()
app.autodiscover_tasks(["config"])
