"""Errors raised on bad input. Each names the file, the line (where one applies) and
what was expected, so that a researcher can fix the input without reading our code."""

from __future__ import annotations

from pathlib import Path


class CorpusError(ValueError):
    """A corpus folder, manifest or article that cannot be read as expected."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.detail = message
        where = f"{self.path}, line {line}" if line is not None else f"{self.path}"
        super().__init__(f"{where}: {message}")


class ModelNotInstalledError(RuntimeError):
    """The pinned spaCy model is missing or is not the expected version."""


class CorpusWarning(UserWarning):
    """An article the analysis can read but whose results should not be trusted (the
    message names the file and why)."""


class OutputError(CorpusError):
    """An output folder that cannot take the tables (the message names it and why)."""
