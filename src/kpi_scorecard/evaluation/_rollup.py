"""Roll a rated report up into groups: by a field of the measures, or by a hierarchy.

Decisions, each tested:

- **Not rated children.** By default (``not_rated="leave_out"``) a child that is not
  rated (a measure with no figure or no target, or a group none of whose children is
  rated) is counted and named in the explanation but takes no part in the status; with
  ``not_rated="count_as_red"`` it counts as red (and scores a red's points). A group
  whose children are all left out is not rated.
- **Missing children.** A hierarchy naming a measure the report does not hold is an
  error (``unknown_child``), not a silent gap; so is a group named like a measure
  (``group_is_measure``).
- **Empty groups.** A declared group with no children is not rated.
- **Ties.** A share or score exactly on a threshold reaches it; under the most-common
  rule, a tie goes to the worse status.
- **Hierarchies.** A group's children are its direct members; a subgroup takes part by
  its own rolled-up status (and, under the weighted score, its score).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Literal

from kpi_scorecard._errors import ScorecardError
from kpi_scorecard._numbers import exact_arithmetic
from kpi_scorecard._reuse import construct_trusted
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard._units import COUNT

from ._results import Rag, Report
from ._rollup_groups import GROUP_FIELDS, Hierarchy, group_field
from ._rollup_results import GroupRollUp, NotRated, RolledChild, RollUp
from ._rollup_rules import (
    RATED_ORDER,
    CustomRule,
    RollUpRule,
    ShareOnTarget,
    StatusCounts,
    WeightedScore,
    WorstOf,
    rank,
)
from ._text import show_share, show_value

__all__ = ["roll_up"]

Kind = Literal["measure", "group"]


def roll_up(
    report: Report,
    by: str | Hierarchy,
    rule: RollUpRule | None = None,
    *,
    not_rated: NotRated = "leave_out",
    scorecard: Scorecard | None = None,
) -> RollUp:
    """Roll a report's assessments up into groups, by ``rule`` (the worst of, by default).

    ``by`` is a measure field (``department``, ``corporate_outcome`` or ``outcome``,
    ``portfolio`` or ``section``, ``responsible_officer`` or ``owner``, ``data_owner``,
    ``frequency``), read from ``scorecard`` (the report's own source if None), or a
    :class:`Hierarchy`. Measures with an empty field form a group named ``""``.

    >>> from kpi_scorecard import Measure, Observation, Scorecard, TargetSetting, evaluate
    >>> card = Scorecard(
    ...     measures=[Measure(reference=r, department=d, polarity="higher_is_better")
    ...               for r, d in (("A", "Housing"), ("B", "Housing"), ("C", "Parks"))],
    ...     targets=[TargetSetting(measure_ref=r, period="2019/20", target="10") for r in "ABC"],
    ...     observations=[Observation(measure_ref=r, period="Q1 2019/20", value=v)
    ...                   for r, v in (("A", 12), ("B", 3), ("C", 10))],
    ... )
    >>> rolled = roll_up(evaluate(card, "Q1 2019/20"), "department")
    >>> rolled.statuses()
    {'Housing': <Rag.RED: 'red'>, 'Parks': <Rag.GREEN: 'green'>}
    >>> rolled["Housing"].explanation
    '1 of 2 measures green, 1 red: red by the worst-of rule'
    """
    chosen: RollUpRule = WorstOf() if rule is None else rule
    if not_rated not in ("leave_out", "count_as_red"):
        msg = f"not_rated is 'leave_out' or 'count_as_red', not {not_rated!r}"
        raise ScorecardError(msg, code="unknown_not_rated")
    statuses = {assessment.measure_ref: assessment.status for assessment in report}
    with exact_arithmetic():
        roller = _Roller(chosen, not_rated, report)
        if isinstance(by, Hierarchy):
            groups = roller.hierarchy(by, statuses)
            name = "hierarchy"
        else:
            groups = roller.by_field(by, statuses, scorecard or report.source)
            name = by
    return RollUp(
        title=report.title,
        calendar=report.calendar,
        period=report.period,
        by=name,
        rule=chosen.name,
        not_rated=not_rated,
        groups=tuple(groups),
    )


class _Roller:
    """Rolls groups up by one rule, for one report's period."""

    def __init__(self, rule: RollUpRule, not_rated: NotRated, report: Report) -> None:
        self.rule, self.not_rated, self.period = rule, not_rated, report.period
        if isinstance(rule, WeightedScore):
            self.weight = rule.weights_in_force(report.period)

    def by_field(
        self, by: str, statuses: Mapping[str, Rag], card: Scorecard | None
    ) -> list[GroupRollUp]:
        field = group_field(by)
        if field is None:
            names = ", ".join(sorted(GROUP_FIELDS))
            msg = f"a roll-up groups by one of {names}, or a Hierarchy; not {by!r}"
            raise ScorecardError(msg, code="unknown_group_field")
        if card is None:
            msg = "the report has no scorecard to read the measures' fields from: pass one"
            raise ScorecardError(msg, code="no_source")
        members: dict[str, list[RolledChild]] = {}
        for reference, status in statuses.items():
            key = str(getattr(card.measure(reference), field))
            members.setdefault(key, []).append(self.child(reference, "measure", status, None))
        return [self.group(name, children) for name, children in members.items()]

    def hierarchy(self, tree: Hierarchy, statuses: Mapping[str, Rag]) -> list[GroupRollUp]:
        declared = {group.name: group for group in tree.groups}
        for name in declared:
            if name in statuses:
                msg = f"group {name!r} has the name of a measure of the report"
                raise ScorecardError(msg, code="group_is_measure")
        done: dict[str, GroupRollUp] = {}
        for root in declared:
            # Depth first, children before their group, with a stack of our own.
            stack = [(root, False)]
            while stack:
                name, expanded = stack.pop()
                if name in done:
                    continue
                group = declared[name]
                if not expanded:
                    stack.append((name, True))
                    stack.extend(
                        (child, False)
                        for child in reversed(group.children)
                        if child in declared and child not in done
                    )
                    continue
                children = []
                for child in group.children:
                    if child in declared:
                        sub = done[child]
                        children.append(self.child(child, "group", sub.status, sub.score))
                    elif child in statuses:
                        children.append(self.child(child, "measure", statuses[child], None))
                    else:
                        msg = f"group {name!r} names {child!r}, neither a group nor a measure"
                        raise ScorecardError(msg, code="unknown_child")
                done[name] = self.group(name, children)
        return [done[name] for name in declared]

    def child(self, name: str, kind: Kind, status: Rag, group_score: Decimal | None) -> RolledChild:
        """A child as the rule sees it: its weight and score under the weighted score."""
        rule = self.rule
        if not isinstance(rule, WeightedScore):
            return _child(name=name, kind=kind, status=status, weight=None, score=None)
        counted = self.counted(status)
        if counted is None:
            score = None
        elif kind == "group" and status is not Rag.NOT_RATED:
            score = group_score
        else:
            score = rule.points(counted)
        return _child(name=name, kind=kind, status=status, weight=self.weight(name), score=score)

    def counted(self, status: Rag) -> Rag | None:
        """The status a child counts as, or None when it is left out."""
        if status is not Rag.NOT_RATED:
            return status
        return Rag.RED if self.not_rated == "count_as_red" else None

    def group(self, name: str, children: Sequence[RolledChild]) -> GroupRollUp:
        counts = dict.fromkeys(Rag, 0)
        for child in children:
            counts[child.status] += 1
        counted = [found for child in children if (found := self.counted(child.status))]
        green = sum(1 for status in counted if status is Rag.GREEN)
        share = Decimal(green) / len(counted) if counted else None
        status, score, reason = self.status(children, counted)
        explanation = _explain(children, counts, self.not_rated) + self.detail(share, score)
        return construct_trusted(
            GroupRollUp,
            {
                "name": name,
                "status": status,
                "green": counts[Rag.GREEN],
                "yellow": counts[Rag.YELLOW],
                "amber": counts[Rag.AMBER],
                "red": counts[Rag.RED],
                "not_rated": counts[Rag.NOT_RATED],
                "share": share,
                "score": score,
                "children": tuple(children),
                "explanation": f"{explanation}: {reason}",
            },
        )

    def status(
        self, children: Sequence[RolledChild], counted: Sequence[Rag]
    ) -> tuple[Rag, Decimal | None, str]:
        """The group's status, its score, and the end of its explanation."""
        rule = self.rule
        if isinstance(rule, CustomRule):
            found = rule.apply(children)
            try:
                status = Rag(found)
            except ValueError:
                msg = f"roll-up rule {rule.name!r} returned {found!r}, not a status"
                raise ScorecardError(msg, code="bad_rollup_rule") from None
            return status, None, f"{_word(status)} by the {rule.name} rule"
        if not children:
            return Rag.NOT_RATED, None, "not rated"
        if not counted:
            return Rag.NOT_RATED, None, "not rated, as no child is rated"
        if isinstance(rule, WeightedScore):
            return _weighted(rule, children)
        if isinstance(rule, WorstOf):
            status = min(counted, key=rank)
            return status, None, f"{_word(status)} by the worst-of rule"
        if isinstance(rule, StatusCounts):
            return _most_common(counted)
        green = sum(1 for status in counted if status is Rag.GREEN)
        status = rule.status(green, len(counted))
        limits = (
            f"green from {show_share(rule.green_from)}, amber from {show_share(rule.amber_from)}"
        )
        return status, None, f"{_word(status)} by the share-on-target rule ({limits})"

    def detail(self, share: Decimal | None, score: Decimal | None) -> str:
        """The rule's own figure, after the counts."""
        rule = self.rule
        if isinstance(rule, ShareOnTarget) and share is not None:
            return f"; {show_share(share)} on target"
        if isinstance(rule, WeightedScore) and score is not None:
            return f"; weighted score {_show(score)} of {_show(rule.green_points)}"
        return ""


def _child(**values: object) -> RolledChild:
    """A child from values the roll-up has checked: built without validating them again."""
    return construct_trusted(RolledChild, values)


def _weighted(
    rule: WeightedScore, children: Sequence[RolledChild]
) -> tuple[Rag, Decimal | None, str]:
    weight = total = Decimal(0)
    for child in children:
        if child.score is not None and child.weight is not None:
            weight += child.weight
            total += child.weight * child.score
    if weight == 0:
        return Rag.NOT_RATED, None, "not rated, as the weights in force add up to 0"
    status = rule.status(total, weight)
    limits = f"green from {_show(rule.green_from)}, amber from {_show(rule.amber_from)}"
    return status, total / weight, f"{_word(status)} by the weighted-score rule ({limits})"


def _most_common(counted: Sequence[Rag]) -> tuple[Rag, None, str]:
    counts = {status: counted.count(status) for status in RATED_ORDER}
    most = max(counts.values())
    tied = [status for status in RATED_ORDER if counts[status] == most]
    status = tied[0]  # worst first: a tie goes to the worse status
    reason = f"{_word(status)} by the most-common rule"
    if len(tied) > 1:
        names = " and ".join(_word(each) for each in reversed(tied))
        reason += f" ({names} tie: the worse wins)"
    return status, None, reason


def _word(status: Rag) -> str:
    return status.value.replace("_", " ")


def _show(number: Decimal) -> str:
    """A score or points for reading: at most two decimals."""
    return show_value(number, COUNT)


_NOUNS = {
    frozenset({"measure"}): ("measure", "measures"),
    frozenset({"group"}): ("group", "groups"),
}


def _explain(children: Sequence[RolledChild], counts: Mapping[Rag, int], not_rated: str) -> str:
    """The counts: ``3 of 5 measures green, 1 amber, 1 red``."""
    if not children:
        return "no children"
    one, many = _NOUNS.get(frozenset(child.kind for child in children), ("child", "children"))
    total = len(children)
    parts = [f"{counts[Rag.GREEN]} of {total} {one if total == 1 else many} green"]
    parts.extend(
        f"{counts[status]} {_word(status)}"
        for status in (Rag.YELLOW, Rag.AMBER, Rag.RED, Rag.NOT_RATED)
        if counts[status]
    )
    text = ", ".join(parts)
    if counts[Rag.NOT_RATED]:
        text += " (counted as red)" if not_rated == "count_as_red" else " (left out)"
    return text
