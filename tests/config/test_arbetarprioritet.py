"""A worker process lowers its own CPU priority as it starts, by the setting."""

from unittest import mock

from celery.signals import worker_process_init

from config import celery


def test_a_worker_process_lowers_its_priority_by_the_setting(settings):
    settings.WORKER_NICE = 7
    with mock.patch.object(celery.os, "nice") as nice:
        worker_process_init.send(sender=None)
    nice.assert_called_once_with(7)
