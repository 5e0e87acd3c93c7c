"""Writing exports and reports safely: private (0600), never half-written, never over a file or through a link unasked.

:func:`private_output` writes into a temporary file (``mkstemp``: mode 0600)
in the target's folder and moves it into place only when everything was
written: a failure leaves no partial file. An existing target is replaced
only with ``force``; without it the move is ``os.link`` (which refuses an
existing name, so a file appearing meanwhile is not clobbered either). A
target that is a symbolic link is refused, as is a missing folder. Every
problem is a one-line :class:`~simulator.errors.UsageError`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from simulator.errors import UsageError


def check_target(path: str | os.PathLike[str], *, force: bool) -> Path:
    """The target as a Path after the checks (run them before any long work, too)."""
    target = Path(path)
    if target.is_symlink():
        raise UsageError(f"refusing to write {path}: it is a symbolic link (write to the real file instead)")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: the folder {folder} does not exist")
    if target.exists():
        if not target.is_file():
            raise UsageError(f"cannot write {path}: it is not a regular file")
        if not force:
            raise UsageError(f"{path} exists already: use --force to replace it")
    return target


@contextmanager
def private_output(path: str | os.PathLike[str], *, force: bool = False, binary: bool = False) -> Iterator[IO[Any]]:
    """A file object to write ``path`` with; the file appears (0600) only when the block ends without error."""
    target = check_target(path, force=force)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    done = False
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if target.is_symlink():
            raise UsageError(f"refusing to write {path}: it became a symbolic link")
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise UsageError(f"{path} exists already: use --force to replace it") from None
            os.unlink(tmp)
        done = True
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if not done:
            Path(tmp).unlink(missing_ok=True)
