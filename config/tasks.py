"""The "default" task backend: Django Tasks' immediate backend (tasks run at once, in the
request), which can hold back the index updates of one step that saves the same page several
times and run each of them once, when the step ends (`coalesced_index_updates`).

Wagtail enqueues a search index update and a reference index update on every save of a page.
Making a page's Latin copy (core/latin.py) saves that page five times: copied, given its
strings, its revision saved, published; so ten index updates ran where two give the same
indexes. Each costs about as much as a save.
"""

import json
import threading
from contextlib import contextmanager

from django_tasks.backends.immediate import ImmediateBackend

# Tasks that bring an index up to date with an object as it is when they run: one run after
# the last save leaves the index as a run after every save does.
INDEX_TASKS = frozenset(
    {
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    }
)

_held = threading.local()


class IndexCoalescingBackend(ImmediateBackend):
    """Runs every task at once, as ImmediateBackend does, except an index update enqueued
    inside `coalesced_index_updates()`: that one is held, once per task and object."""

    def _execute_task(self, task_result):
        held = getattr(_held, "results", None)
        if held is None or task_result.task.module_path not in INDEX_TASKS:
            super()._execute_task(task_result)
            return
        arguments = json.dumps([task_result.args, task_result.kwargs], sort_keys=True)
        held.setdefault((task_result.task.module_path, arguments), (self, task_result))


@contextmanager
def coalesced_index_updates():
    """Within the block, the index updates of the default backend wait; they run once each
    when it ends without an error (on an error the caller's transaction is rolled back, and
    there is nothing to index). Inside another such block, the outer one runs them."""
    if getattr(_held, "results", None) is not None:
        yield
        return
    _held.results = {}
    try:
        yield
        held = _held.results
    finally:
        _held.results = None
    for backend, task_result in held.values():
        backend._execute_task(task_result)
