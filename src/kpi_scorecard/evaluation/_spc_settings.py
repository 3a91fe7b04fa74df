"""The settings of the XmR chart a policy reads the direction of travel from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["SpcSettings"]


class SpcSettings(BaseModel):
    """How a policy that chooses SPC draws each measure's XmR chart.

    The fields are the keywords of :func:`kpi_scorecard.spc.xmr`, with its defaults:
    screening of outlying moving ranges (NHSRplotthedots; the Making Data Count Excel tool
    does not screen), a trend and a run of 7, two of three beyond 2 sigma without the
    points beyond the process limits, 13 points before any judgement, and limits from every
    point of a segment unless ``baseline`` fixes them on its first points. Rebasing comes
    from the data: a figure marked as a break in series starts a new segment.

    >>> SpcSettings(run_length=6).run_length, SpcSettings().minimum_points
    (6, 13)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    screen_outliers: bool = True
    trend_length: int = Field(default=7, ge=2, strict=True)
    run_length: int = Field(default=7, ge=2, strict=True)
    two_of_three_beyond_limits: bool = False
    minimum_points: int = Field(default=13, ge=2, strict=True)
    baseline: int | None = Field(default=None, ge=2, strict=True)
