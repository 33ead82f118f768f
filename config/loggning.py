"""Structured logs: one JSON object a line, with the request id, for a log collector.

A line holds the time, level, logger, message, request id and, for an exception, its type and
traceback. Nothing about the person is added: no user, no address, no query string, no request
body. Django's request logger adds the request itself to its records; only the status code is
taken from it.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from karna.middleware import aktuellt_request_id


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (empty outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Django logs a response's error status after the middleware has returned: the request
        # it passes along still carries the id.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", "") or aktuellt_request_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        rad = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            rad["status"] = status
        if record.exc_info:
            rad["exception"] = record.exc_info[0].__name__
            rad["traceback"] = self.formatException(record.exc_info)
        return json.dumps(rad, ensure_ascii=False)
