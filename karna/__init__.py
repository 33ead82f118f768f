"""The shared machinery every app builds on and that knows no app.

Workflows as declared transition tables (``arbetsflode``), business verbs with their declared
side effects (``verb``, ``effekter``), optimistic locking (``lasning``), the access policy engine
(``policy``), the append-only access log (``atkomstlogg``, ``models``), extension points that let a
higher app contribute to a lower app's pages (``tillagg``), the one PDF renderer (``pdf``), date
bounds (``tid``), readable references (``referens``), view helpers for running verbs from forms
(``vyer``), task retry rules (``uppgifter``) and the request middleware (``middleware``).

Nothing here imports an app of the project; the apps import from here. ``pyproject.toml``
declares and ``make lint`` enforces that direction.
"""
