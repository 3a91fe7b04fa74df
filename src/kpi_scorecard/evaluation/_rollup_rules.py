"""How a group's status follows from its children's: the roll-up rules, declared as data.

Every rule sees the statuses of a group's children (measures, or groups rolled up
first) and gives the group one status. Statuses are ordered red < amber < yellow <
green; ``not_rated`` is not on that scale (see :func:`~kpi_scorecard.evaluation.roll_up`
for what a roll-up does with it).

- :class:`WorstOf`: the worst child's status. Monotone.
- :class:`StatusCounts`: the status most children have; a tie goes to the worse status.
  Not monotone: raising a red child to amber can make amber tie with green and win.
- :class:`ShareOnTarget`: the share of children that are green, against two thresholds.
  Monotone.
- :class:`WeightedScore`: each child scores the points of its status (a group, its own
  score), weighted by the weight in force for the period, against two thresholds.
  Monotone, since no weight is negative and the points rise with the status.
- :class:`CustomRule`: a function of the children. Monotone if the function is.

A rule is *monotone* when raising one child's status never lowers the group's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kpi_scorecard._notation import NonNegativeNumber
from kpi_scorecard._period import Period
from kpi_scorecard._scorecard import containing

from ._results import Rag

if TYPE_CHECKING:
    from ._rollup_results import RolledChild

__all__ = [
    "RATED_ORDER",
    "CustomRule",
    "RollUpRule",
    "ShareOnTarget",
    "StatusCounts",
    "WeightSetting",
    "WeightedScore",
    "WorstOf",
    "rank",
]

#: The rated statuses, worst first.
RATED_ORDER: tuple[Rag, ...] = (Rag.RED, Rag.AMBER, Rag.YELLOW, Rag.GREEN)
_RANK = {status: position for position, status in enumerate(RATED_ORDER)}


def rank(status: Rag) -> int:
    """A rated status's place, red 0 to green 3.

    >>> rank(Rag.RED), rank(Rag.GREEN)
    (0, 3)
    """
    return _RANK[status]


def _out_of_order(what: str, low: str, high: str) -> PydanticCustomError:
    return PydanticCustomError(
        "rollup_out_of_order",
        "{what}: {low} must not be above {high}",
        {"what": what, "low": low, "high": high},
    )


class _Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class WorstOf(_Rule):
    """The group takes its worst child's status.

    >>> WorstOf().name
    'worst-of'
    """

    kind: Literal["worst_of"] = "worst_of"

    @property
    def name(self) -> str:
        """The rule's name in explanations."""
        return "worst-of"


class StatusCounts(_Rule):
    """The group takes the status most of its children have; a tie goes to the worse.

    >>> StatusCounts().name
    'most-common'
    """

    kind: Literal["status_counts"] = "status_counts"

    @property
    def name(self) -> str:
        """The rule's name in explanations."""
        return "most-common"


class ShareOnTarget(_Rule):
    """Green when at least ``green_from`` of the children are green, amber from ``amber_from``.

    Shares are fractions (``0.75`` for 75%), compared exactly: a share on a threshold
    reaches it. Below ``amber_from`` the group is red.

    >>> rule = ShareOnTarget(green_from="0.8", amber_from="0.5")
    >>> rule.status(3, 4), rule.status(4, 5), rule.status(1, 3)
    (<Rag.AMBER: 'amber'>, <Rag.GREEN: 'green'>, <Rag.RED: 'red'>)
    """

    kind: Literal["share_on_target"] = "share_on_target"
    green_from: NonNegativeNumber = Field(default=Decimal("0.75"), le=1)
    amber_from: NonNegativeNumber = Field(default=Decimal("0.5"), le=1)

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.amber_from > self.green_from:
            raise _out_of_order("share on target", "amber_from", "green_from")
        return self

    @property
    def name(self) -> str:
        """The rule's name in explanations."""
        return "share-on-target"

    def status(self, green: int, rated: int) -> Rag:
        """The status for ``green`` children on target out of ``rated`` (at least one)."""
        if green >= self.green_from * rated:
            return Rag.GREEN
        if green >= self.amber_from * rated:
            return Rag.AMBER
        return Rag.RED


class WeightSetting(BaseModel):
    """The weight of one child of a group over a period, as a target setting is dated.

    ``child`` is a measure reference or, in a hierarchy, the name of a group. A roll-up
    for a period uses the most specific setting whose period contains it, so a weight
    can change in the middle of a year.

    >>> setting = WeightSetting(child="CSC001", period="2019/20", weight="2")
    >>> str(setting.period), setting.weight
    ('2019/20', Decimal('2'))
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    child: str = Field(min_length=1)
    period: Period
    weight: NonNegativeNumber


#: The points of each rated status in a weighted score, by default: out of 10.
_DEFAULT_POINTS = (Decimal(10), Decimal("7.5"), Decimal(5), Decimal(0))


class WeightedScore(_Rule):
    """A weighted mean of the children's points, rated against two thresholds.

    A measure scores the points of its status (``green_points`` and so on); a group, its
    own score. Each child is weighted by the most specific :class:`WeightSetting` for it
    whose period contains the roll-up's period, or ``default_weight`` when none does. The
    score is green from ``green_from``, amber from ``amber_from``, red below; a score on a
    threshold reaches it. The points must rise with the status and the thresholds be in
    order, which is what makes the rule monotone.

    >>> rule = WeightedScore(weights=[
    ...     {"child": "A", "period": "01/04/2019 - 30/09/2019", "weight": "1"},
    ...     {"child": "A", "period": "01/10/2019 - 31/03/2020", "weight": "3"},
    ... ])
    >>> rule.weight_for("A", Period.parse("Q2 2019/20")), rule.weight_for("A", Period.parse("Q3 2019/20"))
    (Decimal('1'), Decimal('3'))
    >>> rule.weight_for("B", Period.parse("Q3 2019/20"))
    Decimal('1')
    """  # noqa: E501

    kind: Literal["weighted_score"] = "weighted_score"
    weights: tuple[WeightSetting, ...] = ()
    default_weight: NonNegativeNumber = Decimal(1)
    green_points: NonNegativeNumber = _DEFAULT_POINTS[0]
    yellow_points: NonNegativeNumber = _DEFAULT_POINTS[1]
    amber_points: NonNegativeNumber = _DEFAULT_POINTS[2]
    red_points: NonNegativeNumber = _DEFAULT_POINTS[3]
    green_from: NonNegativeNumber = Decimal(8)
    amber_from: NonNegativeNumber = Decimal(5)

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        points = (
            ("red_points", self.red_points),
            ("amber_points", self.amber_points),
            ("yellow_points", self.yellow_points),
            ("green_points", self.green_points),
        )
        for (low, low_value), (high, high_value) in pairwise(points):
            if low_value > high_value:
                raise _out_of_order("weighted score", low, high)
        if self.amber_from > self.green_from:
            raise _out_of_order("weighted score", "amber_from", "green_from")
        seen: set[tuple[str, Period]] = set()
        for setting in self.weights:
            key = (setting.child, setting.period)
            if key in seen:
                raise PydanticCustomError(
                    "duplicate_weight",
                    "{child} has two weights for {period}",
                    {"child": setting.child, "period": str(setting.period)},
                )
            seen.add(key)
        return self

    @property
    def name(self) -> str:
        """The rule's name in explanations."""
        return "weighted-score"

    def points(self, status: Rag) -> Decimal:
        """The points of a rated status."""
        return {
            Rag.GREEN: self.green_points,
            Rag.YELLOW: self.yellow_points,
            Rag.AMBER: self.amber_points,
            Rag.RED: self.red_points,
        }[status]

    def weight_for(self, child: str, period: Period) -> Decimal:
        """The weight in force for ``child`` in ``period``: the most specific setting's."""
        return self.weights_in_force(period)(child)

    def weights_in_force(self, period: Period) -> Callable[[str], Decimal]:
        """A lookup of each child's weight in force in ``period``, built once for all."""
        by_child: dict[str, list[WeightSetting]] = {}
        for setting in self.weights:
            by_child.setdefault(setting.child, []).append(setting)
        found: dict[str, Decimal] = {}
        for child, settings in by_child.items():
            # Most specific first, as target settings: the shortest period that holds it.
            settings.sort(key=lambda s: (s.period.days, s.period))
            at = containing([s.period for s in settings])(period)
            if at is not None:
                found[child] = settings[at].weight
        default = self.default_weight
        return lambda child: found.get(child, default)

    def status(self, total: Decimal, weight: Decimal) -> Rag:
        """The status of a weighted total of points over a total weight (above zero)."""
        if total >= self.green_from * weight:
            return Rag.GREEN
        if total >= self.amber_from * weight:
            return Rag.AMBER
        return Rag.RED


class CustomRule(BaseModel):
    """A rule given as a function: it takes the group's children and returns a status.

    The function receives a tuple of :class:`~kpi_scorecard.evaluation.RolledChild`
    (every child, rated or not) and returns a :class:`~kpi_scorecard.Rag` or its value
    (``"amber"``). ``name`` names the rule in explanations and in the roll-up.

    >>> rule = CustomRule(name="any-red", function=lambda children: (
    ...     "red" if any(c.status == "red" for c in children) else "green"))
    >>> rule.name
    'any-red'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    kind: Literal["custom"] = "custom"
    name: str = Field(min_length=1)
    # Called with a tuple of RolledChild; pydantic checks only that it is callable.
    function: Callable[..., Any]

    def apply(self, children: Sequence[RolledChild]) -> Any:
        """Call the function on the children."""
        return self.function(tuple(children))


#: Any roll-up rule.
RollUpRule = WorstOf | StatusCounts | ShareOnTarget | WeightedScore | CustomRule
