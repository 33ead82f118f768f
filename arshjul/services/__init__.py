"""Business verbs of the annual wheel: edit rules, events and blackout periods, publish, rebuild.

The build itself (``bygge``) runs in Celery; every verb that changes what a wheel shows asks for
a rebuild in its own transaction (``ombyggnad``).
"""
