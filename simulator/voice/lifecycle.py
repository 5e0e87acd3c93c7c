"""Background voice work ends before the process does.

CTranslate2 (Whisper) aborts the process with "terminate called without an
active exception" when Python exits while one of its native decodes is still
running (a segment decoded in the background, a speculative guess, a
push-to-talk turn cut short). So every native decode runs inside
:data:`DECODES` (:meth:`Decodes.running`), and at interpreter exit
:func:`_at_exit` first closes every registered owner of background work
(Whisper recognisers, espeak-ng synthesisers: :func:`register`), then refuses
new decodes and waits for the running ones. Closing a call's pipeline
(:meth:`~simulator.voice.registry.VoicePipeline.close`) does the same at call
end; this is the backstop.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from contextlib import contextmanager
from typing import Any

from simulator.errors import BackendError

EXIT_WAIT_SECONDS = 10.0
"""How long exit waits for a native decode still running (one segment takes well under a second)."""


class Decodes:
    """Counts the native decodes in flight; once :meth:`close` d, new ones raise BackendError."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.count = 0
        self.closed = False

    @contextmanager
    def running(self):
        with self._cond:
            if self.closed:
                raise BackendError("speech recognition stopped: the program is ending")
            self.count += 1
        try:
            yield
        finally:
            with self._cond:
                self.count -= 1
                self._cond.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no decode runs; False when ``timeout`` passed first."""
        with self._cond:
            return self._cond.wait_for(lambda: self.count == 0, timeout)

    def close(self, timeout: float = EXIT_WAIT_SECONDS) -> bool:
        with self._cond:
            self.closed = True
        return self.wait_idle(timeout)


DECODES = Decodes()
"""Every Whisper decode of this process."""

_OWNERS: weakref.WeakSet = weakref.WeakSet()
_EXITING = threading.Event()


def exiting() -> bool:
    """True once the interpreter has begun to exit: start no new background work."""
    return _EXITING.is_set()


def register(owner: Any) -> None:
    """``owner.close()`` is called at interpreter exit if it is still alive then."""
    _OWNERS.add(owner)


def _at_exit() -> None:
    _EXITING.set()
    for owner in list(_OWNERS):
        try:
            owner.close()
        except Exception:  # exiting anyway: nothing may reach the user now
            pass
    DECODES.close()


atexit.register(_at_exit)
