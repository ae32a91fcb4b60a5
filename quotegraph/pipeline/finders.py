"""Span finders by name.  "rules" is always there; "model" needs a trained span model."""

from __future__ import annotations

from spacy.tokens import Doc

from ..errors import ModelError
from . import rules
from .attribution import Attribution


def get(name: str, model_path: str | None = None):
    if name in ("rules", "auto"):
        # Until a learned model ships, "auto" means the rules.
        return rules.find_attributions
    raise ModelError(f"unknown span finder {name!r}; choose one of: auto, rules")


__all__ = ["get", "Attribution", "Doc"]
