"""The settings of ``make bench``'s gunicorn: the application's, with the raw-SQL twin of the API
schedule mounted beside it (``scripts/api_tvilling.py``)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.api_tvilling"
