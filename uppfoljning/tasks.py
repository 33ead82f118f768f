"""Thin Celery wrappers around the follow-up's services: the yearly report's and the follow-up
packs' builds, the orders beat places, and the subscribers that enqueue a build."""

from __future__ import annotations

from celery import shared_task

from karna.uppgifter import TILLFALLIGA_FEL, koa_efter_commit
from uppfoljning import services
from uppfoljning.services import paket

GEMENSAMT = {
    "acks_late": True,
    "ignore_result": True,
    "autoretry_for": TILLFALLIGA_FEL,
    "retry_backoff": 5,
    "retry_kwargs": {"max_retries": 5},
}


@shared_task(soft_time_limit=120, time_limit=180, **GEMENSAMT)
def bygg_arsrapport(bygge_id: int, nummer: int) -> str:
    """Build a yearly report for build request ``nummer`` (queue ``pdf``). Only a lost
    database connection is retried: bad data or a failing render would fail again."""
    return services.bygg_arsrapport(bygge_id, nummer)


def koa_arsrapport(bygge_id: int, nummer: int) -> None:
    """Subscriber of ``ARSRAPPORT_BESTALLD``: enqueue the build once the order is committed."""
    koa_efter_commit(bygg_arsrapport, bygge_id, nummer)


@shared_task(soft_time_limit=120, time_limit=180, **GEMENSAMT)
def bestall_forra_arets_rapporter() -> int:
    """Beat, 15 January: order last year's reports."""
    return services.bestall_forra_arets_rapporter()


@shared_task(soft_time_limit=600, time_limit=660, **GEMENSAMT)
def bestall_andrade_rapporter() -> int:
    """Beat, nightly: order a rebuild of the reports whose figures changed."""
    return services.bestall_andrade_rapporter()


@shared_task(soft_time_limit=300, time_limit=360, **GEMENSAMT)
def bygg_export(jobb_id: int) -> str:
    """Build an ordered export of a follow-up table."""
    return services.bygg_export(jobb_id)


def koa_export(jobb_id: int) -> None:
    """Subscriber of ``EXPORT_BESTALLD``: enqueue the export once the order is committed."""
    koa_efter_commit(bygg_export, jobb_id)


@shared_task(soft_time_limit=120, time_limit=180, **GEMENSAMT)
def bygg_uppfoljningspaket(bygge_id: int, nummer: int) -> str:
    """Build a meeting's follow-up pack for build request ``nummer`` (queue ``pdf``)."""
    return paket.bygg_uppfoljningspaket(bygge_id, nummer)


def koa_uppfoljningspaket(bygge_id: int, nummer: int) -> None:
    """Subscriber of ``UPPFOLJNINGSPAKET_BESTALLT``: enqueue the build once the order is
    committed."""
    koa_efter_commit(bygg_uppfoljningspaket, bygge_id, nummer)


@shared_task(soft_time_limit=120, time_limit=180, **GEMENSAMT)
def bestall_uppfoljningspaket() -> int:
    """Beat, daily: order the packs of the management groups' coming meetings."""
    return paket.bestall_uppfoljningspaket()
