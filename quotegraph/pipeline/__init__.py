"""quotegraph's stages as a spaCy component (see component.py for the flow).

The component is imported on first use, so that light modules of this package
(``finders.NAMES`` for the command line's choices) load without spaCy.
"""

from typing import Any

__all__ = ["QuotegraphComponent", "make_quotegraph"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import component

        return getattr(component, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
