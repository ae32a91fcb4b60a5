"""quotegraph's stages as a spaCy component (see component.py for the flow)."""

from .component import QuotegraphComponent, make_quotegraph

__all__ = ["QuotegraphComponent", "make_quotegraph"]
