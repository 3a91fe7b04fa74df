"""The rating policy: tolerances or status rules, comparison period, minimum change."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar, Literal, Self, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from kpi_scorecard._errors import ParseError, not_text_error
from kpi_scorecard._notation import _TextValue
from kpi_scorecard._numbers import NUMBER_PATTERN, format_decimal, parse_decimal
from kpi_scorecard._patterns import lazy_pattern

from ._spc_settings import SpcSettings

__all__ = [
    "Comparison",
    "DirectionMethod",
    "RagPolicy",
    "SpcSettings",
    "StatusRule",
    "StatusRules",
    "Tolerance",
]

_TOLERANCE = lazy_pattern(rf"(?P<number>{NUMBER_PATTERN})\s*(?P<unit>%|points?|pts?)?", re.I)


class Tolerance(_TextValue):
    """How far a value may miss its target and still be amber (or how big a change counts).

    Relative tolerances are a share of the target (``3%`` of 85 is 2.55); absolute ones
    are in the measure's unit (percentage points for a percentage).

    >>> Tolerance.relative(Decimal("0.03")).allowance(Decimal("85"))
    Decimal('2.55')
    >>> Tolerance.parse("3%"), Tolerance.parse("2 points")
    (kpi_scorecard.Tolerance('3%'), kpi_scorecard.Tolerance('2 points'))
    """

    json_schema_extra_text: ClassVar[dict[str, Any]] = {"examples": ["3%", "2 points"]}

    kind: Literal["relative", "absolute"]
    amount: Decimal = Field(ge=0)

    @classmethod
    def relative(cls, share: Decimal) -> Tolerance:
        """A tolerance that is ``share`` of the target (``Decimal("0.03")`` for 3%)."""
        return cls(kind="relative", amount=share)

    @classmethod
    def absolute(cls, amount: Decimal) -> Tolerance:
        """A tolerance of ``amount`` in the measure's unit."""
        return cls(kind="absolute", amount=amount)

    @classmethod
    def none(cls) -> Tolerance:
        """No tolerance: every miss is red."""
        return cls(kind="absolute", amount=Decimal(0))

    def allowance(self, reference: Decimal) -> Decimal:
        """The allowed distance, for a target (or previous value) of ``reference``.

        A relative tolerance on a zero reference allows nothing.
        """
        if self.kind == "relative":
            return self.amount * abs(reference)
        return self.amount

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``3%`` (relative) or ``2``, ``2 points`` (absolute)."""
        if not isinstance(text, str):
            raise not_text_error(ParseError, text, "a tolerance")
        found = _TOLERANCE.fullmatch(text.strip())
        number = parse_decimal(found["number"]) if found else None
        if found is None or number is None or number < 0:
            raise ParseError(text, "a tolerance is '3%' or '2 points'", code="bad_tolerance")
        if found["unit"] == "%":
            return cls(kind="relative", amount=number / 100)
        return cls(kind="absolute", amount=number)

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        if self.kind == "relative":
            return f"{format_decimal(self.amount * 100)}%"
        unit = "point" if self.amount == 1 else "points"
        return f"{format_decimal(self.amount)} {unit}"


class Comparison(StrEnum):
    """Which period the direction of travel compares with."""

    PREVIOUS_PERIOD = "previous_period"
    SAME_PERIOD_LAST_YEAR = "same_period_last_year"


RuleStatus = Literal["green", "yellow", "amber", "red"]
"""The statuses a rule can give: a rating, never "not rated"."""

DirectionWord = Literal[
    "improving", "worsening", "increasing", "decreasing", "no_change", "not_comparable"
]
"""The directions of travel a rule can be conditioned on (the values of ``Direction``)."""

_STATUSES: tuple[str, ...] = get_args(RuleStatus)
_DIRECTIONS: tuple[str, ...] = get_args(DirectionWord)
_RULE_HINT = "a status rule is 'green if met', 'amber if within 5%' or 'red otherwise'"


def _rule_error(text: str, reason: str = _RULE_HINT) -> ParseError:
    return ParseError(text, reason, code="bad_status_rule")


class StatusRule(_TextValue):
    """One status rule: the status to give, and when (in order, the first rule that applies wins).

    ``when`` is ``met`` (the target is met), ``within`` (the miss is at most ``within``,
    a relative or absolute :class:`Tolerance`; a met target is within any tolerance) or
    ``always``. ``directions``, if any, also requires the direction of travel to be one
    of them: ``amber if within 10% and improving``.

    >>> rule = StatusRule.parse("Amber if within 10%  and IMPROVING or no change")
    >>> str(rule), rule.status, str(rule.within), sorted(rule.directions)
    ('amber if within 10% and improving or no change', 'amber', '10%', ['improving', 'no_change'])
    >>> str(StatusRule.parse("red otherwise")), str(StatusRule.parse("green if met"))
    ('red otherwise', 'green if met')
    """

    json_schema_extra_text: ClassVar[dict[str, Any]] = {
        "examples": ["green if met", "amber if within 5% and improving", "red otherwise"]
    }

    status: RuleStatus
    when: Literal["met", "within", "always"] = "always"
    within: Tolerance | None = None
    directions: frozenset[DirectionWord] = frozenset()

    @model_validator(mode="after")
    def _check(self) -> Self:
        if (self.when == "within") != (self.within is not None):
            raise PydanticCustomError(
                "bad_status_rule",
                "a status rule has a tolerance exactly when it is 'within' one",
            )
        return self

    def applies(self, miss: Decimal, reference: Decimal, met: bool, direction: str) -> bool:
        """Whether the rule applies to a miss (negative when met) against ``reference``.

        A tolerance that allows nothing (zero, or relative to a zero target) lets no miss
        through, not even a value on a strict threshold.

        >>> rule = StatusRule.parse("amber if within 5% and improving")
        >>> rule.applies(Decimal(4), Decimal(85), False, "improving")
        True
        >>> rule.applies(Decimal(4), Decimal(85), False, "worsening")
        False
        """
        if self.directions and direction not in self.directions:
            return False
        if self.when == "always":
            return True
        if met:
            return True
        if self.within is None:  # "met", and not met
            return False
        allowance = self.within.allowance(reference)
        return allowance > 0 and miss <= allowance

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``<status> if met``, ``<status> if within <tolerance>``, ``<status> otherwise``.

        Either condition may end in ``and <direction>`` (alternatives joined by ``or``), and
        ``<status> if <direction>`` needs only the direction.
        """
        if not isinstance(text, str):
            raise not_text_error(ParseError, text, "a status rule")
        words = " ".join(text.split()).lower()
        status, _, rest = words.partition(" ")
        if status not in _STATUSES:
            raise _rule_error(text)
        if rest == "otherwise":
            return cls(status=status)
        condition = rest.removeprefix("if ")
        if condition == rest or not condition:
            raise _rule_error(text)
        head, _, directions = condition.partition(" and ")
        if head != "met" and not head.startswith("within "):
            head, directions = "", condition  # "amber if improving": a direction alone
        found_words = directions.split(" or ") if directions else []
        found = frozenset(_direction(text, word) for word in found_words)
        if head == "":
            return cls(status=status, directions=found)
        if head == "met":
            return cls(status=status, when="met", directions=found)
        tolerance = head.removeprefix("within ")
        try:
            within = Tolerance.parse(tolerance)
        except ParseError:
            raise _rule_error(text, f"{_RULE_HINT}; {tolerance!r} is not a tolerance") from None
        return cls(status=status, when="within", within=within, directions=found)

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        directions = " or ".join(
            word.replace("_", " ") for word in _DIRECTIONS if word in self.directions
        )
        if self.when == "met":
            condition = "met"
        elif self.within is not None:
            condition = f"within {self.within}"
        elif directions:
            return f"{self.status} if {directions}"
        else:
            return f"{self.status} otherwise"
        return (
            f"{self.status} if {condition} and {directions}"
            if directions
            else (f"{self.status} if {condition}")
        )


def _direction(text: str, word: str) -> DirectionWord:
    name = word.strip().replace(" ", "_")
    if name not in _DIRECTIONS:
        listed = ", ".join(d.replace("_", " ") for d in _DIRECTIONS)
        raise _rule_error(text, f"a rule's direction is one of {listed}; not {word.strip()!r}")
    return name  # type: ignore[return-value]  # checked against the literal's values


class StatusRules(_TextValue):
    """Ordered status rules: the first that applies gives the status (as Power BI and ClearPoint).

    Written as the rules joined by ``;``. The last rule must apply always (``red
    otherwise``), so that every rated figure gets a status, and no rule may follow it.
    :meth:`three_colour` and :meth:`four_colour` are the rules the policy's tolerances
    stand for.

    >>> rules = StatusRules.parse(
    ...     "green if within 5%; amber if within 10% and improving; red otherwise"
    ... )
    >>> len(rules.rules), str(rules.rules[1])
    (3, 'amber if within 10% and improving')
    >>> str(StatusRules.three_colour(Tolerance.parse("3%")))
    'green if met; amber if within 3%; red otherwise'
    """

    json_schema_extra_text: ClassVar[dict[str, Any]] = {
        "examples": ["green if met; amber if within 5%; red otherwise"]
    }

    rules: tuple[StatusRule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Self:
        last = self.rules[-1]
        if last.when != "always" or last.directions:
            raise PydanticCustomError(
                "status_rules_unfinished",
                "the last status rule must apply always ('red otherwise'), not {rule}",
                {"rule": repr(str(last))},
            )
        for rule in self.rules[:-1]:
            if rule.when == "always" and not rule.directions:
                raise PydanticCustomError(
                    "unreachable_status_rule",
                    "{rule} applies always, so the rules after it never would",
                    {"rule": repr(str(rule))},
                )
        return self

    @classmethod
    def three_colour(cls, tolerance: Tolerance) -> StatusRules:
        """Green if met, amber within ``tolerance``, red beyond: the policy's default scheme."""
        return cls(
            rules=(
                StatusRule(status="green", when="met"),
                StatusRule(status="amber", when="within", within=tolerance),
                StatusRule(status="red"),
            )
        )

    @classmethod
    def four_colour(cls, yellow: Tolerance, tolerance: Tolerance) -> StatusRules:
        """Green if met, yellow within ``yellow``, amber within ``tolerance``, red beyond."""
        return cls(
            rules=(
                StatusRule(status="green", when="met"),
                StatusRule(status="yellow", when="within", within=yellow),
                StatusRule(status="amber", when="within", within=tolerance),
                StatusRule(status="red"),
            )
        )

    def first(self, miss: Decimal, reference: Decimal, met: bool, direction: str) -> int:
        """The position of the first rule that applies (the last one always does)."""
        for index, rule in enumerate(self.rules):
            if rule.applies(miss, reference, met, direction):
                return index
        return len(self.rules) - 1  # pragma: no cover - the last rule always applies

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read rules joined by ``;`` (or written one per line)."""
        if not isinstance(text, str):
            raise not_text_error(ParseError, text, "status rules")
        parts = [part for part in text.replace("\n", ";").split(";") if part.strip()]
        if not parts:
            raise ParseError(text, "status rules are rules joined by ';'", code="bad_status_rule")
        rules = tuple(StatusRule.parse(part) for part in parts)
        try:
            return cls(rules=rules)
        except ValidationError as exc:  # the order checks above
            first = exc.errors()[0]
            raise ParseError(text, first["msg"], code=first["type"]) from None

    def __str__(self) -> str:
        """The canonical text, read back by :meth:`parse`."""
        return "; ".join(str(rule) for rule in self.rules)


_DEFAULT_TOLERANCE = Tolerance.relative(Decimal("0.05"))
_DEFAULT_SPC = SpcSettings()

DirectionMethod = Literal["change", "spc"]
"""How the direction of travel is read: the change between two figures, or an XmR chart."""


class RagPolicy(BaseModel):
    """How to rate: the amber tolerance and optional yellow band, or status rules; direction rules.

    With ``yellow_tolerance`` set, the four-colour scheme applies: a miss within it is
    yellow, within ``tolerance`` amber, beyond red. ``rules`` replaces the tolerances with
    ordered :class:`StatusRules`: with rules, the tolerances keep their defaults and
    there are no overrides, since they would not be used.

    ``direction`` says how the direction of travel is read: ``"change"`` (the default)
    compares the figure with the comparison period's, ``minimum_change`` apart;
    ``"spc"`` reads it from an XmR chart of the measure's figures up to the period, drawn
    with the ``spc`` settings, and each assessment also carries the chart's variation and
    assurance (see :mod:`kpi_scorecard.spc`). SPC settings are given only with ``"spc"``.

    >>> policy = RagPolicy(tolerance="3%", overrides={"CSC018": "2 points"})
    >>> str(policy.tolerance_for("CSC002")), str(policy.tolerance_for("CSC018"))
    ('3%', '2 points')
    >>> str(policy.status_rules_for("CSC018"))
    'green if met; amber if within 2 points; red otherwise'
    >>> str(RagPolicy(rules="green if met; amber if within 10% and improving; red otherwise").rules)
    'green if met; amber if within 10% and improving; red otherwise'
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    tolerance: Tolerance = _DEFAULT_TOLERANCE
    yellow_tolerance: Tolerance | None = None
    overrides: dict[str, Tolerance] = Field(default_factory=dict)
    comparison: Comparison = Comparison.PREVIOUS_PERIOD
    minimum_change: Tolerance = Tolerance.none()
    rules: StatusRules | None = None
    direction: DirectionMethod = "change"
    spc: SpcSettings = _DEFAULT_SPC

    @model_validator(mode="after")
    def _check_rules(self) -> Self:
        if self.direction != "spc" and self.spc != _DEFAULT_SPC:
            raise PydanticCustomError(
                "spc_settings_unused",
                "SPC settings are read only when the direction is 'spc', not {direction}",
                {"direction": repr(self.direction)},
            )
        if self.rules is not None:
            given = [
                name
                for name, unused in (
                    ("tolerance", self.tolerance == _DEFAULT_TOLERANCE),
                    ("yellow_tolerance", self.yellow_tolerance is None),
                    ("overrides", not self.overrides),
                )
                if not unused
            ]
            if given:
                raise PydanticCustomError(
                    "rules_and_tolerances",
                    "give status rules or tolerances, not both (rules given with {given})",
                    {"given": ", ".join(given)},
                )
        return self

    def tolerance_for(self, reference: str) -> Tolerance:
        """The amber tolerance for one measure: its override, or the policy's."""
        return self.overrides.get(reference, self.tolerance)

    def status_rules_for(self, reference: str) -> StatusRules:
        """The status rules one measure is rated by: the policy's, or its tolerances' own."""
        if self.rules is not None:
            return self.rules
        tolerance = self.tolerance_for(reference)
        if self.yellow_tolerance is None:
            return StatusRules.three_colour(tolerance)
        return StatusRules.four_colour(self.yellow_tolerance, tolerance)

    def __hash__(self) -> int:
        """Hash by value, so a policy can key a cache."""
        return hash(
            (
                self.tolerance,
                self.yellow_tolerance,
                tuple(sorted(self.overrides.items())),
                self.comparison,
                self.minimum_change,
                self.rules,
                self.direction,
                self.spc,
            )
        )
