"""Hidden staging paths beside an output, and the removal of those a killed run left.

Every output of the commands (the ``analyze`` tables, a ``new-report`` book, an
``export-passim`` file) is written into a hidden sibling, ``.NAME.partial-XXXXXXXX``, and
renamed into place when complete. While a run uses a staging path it holds an exclusive
``flock`` on it; the kernel drops the lock when the process ends, however it ends (Ctrl-C,
``kill -9``, a crash). So the next run on the same output tells a staging path abandoned by
a killed run (no lock held: removed) from one that another run is still filling (locked:
left alone), with no process ids to be reused.

Staging paths get the mode a plain ``mkdir`` or ``open`` would give them (0777 or 0666
less the user's umask), not ``tempfile``'s private 0700/0600: they become the outputs, and
a colleague must be able to read those when the umask says so.
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newscompare.ingest.errors import OutputError


#: Kinds of staging path: outputs being written, and earlier outputs moved aside.
STAGING_KINDS = ("partial", "old")


def current_umask() -> int:
    """The process's umask. ``os.umask`` only reads it by setting it, so it is set straight back."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class StagingPath:
    """A new hidden folder (or empty file) beside ``target``, named
    ``.NAME.KIND-XXXXXXXX``, locked until :meth:`release` or the end of the process.
    Raises ``OSError`` when it cannot be made."""

    def __init__(self, target: Path, kind: str = "partial", folder: bool = True):
        if kind not in STAGING_KINDS:
            raise ValueError(f"staging kind {kind!r}; expected one of {STAGING_KINDS}")
        prefix = f".{target.name}.{kind}-"
        path = None
        try:
            # Ctrl-C is held back while the path is made and named, so that an interrupt
            # never leaves a path this process made but does not know; once it is named,
            # the handler below removes it.
            held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                if folder:
                    path = Path(tempfile.mkdtemp(dir=target.parent, prefix=prefix))
                else:
                    path = target.parent / f"{prefix}{secrets.token_hex(8)}"
                    # os.open rather than tempfile.mkstemp: the mode follows the umask.
                    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
            if folder:
                os.chmod(path, 0o777 & ~current_umask())
            self.path = path
            # A descriptor of its own for the lock, so that writers may open and close the path.
            self._lock: int | None = os.open(path, os.O_RDONLY)
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BaseException:
            if path is not None:
                remove_path(path)
            raise

    def release(self) -> None:
        """Drop the lock (after the path was renamed into place or removed)."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def remove(self) -> None:
        """Remove the path if it is still there, then drop the lock."""
        remove_path(self.path)
        self.release()


def remove_path(path: Path) -> None:
    """Remove a staging folder or file. Best effort: a failure here must not hide the error
    that stopped the run, and a leftover is removed by a later run."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def abandoned_staging(target: Path) -> list[Path]:
    """The staging paths of ``target`` (any kind) that no running process holds: left by a
    run that was killed. In name order."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:partial|old)-[a-z0-9_]+")
    try:
        entries = sorted(target.parent.iterdir())
    except OSError:  # no parent folder yet, or not readable: nothing of ours can be there
        return []
    abandoned = []
    for entry in entries:
        if not pattern.fullmatch(entry.name) or entry.is_symlink():
            continue
        try:
            handle = os.open(entry, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # another run is using it
            continue
        finally:
            os.close(handle)
        abandoned.append(entry)
    return abandoned


def remove_abandoned_staging(target: Path) -> None:
    """Remove every staging path of ``target`` that a killed run left (see the module docstring)."""
    for leftover in abandoned_staging(target):
        remove_path(leftover)


@contextmanager
def staging_folder(target: Path, folder: bool = True, shown_as: Path | None = None) -> Iterator[Path]:
    """A hidden folder (or, with ``folder=False``, file) beside ``target``; moved onto
    ``target`` when the block succeeds, removed when it fails or is interrupted. One left
    by a killed run is removed first (see :mod:`newscompare.ingest.staging`); its mode
    follows the user's umask. Errors name ``shown_as`` (the path the user gave), else
    ``target``."""
    shown = shown_as or target
    remove_abandoned_staging(target)
    staging: StagingPath | None = None
    # Ctrl-C is held back from before the staging path is made until this function knows
    # it: an interrupt between the two once left the folder behind (a CI run).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = StagingPath(target, folder=folder)
        except OSError as error:
            what = "cannot create the folder or write beside it" if folder else "cannot write beside it"
            raise OutputError(shown, f"{what} ({error.strerror}); expected a writable place") from None
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a held Ctrl-C is raised here
        try:
            yield staging.path
            # Renaming onto an empty folder replaces it (POSIX), so an empty DEST is accepted.
            os.replace(staging.path, target)
        except OSError as error:
            raise OutputError(shown, f"cannot be written ({error.strerror or error}); expected a "
                              "writable place with free space that no other program fills meanwhile") from None
    finally:
        # Also on Ctrl-C; a no-op once the output is in place.
        if staging is not None:
            staging.remove()
