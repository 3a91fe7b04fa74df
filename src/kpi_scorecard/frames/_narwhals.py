"""The one place the extra imports narwhals, turning its absence into a typed error."""

from __future__ import annotations

from ._errors import MissingExtraError

try:
    import narwhals as nw
except ImportError as exc:  # the extra is not installed
    raise MissingExtraError("kpi_scorecard.frames", "narwhals", "frames") from exc

__all__ = ["nw"]
