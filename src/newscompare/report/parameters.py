"""Every named threshold of the analysis in one table: where it lives, its value and the
documented reason for it (the ``#:`` comment above its definition)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re

import pandas as pd

#: (module under ``newscompare``, names) whose values and reasons the methods chapter
#: lists; a dataclass name lists each of its fields. The table names the module alone.
DOCUMENTED_PARAMETERS = (
    ("ingest.cleaning", ("MAX_BYLINE_WORDS", "MAX_FURNITURE_WORDS", "MIN_TITLE_PROBABILITY")),
    ("ingest.line_model", ("ANCHOR_WORDS",)),
    ("analysis.pair_model", ("LONG_NGRAM_SIZE", "LEANS_RELATED")),
    ("analysis.reuse", ("ReuseThresholds",)),
    ("analysis.quotes", ("SAME_QUOTE_RATIO", "INDIRECT_COVERAGE", "INDIRECT_MIN_WORDS")),
    ("analysis.framing", ("MAX_GAP_TOKENS",)),
)

_DEFINITION = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]+)?=")


def _for_readers(comment: str) -> str:
    """A code comment as a reader of the book reads it: reST literals as plain text, and
    no references to the project's issue tracker ("(issue 18)")."""
    comment = re.sub(r"``([^`]+)``", r"\1", comment)
    comment = re.sub(r"\s*\(issues? \d+(?:\s*(?:,|and)\s*\d+)*\)", "", comment)
    return re.sub(r"\bissue \d+\b", "the project's issues", comment)


def _documented_reasons(source: str) -> dict[str, str]:
    """Name -> text of the ``#:`` comment block (or trailing ``# ...``) of each definition."""
    reasons: dict[str, str] = {}
    pending: list[str] = []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("#:"):
            pending.append(stripped[2:].strip())
            continue
        match = _DEFINITION.match(line)
        if match:
            name = match.group(1)
            trailing = line.split("#", 1)[1].strip() if "#" in line else ""
            reason = _for_readers(" ".join(pending) or trailing)
            if reason:
                reasons.setdefault(name, reason)
        if stripped:
            pending = []
    return reasons


def parameter_table() -> pd.DataFrame:
    """One row per documented threshold: module, name, value, reason."""
    rows = []
    for module_name, names in DOCUMENTED_PARAMETERS:
        module = importlib.import_module(f"newscompare.{module_name}")
        shown = module_name.rpartition(".")[2]
        for name in names:
            value = getattr(module, name)
            if dataclasses.is_dataclass(value):
                reasons = _documented_reasons(inspect.getsource(value))
                defaults = value()
                for field in dataclasses.fields(value):
                    rows.append({
                        "module": shown, "name": f"{name}.{field.name}",
                        "value": str(getattr(defaults, field.name)),
                        "reason": reasons.get(field.name, ""),
                    })
            else:
                reasons = _documented_reasons(inspect.getsource(module))
                rows.append({"module": shown, "name": name, "value": str(value),
                             "reason": reasons.get(name, "")})
    # Values as text: a column mixing ints and floats would print 5 as 5.0.
    return pd.DataFrame(rows, columns=["module", "name", "value", "reason"])
