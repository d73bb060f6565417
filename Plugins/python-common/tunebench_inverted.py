"""A minimizer that calls its objective, driven by ask and tell.

Libraries whose restart logic lives in a function that calls the objective itself (``cma.fmin2``,
``scipy.optimize.minimize``) have no ask-and-tell interface. ``InvertedMinimizer`` runs such a function
on a thread of its own, with an objective that hands each point to the bridge and blocks until the
bridge tells its value. The thread runs only while the bridge waits in ``ask`` or ``tell``: the two
take turns and never run at once, so the library sees the same sequence of calls as in a plain
``fmin(objective)``, and Python-level state (``sys.stdout`` under ``quiet()``, numpy's global
generator) is only touched while the bridge is waiting.

This module imports only the standard library.
"""

import queue
import sys
import threading
from typing import Any, Callable, Optional, Tuple


class _Stop(BaseException):
    """Raised inside the objective to unwind the minimizer when the bridge closes it.

    A ``BaseException`` (as ``KeyboardInterrupt``), so that a library's ``except Exception`` does not
    swallow it.
    """


_POINT, _RETURNED, _FAILED = "point", "returned", "failed"


class InvertedMinimizer:
    """Runs ``minimize(objective)`` on a thread, one evaluation per ``ask`` and ``tell``.

    - ``ask()`` returns the next point the minimizer wants evaluated, or ``None`` once ``minimize`` has
      returned (the caller may then start another one, as a restart);
    - ``tell(value)`` gives the objective its value and waits until the minimizer asks for the next
      point, returns or fails;
    - ``close()`` ends a minimizer that is waiting for a value: its objective raises an exception that
      unwinds ``minimize``, and the thread is joined. Closing twice, or a finished minimizer, is a
      no-op.

    An exception raised by ``minimize`` is raised again by the ``ask`` or ``tell`` that was waiting.
    Each ``ask`` must be followed by its ``tell`` (one evaluation at a time).
    """

    def __init__(self, minimize: Callable[[Callable[[Any], float]], Any], name: str = "minimizer"):
        """- Parameters: ``minimize``: calls the objective it is given, as often as it likes;
        ``name``: the thread's name, for stack dumps."""
        self._minimize = minimize
        self._name = name
        self._events: "queue.Queue[Tuple[str, Any]]" = queue.Queue(maxsize=1)
        self._values: "queue.Queue[Any]" = queue.Queue(maxsize=1)
        self._thread: Optional[threading.Thread] = None
        self._next: Optional[Tuple[str, Any]] = None  # what the minimizer did last, not yet handed out
        self._waiting = False  # a point was handed out and awaits its value
        self._closed = False

    def ask(self) -> Optional[Any]:
        """The next point to evaluate, or ``None`` when ``minimize`` has returned.

        - Raises: ``RuntimeError`` when the previous point has not been told, or after ``close``;
          whatever ``minimize`` raised.
        """
        if self._closed:
            raise RuntimeError("the minimizer is closed")
        if self._waiting:
            raise RuntimeError("ask before the previous point was told (one evaluation at a time)")
        if self._thread is None:
            # Non-daemon would make the interpreter wait for it at exit; the bridge closes it
            # explicitly, and a daemon thread is the fallback for a bridge that fails first.
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()
            self._next = self._events.get()
        kind, payload = self._next
        if kind == _FAILED:
            raise payload
        if kind == _RETURNED:
            return None
        self._waiting = True
        return payload

    def tell(self, value: float) -> None:
        """Returns ``value`` from the objective call of the last point, and waits until the minimizer
        asks for the next one, returns or fails (the failure is raised by the next ``ask``).

        - Raises: ``RuntimeError`` when no point awaits a value.
        """
        if not self._waiting:
            raise RuntimeError("tell without a point awaiting its value")
        self._waiting = False
        self._values.put(value)
        self._next = self._events.get()

    def close(self, timeout: float = 10.0) -> None:
        """Ends the minimizer: unwinds it when it waits for a value, then joins its thread."""
        if self._closed:
            return
        self._closed = True
        thread = self._thread
        if thread is None:
            return
        if self._next is not None and self._next[0] == _POINT:
            self._values.put(_Stop)
        thread.join(timeout)
        if thread.is_alive():
            print("{}: the minimizer did not stop within {} s".format(self._name, timeout), file=sys.stderr)

    # MARK: - The minimizer's thread

    def _objective(self, point: Any) -> float:
        self._events.put((_POINT, point))
        value = self._values.get()
        if value is _Stop:
            raise _Stop()
        return value

    def _run(self) -> None:
        try:
            self._minimize(self._objective)
        except _Stop:
            return
        except BaseException as error:  # noqa: B036 - handed to the bridge's thread, raised there
            self._events.put((_FAILED, error))
            return
        self._events.put((_RETURNED, None))
