"""What every Tunebench Python plugin needs around the ``kurobako`` package.

The bridges in ``Plugins/python-*`` put this folder on ``sys.path`` and call, before they import any library:

- ``reserve_stdout_for_protocol()``: protocol lines only on standard output, everything else on stderr;
- ``warn_once_per_place()``: each warning once per source line;

then wrap library calls in ``quiet()`` and record ``versions([...])`` in their spec attributes. A bridge
whose library logs a message on every trial adds ``OncePerMessage()`` to its logger's handlers. A bridge whose
library handles black-box constraints declares ``ExtensionCapability("CONSTRAINTS")`` and reads
``constraint_values(message)`` of each ``TELL_CALL``. This module imports only the standard library.
"""

import contextlib
import importlib.metadata
import logging
import os
import re
import sys
import warnings
from typing import List, Optional, Set


def reserve_stdout_for_protocol() -> None:
    """Keep the real standard output for protocol lines and send everything else to stderr.

    The real standard output is duplicated to a private descriptor that becomes ``sys.stdout``
    (line-buffered; kurobako's runner writes its messages there with ``print``), and descriptor 1
    is pointed at standard error, so that whatever native code writes to descriptor 1 lands in the
    log. Python-level prints of the libraries are caught by ``quiet()`` around every library call.
    """
    sys.stdout.flush()
    protocol = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = os.fdopen(protocol, "w", buffering=1, encoding="utf-8")


def quiet() -> contextlib.AbstractContextManager:
    """Sends Python-level prints to standard error for the duration of a library call."""
    return contextlib.redirect_stdout(sys.stderr)


def warn_once_per_place() -> None:
    """Shows each warning once per source line, however its text varies.

    A library may warn on every trial with a varying text (skopt: "The objective has been
    evaluated at point [3] before, using random point [5]"); Tunebench shows only the end of stderr
    when a run fails, so the repeats would bury a real error. Warnings still go to stderr.
    """
    seen = set()
    show = warnings.showwarning

    def show_once(message, category, filename, lineno, file=None, line=None):
        if (filename, lineno) in seen:
            return
        seen.add((filename, lineno))
        show(message, category, filename, lineno, file, line)
        print("(further warnings from {}:{} are not shown)".format(filename, lineno), file=sys.stderr)

    warnings.showwarning = show_once


class OncePerMessage(logging.Filter):
    """Lets each log message through once, messages that differ only in numbers counting as one.

    Some libraries log the same message on every trial (Optuna's CmaEsSampler: a categorical parameter
    falls back to random sampling; SMAC: too few candidates from the acquisition function); Tunebench
    shows only the end of stderr when a run fails, so the repeats would bury a real error.
    """

    def __init__(self):
        super().__init__()
        self._seen: Set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = re.sub(r"[0-9]+", "#", record.getMessage())
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


def versions(packages: List[str]) -> str:
    """Installed versions as ``name=version`` words, e.g. ``optuna=5.0.0 kurobako=0.2.1``."""
    words = []
    for package in packages:
        try:
            words.append("{}={}".format(package, importlib.metadata.version(package)))
        except importlib.metadata.PackageNotFoundError:
            words.append("{}=missing".format(package))
    return " ".join(words)


class ExtensionCapability:
    """A Tunebench extension capability (Plugins/PROTOCOL.md), such as ``CONSTRAINTS``, for kurobako's ``SolverSpec``.

    kurobako's ``Capability`` enum has no member for it; ``SolverSpec.to_dict`` only calls ``to_str()`` on each
    capability, so this stands in for one.
    """

    def __init__(self, name: str):
        self.name = name

    def to_str(self) -> str:
        return self.name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExtensionCapability) and other.name == self.name

    def __hash__(self) -> int:
        return hash(("ExtensionCapability", self.name))


def constraint_values(message: dict) -> Optional[List[float]]:
    """The constraint values of a ``TELL_CALL`` message (the Tunebench extension ``trial.constraint_values``), or
    ``None`` when it has none (an unconstrained problem, a failed trial, or a harness that is not Tunebench)."""
    values = message.get("trial", {}).get("constraint_values")
    return None if values is None else [float(v) for v in values]
