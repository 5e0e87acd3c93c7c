"""The organisation side in a browser: ``simulator serve`` (FastAPI + Jinja2 over the shared store).

Modules: :mod:`~simulator.web.app` (the application and its guards),
:mod:`~simulator.web.accounts` (accounts, logins, sessions, audit log),
:mod:`~simulator.web.deps` and :mod:`~simulator.web.access` (role and object
checks), the routers :mod:`~simulator.web.pages`, :mod:`~simulator.web.people`,
:mod:`~simulator.web.cohorts`, :mod:`~simulator.web.admin`,
:mod:`~simulator.web.api`, and :mod:`~simulator.web.commands` (``serve``,
``user``). Importing this package imports nothing heavy; see docs/web.md.
"""
