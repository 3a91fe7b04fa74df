"""Rating one figure against one goal: the RAG rules, with the sentence that explains them.

Every target kind reduces to a :class:`Goal`: stay at most at a ceiling, reach at least a
floor, or stay within a range. The rules:

- A value exactly on a threshold meets it, unless the target is strict (``<``, ``>``).
- A range includes both edges; outside it, the distance to the nearest edge is the miss.
- A band (``97%-99%``) is rated by its least favourable end: the one with the worse
  colour, or on a tie the bigger miss.
- A miss no larger than the tolerance's allowance is amber (yellow first, in the
  four-colour scheme); a larger one is red. The allowance of a relative tolerance is a
  share of the threshold or nearest edge, so on a zero target it allows nothing and every
  miss is red.
- Given :class:`StatusRules`, the first rule that applies gives the status instead, and
  the sentence names it.
- A yes/no figure (unit ``yes_no``) against ``Yes`` or ``No`` is met or not: green or red,
  whatever the tolerance or rules, for there is no near miss of an answer ("Yes, as
  targeted: green").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from kpi_scorecard._figures import show_amount, show_share, show_value
from kpi_scorecard._units import YES_NO
from kpi_scorecard._value import Band

from ._policy import StatusRules, Tolerance
from ._results import Rag

__all__ = ["Goal", "GoalKind", "explain_judgement", "judge", "judge_answer", "judge_plainly"]


class GoalKind(Enum):
    """The shape of a goal."""

    AT_MOST = "at_most"
    AT_LEAST = "at_least"
    WITHIN = "within"


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which
# makes it about three times slower to build, and the engine builds several per rating.
@dataclass(slots=True)
class Goal:
    """A ceiling, a floor or a range, with how to name it in a sentence.

    ``name`` is the name, or what writes it when the sentence is written.
    """

    kind: GoalKind
    low: Decimal
    high: Decimal
    strict: bool = False
    name: str | Callable[[], str] = "target"

    @property
    def title(self) -> str:
        """The goal's name, written now."""
        return self.name if isinstance(self.name, str) else self.name()

    def scaled(self, share: Decimal) -> Goal:
        """The goal with its edges times ``share`` (the part of an annual target due), unnamed.

        >>> scaled = Goal(GoalKind.WITHIN, Decimal(40), Decimal(60)).scaled(Decimal("0.25"))
        >>> scaled.kind.value, scaled.low, scaled.high
        ('within', Decimal('10.00'), Decimal('15.00'))
        """
        return Goal(self.kind, self.low * share, self.high * share, strict=self.strict)


# Not frozen, to be cheap to build: see Goal.

_BADNESS = {Rag.GREEN: 0, Rag.YELLOW: 1, Rag.AMBER: 2, Rag.RED: 3}
_RAG = {rag.value: rag for rag in Rag}


def _colour(
    margin: Decimal,
    reference: Decimal,
    met: bool,
    tolerance: Tolerance,
    yellow: Tolerance | None,
    rules: StatusRules | None = None,
    direction: str = "not_comparable",
) -> Rag:
    """The colour of a margin against one edge: green, yellow, amber or red."""
    if rules is not None:
        return _RAG[rules.rules[rules.first(-margin, reference, met, direction)].status]
    if met:
        return Rag.GREEN
    if yellow is not None:
        allowance = yellow.allowance(reference)
        if allowance > 0 and -margin <= allowance:
            return Rag.YELLOW
    allowance = tolerance.allowance(reference)
    if allowance > 0 and -margin <= allowance:
        return Rag.AMBER
    return Rag.RED


def _goal_text(goal: Goal, unit: str) -> str:
    if goal.kind is GoalKind.WITHIN:
        low, high = show_value(goal.low, unit), show_value(goal.high, unit)
        return f"the {low} to {high} range {goal.title}"
    figure = goal.high if goal.kind is GoalKind.AT_MOST else goal.low
    if goal.strict:
        shape = "ceiling" if goal.kind is GoalKind.AT_MOST else "floor"
        edge = f"the {show_value(figure, unit)} {shape}"
        # A plain target's edge needs no name; a share due or an annual target does.
        return edge if goal.name == "target" else f"{edge} of the {goal.title}"
    shape = "maximum" if goal.kind is GoalKind.AT_MOST else "minimum"
    return f"the {show_value(figure, unit)} {shape} {goal.title}"


def _side(goal: Goal, reference: Decimal, margin: Decimal) -> str:
    """Which side of the goal's edge the value lies on: below or above.

    Only asked of a ceiling or floor met with room to spare, or of any goal missed.
    """
    if goal.kind is GoalKind.WITHIN:  # missed: outside the edge it is judged against
        return "below" if reference == goal.low else "above"
    at_most = goal.kind is GoalKind.AT_MOST
    if margin > 0:
        return "below" if at_most else "above"
    return "above" if at_most else "below"


def judge(
    value: Decimal | Band,
    goal: Goal,
    tolerance: Tolerance,
    yellow: Tolerance | None,
    rules: StatusRules | None,
    direction: str,
) -> tuple[Rag, Decimal, Decimal, bool]:
    """Rate ``value`` against ``goal``: the status, the margin, the edge judged and whether met.

    What :func:`rate` does without writing anything: the evaluation engine calls it once per
    assessment, and writes the sentence only when it is read.

    >>> goal = Goal(GoalKind.AT_LEAST, Decimal(85), Decimal(85))
    >>> judge(Decimal(84), goal, Tolerance.relative(Decimal("0.05")), None, None, "no_change")
    (<Rag.AMBER: 'amber'>, Decimal('-1'), Decimal('85'), False)
    """
    kind = goal.kind
    if kind is GoalKind.AT_MOST:  # one edge: a band's high end must stay under it
        reference = goal.high
        margin = reference - (value.high if isinstance(value, Band) else value)
    elif kind is GoalKind.AT_LEAST:  # one edge: a band's low end must reach it
        reference = goal.low
        margin = (value.low if isinstance(value, Band) else value) - reference
    else:
        # The least favourable edge (for a band past both ends of a range, the end that
        # fares worse): the worse colour first, then the bigger miss; the low edge on a tie.
        low, high = (value.low, value.high) if isinstance(value, Band) else (value, value)
        below, above = low - goal.low, goal.high - high
        low_status = _colour(below, goal.low, below >= 0, tolerance, yellow, rules, direction)
        high_status = _colour(above, goal.high, above >= 0, tolerance, yellow, rules, direction)
        if (_BADNESS[high_status], -above) > (_BADNESS[low_status], -below):
            return high_status, above, goal.high, above >= 0
        return low_status, below, goal.low, below >= 0
    met = margin > 0 or (margin == 0 and not goal.strict)
    return (
        _colour(margin, reference, met, tolerance, yellow, rules, direction),
        margin,
        reference,
        met,
    )


def judge_plainly(
    value: Decimal,
    goal: Goal,
    tolerance: Tolerance,
    yellow: Tolerance | None,
    rules: StatusRules | None,
    direction: str,
    share: Decimal | None = None,
) -> tuple[Rag, Decimal, Decimal]:
    """What :func:`judge` finds for a plain figure: the status, the margin and the edge judged.

    The same rules in one call for the commonest case, a ceiling or a floor with no status
    rules and no yellow tolerance; anything else is judged by :func:`judge`. The engine's
    quick path calls it once or twice per assessment. Given ``share`` (the part of an
    annual target due by the period), the figure is judged against the goal's edges times
    ``share``, without building the scaled goal.

    >>> goal = Goal(GoalKind.AT_MOST, Decimal(18), Decimal(18), strict=True)
    >>> judge_plainly(Decimal(18), goal, Tolerance.relative(Decimal("0.05")), None, None, "")
    (<Rag.AMBER: 'amber'>, Decimal('0'), Decimal('18'))
    >>> judge_plainly(Decimal(9), goal, Tolerance.relative(Decimal("0.05")), None, None, "",
    ...               share=Decimal("0.5"))
    (<Rag.AMBER: 'amber'>, Decimal('0.0'), Decimal('9.0'))
    """
    kind = goal.kind
    if rules is not None or yellow is not None or kind is GoalKind.WITHIN:
        if share is not None:
            goal = goal.scaled(share)
        status, margin, edge, _ = judge(value, goal, tolerance, yellow, rules, direction)
        return status, margin, edge
    if kind is GoalKind.AT_MOST:
        edge = goal.high if share is None else goal.high * share
        margin = edge - value
    else:
        edge = goal.low if share is None else goal.low * share
        margin = value - edge
    if margin > 0 or (margin == 0 and not goal.strict):
        return Rag.GREEN, margin, edge
    # As Tolerance.allowance, without the call.
    allowance = tolerance.amount * abs(edge) if tolerance.kind == "relative" else tolerance.amount
    if allowance > 0 and -margin <= allowance:
        return Rag.AMBER, margin, edge
    return Rag.RED, margin, edge


def explain_judgement(  # noqa: PLR0913, PLR0917 - what the sentence names, as judge found it
    text: str,
    goal: Goal,
    unit: str,
    judged: tuple[Rag, Decimal, Decimal, bool],
    tolerance: Tolerance,
    yellow: Tolerance | None,
    rules: StatusRules | None,
    direction: str,
) -> str:
    """The sentence for what :func:`judge` found; ``text`` names the value rated."""
    status, margin, reference, met = judged
    relative = margin / abs(reference) if reference != 0 else None
    found = (margin, reference, met, status, relative)
    if rules is not None:
        rule = rules.rules[rules.first(-margin, reference, met, direction)]
        return _sentence(text, goal, unit, found, tolerance, yellow, str(rule))
    return _sentence(text, goal, unit, found, tolerance, yellow)


def _answer(goal: Goal) -> str | None:
    """The answer a yes/no goal asks for, ``Yes`` (at least 1) or ``No`` (at most 0), or None."""
    if goal.strict:
        return None
    if goal.kind is GoalKind.AT_LEAST and goal.low == 1:
        return "Yes"
    if goal.kind is GoalKind.AT_MOST and goal.high == 0:
        return "No"
    return None


def judge_answer(
    value: Decimal | Band, goal: Goal, unit: str
) -> tuple[tuple[Rag, Decimal, Decimal, bool], str] | None:
    """What :func:`judge` finds for a yes/no figure against a yes/no goal, and its sentence.

    A yes/no answer is green when it is the answer targeted and red otherwise, whatever the
    tolerance or the rules. None when the figure or the goal is not a yes/no one: then
    :func:`judge` rates it.

    >>> award = Goal(GoalKind.AT_LEAST, Decimal(1), Decimal(1))
    >>> judge_answer(Decimal(1), award, YES_NO)
    ((<Rag.GREEN: 'green'>, Decimal('0'), Decimal('1'), True), 'Yes, as targeted: green')
    >>> judge_answer(Decimal(0), award, YES_NO)[1]
    'No, where Yes was targeted: red'
    >>> judge_answer(Decimal(1), award, "count") is None
    True
    """
    answer = _answer(goal) if unit == YES_NO and isinstance(value, Decimal) else None
    if answer is None:
        return None
    assert isinstance(value, Decimal)  # noqa: S101 - checked with the answer
    given = "Yes" if value else "No"
    wanted = Decimal(1) if answer == "Yes" else Decimal(0)
    margin = value - wanted if answer == "Yes" else wanted - value
    if given == answer:
        return (Rag.GREEN, margin, wanted, True), f"{given}, as targeted: green"
    return (Rag.RED, margin, wanted, False), f"{given}, where {answer} was targeted: red"


def _sentence(
    text: str,
    goal: Goal,
    unit: str,
    found: tuple[Decimal, Decimal, bool, Rag, Decimal | None],
    tolerance: Tolerance,
    yellow: Tolerance | None,
    rule: str | None = None,
) -> str:
    """The sentence for a rating: the value, the goal, the margin and the colour.

    With the ``rule`` that gave the status, the sentence names it instead of a tolerance.
    """
    margin, reference, met, status, relative = found
    goal_text = _goal_text(goal, unit)
    if met:
        if goal.kind is GoalKind.WITHIN:
            edge = "lower" if reference == goal.low else "upper"
            if margin == 0:
                sentence = f"{text} is within {goal_text}, exactly on its {edge} edge"
            else:
                side = "above" if edge == "lower" else "below"
                sentence = (
                    f"{text} is within {goal_text}, {show_amount(margin, unit)} {side} "
                    f"its {edge} edge"
                )
        elif margin == 0:
            sentence = f"{text} is exactly on {goal_text}"
        else:
            sentence = (
                f"{text} is {_side(goal, reference, margin)} {goal_text} "
                f"by {show_amount(margin, unit)}"
            )
        if rule is not None:
            return f"{sentence}, so the rule '{rule}' applies: {status.value}"
        return f"{sentence}: green"

    miss = -margin
    if miss == 0:
        must = "below" if goal.kind is GoalKind.AT_MOST else "above"
        sentence = f"{text} is on {goal_text} but must be {must} it"
    else:
        sentence = (
            f"{text} is {_side(goal, reference, margin)} {goal_text} by {show_amount(miss, unit)}"
        )
        if relative is not None:
            sentence += f" ({show_share(-relative)})"
    if rule is not None:
        sentence += f", so the rule '{rule}' applies"
    elif status is Rag.RED:
        if tolerance.allowance(reference) > 0:
            sentence += f", beyond the {tolerance} tolerance"
        else:
            sentence += ", with no tolerance"
    elif status is Rag.YELLOW and yellow is not None:
        sentence += f", within the {yellow} yellow tolerance"
    else:
        sentence += f", within the {tolerance} tolerance"
    return f"{sentence}: {status.value}"
