"""Roll-ups: hand-worked tables for every rule, dated weights, hierarchies and edge cases."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from kpi_scorecard import (
    CustomRule,
    GroupRollUp,
    Hierarchy,
    Measure,
    Observation,
    Rag,
    Report,
    RollUp,
    Scorecard,
    ScorecardError,
    ShareOnTarget,
    StatusCounts,
    TargetSetting,
    WeightedScore,
    WeightSetting,
    WorstOf,
    evaluate,
    roll_up,
)
from rollups import LETTERS, Q1, letters, report_of


def _one(text, rule, **options):
    """The single group of a roll-up by department of measures with statuses ``text``."""
    return roll_up(letters(text), "department", rule, **options)["D"]


# statuses of the children (G, Y, A, R, - for not rated), the group's status
# fmt: off
WORST_OF = [
    ("GGGAR", "R"),  # one red makes the group red
    ("GGGGA", "A"),  # amber is the worst
    ("GGYG", "Y"),  # yellow below green
    ("GGGG", "G"),  # all green
    ("G-", "G"),  # not rated is left out
    ("R-G", "R"),  # order does not matter
    ("--", "-"),  # none rated: not rated
]
STATUS_COUNTS = [
    ("GGGAR", "G"),  # three greens win
    ("GGAA", "A"),  # a tie goes to the worse
    ("GARR", "R"),  # two reds win
    ("GAR", "R"),  # a three-way tie goes to the worst
    ("GGYYY-", "Y"),  # not rated is left out of the count
    ("AAGGGR", "G"),  # most common
    ("-", "-"),  # none rated
]
# default thresholds: green from 75%, amber from 50%
SHARE_ON_TARGET = [
    ("GGGR", "G", Decimal("0.75")),  # exactly 75%: green
    ("GGAAA", "R", Decimal("0.4")),  # 40%: red
    ("GGAR", "A", Decimal("0.5")),  # exactly 50%: amber
    ("GGGGA", "G", Decimal("0.8")),  # 80%
    ("GYYY", "R", Decimal("0.25")),  # yellow is not on target
    ("GG--", "G", Decimal("1")),  # not rated left out of the share
    ("GAAA", "R", Decimal("0.25")),  # 25%
]
# default points G 10, Y 7.5, A 5, R 0; green from 8, amber from 5; weights all 1
WEIGHTED_SCORE = [
    ("GGGGA", "G", Decimal(9)),  # (40 + 5) / 5
    ("GGGAR", "A", Decimal(7)),  # (30 + 5 + 0) / 5
    ("GYA", "A", Decimal("7.5")),  # (10 + 7.5 + 5) / 3
    ("GGGR", "A", Decimal("7.5")),  # 30 / 4
    ("GGGGR", "G", Decimal(8)),  # exactly 8: green
    ("AR", "R", Decimal("2.5")),  # below 5
    ("AA-", "A", Decimal(5)),  # exactly 5, not rated left out
]
# fmt: on


@pytest.mark.parametrize(("children", "expected"), WORST_OF)
def test_worst_of(children, expected):
    """The worst-of rule gives the worst rated child's status."""
    assert _one(children, WorstOf()).status is LETTERS[expected]


@pytest.mark.parametrize(("children", "expected"), STATUS_COUNTS)
def test_most_common(children, expected):
    """The most-common rule gives the status most children have, a tie going to the worse."""
    assert _one(children, StatusCounts()).status is LETTERS[expected]


@pytest.mark.parametrize(("children", "expected", "share"), SHARE_ON_TARGET)
def test_share_on_target(children, expected, share):
    """The share-on-target rule rates the share of green children against its thresholds."""
    group = _one(children, ShareOnTarget())
    assert (group.status, group.share) == (LETTERS[expected], share)


@pytest.mark.parametrize(("children", "expected", "score"), WEIGHTED_SCORE)
def test_weighted_score(children, expected, score):
    """The weighted score is the weighted mean of the points, rated against its thresholds."""
    group = _one(children, WeightedScore())
    assert (group.status, group.score) == (LETTERS[expected], score)


def test_share_thresholds_are_the_callers():
    """Thresholds given to the share rule replace the defaults, and are shown in the reason."""
    group = _one("GGGR", ShareOnTarget(green_from="0.8", amber_from="0.7"))
    assert group.status is Rag.AMBER
    assert group.explanation == (
        "3 of 4 measures green, 1 red; 75% on target: amber by the share-on-target rule "
        "(green from 80%, amber from 70%)"
    )


# children, rule, explanation
# fmt: off
EXPLANATIONS = [
    ("GGGAR", WorstOf(),
     "3 of 5 measures green, 1 amber, 1 red: red by the worst-of rule"),
    ("GGAA", StatusCounts(),
     "2 of 4 measures green, 2 amber: amber by the most-common rule "
     "(green and amber tie: the worse wins)"),
    ("GGA", StatusCounts(), "2 of 3 measures green, 1 amber: green by the most-common rule"),
    ("GGGAR", WeightedScore(),
     "3 of 5 measures green, 1 amber, 1 red; weighted score 7 of 10: amber by the "
     "weighted-score rule (green from 8, amber from 5)"),
    ("G-", WorstOf(),
     "1 of 2 measures green, 1 not rated (left out): green by the worst-of rule"),
    ("--", WorstOf(),
     "0 of 2 measures green, 2 not rated (left out): not rated, as no child is rated"),
    ("G", WorstOf(), "1 of 1 measure green: green by the worst-of rule"),
]
# fmt: on


@pytest.mark.parametrize(("children", "rule", "explanation"), EXPLANATIONS)
def test_explanations(children, rule, explanation):
    """Each group says how many children have each status, and the rule that gave its own."""
    assert _one(children, rule).explanation == explanation


def test_counts_are_of_every_child():
    """The counts list each status, not-rated children included."""
    group = _one("GGYAR--", WorstOf())
    assert group.counts() == {
        Rag.GREEN: 2,
        Rag.YELLOW: 1,
        Rag.AMBER: 1,
        Rag.RED: 1,
        Rag.NOT_RATED: 2,
    }
    assert [child.name for child in group.children] == [f"M{n}" for n in range(1, 8)]


# children, rule, status with not rated left out, status with not rated counted as red
# fmt: off
NOT_RATED = [
    ("GG-", WorstOf(), "G", "R"),  # the worst becomes red
    ("GGG-", ShareOnTarget(), "G", "G"),  # 100% against 75%
    ("GG--", ShareOnTarget(), "G", "A"),  # 100% against 50%
    ("GG-", WeightedScore(), "G", "A"),  # 10 against 20 / 3
    ("G--", StatusCounts(), "G", "R"),  # two reds outnumber one green
    ("--", WorstOf(), "-", "R"),  # nothing rated: red, once counted
]
# fmt: on


@pytest.mark.parametrize(("children", "rule", "left_out", "as_red"), NOT_RATED)
def test_not_rated_children(children, rule, left_out, as_red):
    """Not-rated children are left out by default, or count as red when asked."""
    assert _one(children, rule).status is LETTERS[left_out]
    counted = _one(children, rule, not_rated="count_as_red")
    assert counted.status is LETTERS[as_red]
    assert "(counted as red)" in counted.explanation


def test_not_rated_counted_as_red_scores_a_reds_points():
    """Under the weighted score a not-rated child counted as red scores the red points."""
    group = _one("G-", WeightedScore(red_points=1), not_rated="count_as_red")
    assert [child.score for child in group.children] == [Decimal(10), Decimal(1)]
    assert group.score == Decimal("5.5")


def test_unknown_not_rated_treatment_is_refused():
    """Only the two documented treatments of not-rated children are taken."""
    with pytest.raises(ScorecardError) as caught:
        roll_up(letters("G"), "department", not_rated="skip")  # type: ignore[arg-type]
    assert caught.value.code == "unknown_not_rated"


# --- weights -----------------------------------------------------------------------------

# The half years of 2019/20 as date ranges: a weight that changes in the middle of the year.
FIRST_HALF = "01/04/2019 - 30/09/2019"
SECOND_HALF = "01/10/2019 - 31/03/2020"
MID_YEAR = WeightedScore(
    weights=[
        WeightSetting(child="M1", period="2019/20", weight=1),
        WeightSetting(child="M2", period=FIRST_HALF, weight=3),
        WeightSetting(child="M2", period=SECOND_HALF, weight=1),
        WeightSetting(child="M1", period="Q4 2019/20", weight=0),
    ]
)

# period, weights of M1 and M2 in force, score, status (M1 green, M2 red)
# fmt: off
DATED_WEIGHTS = [
    ("Q1 2019/20", (1, 3), Decimal("2.5"), "R"),  # 10 / 4
    ("Q2 2019/20", (1, 3), Decimal("2.5"), "R"),  # still the first half
    ("Q3 2019/20", (1, 1), Decimal(5), "A"),  # the second half: 10 / 2
    ("Q4 2019/20", (0, 1), Decimal(0), "R"),  # a quarter's own weight wins over the year's
    ("Q1 2020/21", (1, 1), Decimal(5), "A"),  # no weight in force: the default
    ("May 2019", (1, 3), Decimal("2.5"), "R"),  # a month inside the first half
]
# fmt: on


@pytest.mark.parametrize(("period", "weights", "score", "status"), DATED_WEIGHTS)
def test_weights_in_force_for_the_period(period, weights, score, status):
    """Each child is weighted by the most specific setting whose period holds the roll-up's."""
    report = report_of({"M1": "G", "M2": "R"}, period=period)
    group = roll_up(report, "department", MID_YEAR)["D"]
    assert tuple(child.weight for child in group.children) == tuple(map(Decimal, weights))
    assert (group.score, group.status) == (score, LETTERS[status])


def test_a_weight_can_change_the_status_in_the_middle_of_the_year():
    """The same statuses roll up red in the first half and amber in the second."""
    q2 = roll_up(report_of({"M1": "G", "M2": "R"}, period="Q2 2019/20"), "department", MID_YEAR)
    q3 = roll_up(report_of({"M1": "G", "M2": "R"}, period="Q3 2019/20"), "department", MID_YEAR)
    assert (q2["D"].status, q3["D"].status) == (Rag.RED, Rag.AMBER)


def test_weights_that_add_up_to_nothing_leave_the_group_not_rated():
    """With every weight in force zero, there is no score, and the group says why."""
    rule = WeightedScore(default_weight=0)
    group = _one("GR", rule)
    assert (group.status, group.score) == (Rag.NOT_RATED, None)
    assert group.explanation.endswith("not rated, as the weights in force add up to 0")


def test_weights_dated_like_targets_are_read_from_plain_data():
    """A weighted score is built from plain data, as JSON or a settings file would give it."""
    rule = WeightedScore.model_validate(
        {"weights": [{"child": "M1", "period": "2019/20", "weight": "2"}], "green_from": "9"}
    )
    assert rule.weight_for("M1", report_of({"M1": "G"}).period) == Decimal(2)
    assert rule.green_from == Decimal(9)


@pytest.mark.parametrize(
    "fields",
    [
        {"red_points": 6},  # red above amber
        {"yellow_points": 4},  # yellow below amber
        {"amber_from": 9},  # amber above green
    ],
)
def test_points_and_thresholds_must_be_in_order(fields):
    """Points that do not rise with the status, or thresholds out of order, are refused."""
    with pytest.raises(ValidationError) as caught:
        WeightedScore(**fields)
    assert caught.value.errors()[0]["type"] == "rollup_out_of_order"


def test_two_weights_for_one_child_and_period_are_refused():
    """One weight per child and period, as one target per measure and period."""
    with pytest.raises(ValidationError) as caught:
        WeightedScore(weights=[{"child": "A", "period": "2019/20", "weight": w} for w in (1, 2)])
    assert caught.value.errors()[0]["type"] == "duplicate_weight"


# --- grouping by a field -----------------------------------------------------------------


def test_grouping_by_a_field_keeps_the_order_of_the_report():
    """Groups come in the order of their first measure; each holds its measures in order."""
    report = report_of(
        {"A1": "G", "B1": "R", "A2": "A", "C1": "G"},
        departments={"A1": "Adults", "A2": "Adults", "B1": "Bins", "C1": ""},
    )
    rolled = roll_up(report, "department")
    assert [group.name for group in rolled] == ["Adults", "Bins", ""]
    assert [child.name for child in rolled["Adults"].children] == ["A1", "A2"]
    assert rolled.statuses() == {"Adults": Rag.AMBER, "Bins": Rag.RED, "": Rag.GREEN}
    assert (rolled.by, rolled.rule, len(rolled), "Bins" in rolled) == (
        "department",
        "worst-of",
        3,
        True,
    )


@pytest.mark.parametrize(
    ("by", "field"),
    [
        ("outcome", "corporate_outcome"),  # the table layouts' word
        ("corporate_outcome", "corporate_outcome"),  # the field itself
        ("section", "portfolio"),  # a section of the table is the portfolio
        ("group", "portfolio"),  # so is a group
        ("portfolio", "portfolio"),
        ("owner", "responsible_officer"),
        ("data_owner", "data_owner"),
        ("frequency", "frequency"),
    ],
)
def test_grouping_words(by, field):
    """Every field a table layout fills can group measures, under its layout's word too."""
    card = Scorecard(
        measures=[
            Measure(reference="A", **{field: "One"}),
            Measure(reference="B", **{field: "Two"}),
        ]
    )
    report = Report(period=Q1, assessments=report_of({"A": "G", "B": "R"}).assessments, source=card)
    assert roll_up(report, by).statuses() == {"One": Rag.GREEN, "Two": Rag.RED}


def test_the_scorecard_argument_supplies_the_fields():
    """A report without its source scorecard is grouped with the scorecard given."""
    report = Report(period=Q1, assessments=letters("GR").assessments)
    card = Scorecard(
        measures=[Measure(reference="M1", portfolio="P"), Measure(reference="M2", portfolio="Q")]
    )
    assert roll_up(report, "portfolio", scorecard=card).statuses() == {
        "P": Rag.GREEN,
        "Q": Rag.RED,
    }
    with pytest.raises(ScorecardError) as caught:
        roll_up(report, "portfolio")
    assert caught.value.code == "no_source"


def test_an_unknown_field_is_refused_with_the_choices():
    """Grouping by a word that names no field says which words there are."""
    with pytest.raises(ScorecardError, match="department") as caught:
        roll_up(letters("G"), "colour")
    assert caught.value.code == "unknown_group_field"


def test_a_real_report_rolls_up():
    """Rating a scorecard and rolling it up by outcome gives the statuses worked by hand."""
    card = Scorecard(
        measures=[
            Measure(reference="S1", corporate_outcome="Safe", polarity="higher_is_better"),
            Measure(reference="S2", corporate_outcome="Safe", polarity="lower_is_better"),
            Measure(reference="H1", corporate_outcome="Healthy", polarity="higher_is_better"),
        ],
        targets=[
            TargetSetting(measure_ref="S1", period="2019/20", target="80"),
            TargetSetting(measure_ref="S2", period="2019/20", target="20"),
            TargetSetting(measure_ref="H1", period="2019/20", target="50"),
        ],
        observations=[
            Observation(measure_ref="S1", period=Q1, value=85),  # met: green
            Observation(measure_ref="S2", period=Q1, value=21),  # 5% over: amber
            Observation(measure_ref="H1", period=Q1, value=10),  # far below: red
        ],
    )
    rolled = roll_up(evaluate(card, Q1), "outcome")
    assert rolled.statuses() == {"Safe": Rag.AMBER, "Healthy": Rag.RED}
    assert rolled["Safe"].explanation == (
        "1 of 2 measures green, 1 amber: amber by the worst-of rule"
    )


# --- hierarchies -------------------------------------------------------------------------

TREE = Hierarchy.from_mapping(
    {
        "Council": ["People", "Place"],
        "People": ["Children", "Adults"],
        "Children": ["C1", "C2", "C3"],
        "Adults": ["A1"],
        "Place": ["P1", "P2"],
    }
)
STATUSES = {"C1": "G", "C2": "A", "C3": "G", "A1": "G", "P1": "R", "P2": "G"}

# rule, status of each group in declaration order
# fmt: off
HIERARCHY = [
    (WorstOf(), {"Council": "R", "People": "A", "Children": "A", "Adults": "G", "Place": "R"}),
    # Place: red and green tie, the worse wins; Council: green and red tie likewise.
    (StatusCounts(),
     {"Council": "R", "People": "G", "Children": "G", "Adults": "G", "Place": "R"}),
    # Children 2 of 3 and Place 1 of 2 reach 50%; Council has no green group.
    (ShareOnTarget(),
     {"Council": "R", "People": "A", "Children": "A", "Adults": "G", "Place": "A"}),
]
# fmt: on


@pytest.mark.parametrize(("rule", "expected"), HIERARCHY)
def test_hierarchy(rule, expected):
    """Each group rolls up its direct children, subgroups by their own rolled-up status."""
    rolled = roll_up(report_of(STATUSES), TREE, rule)
    assert rolled.by == "hierarchy"
    assert {name: status.value for name, status in rolled.statuses().items()} == {
        name: LETTERS[letter].value for name, letter in expected.items()
    }


def test_hierarchy_weighted_scores_use_the_subgroups_scores():
    """Under the weighted score a subgroup takes part by its score, weighted in its parent."""
    rule = WeightedScore(weights=[WeightSetting(child="Place", period="2019/20", weight=3)])
    rolled = roll_up(report_of(STATUSES), TREE, rule)
    # Children (10 + 5 + 10) / 3 = 25/3; Adults 10; People (25/3 + 10) / 2 = 55/6;
    # Place (0 + 10) / 2 = 5; Council (55/6 + 3 * 5) / 4 = 145/24, about 6.04.
    assert rolled["Children"].score == Decimal(25) / 3
    assert rolled["People"].score == (Decimal(25) / 3 + 10) / 2
    assert rolled["Place"].score == Decimal(5)
    council = rolled["Council"]
    assert [(c.name, c.kind, c.weight) for c in council.children] == [
        ("People", "group", Decimal(1)),
        ("Place", "group", Decimal(3)),
    ]
    expected = (rolled["People"].score + 3 * Decimal(5)) / 4
    assert council.score == expected
    assert council.status is Rag.AMBER
    assert rolled["People"].status is Rag.GREEN  # 55/6 is above 8
    assert council.explanation.startswith("1 of 2 groups green, 1 amber; weighted score 6.04 ")


def test_hierarchy_groups_come_in_declaration_order():
    """The result lists every declared group in order; the roots are those under no other."""
    rolled = roll_up(report_of(STATUSES), TREE)
    assert [group.name for group in rolled] == ["Council", "People", "Children", "Adults", "Place"]
    assert TREE.roots == ("Council",)


def test_children_of_both_kinds_are_named_children():
    """A group of measures and groups counts children."""
    tree = Hierarchy.from_mapping({"Top": ["Sub", "C1"], "Sub": ["C2"]})
    top = roll_up(report_of({"C1": "G", "C2": "R"}), tree)["Top"]
    assert top.explanation == "1 of 2 children green, 1 red: red by the worst-of rule"


def test_an_empty_group_is_not_rated():
    """A declared group with no children is not rated, and says so."""
    tree = Hierarchy.from_mapping({"Empty": [], "Top": ["Empty", "C1"]})
    rolled = roll_up(report_of({"C1": "A"}), tree)
    assert rolled["Empty"].status is Rag.NOT_RATED
    assert rolled["Empty"].explanation == "no children: not rated"
    # The empty group is a not-rated child of its parent: left out, or red when counted.
    assert rolled["Top"].status is Rag.AMBER
    assert roll_up(report_of({"C1": "A"}), tree, not_rated="count_as_red")["Top"].status is Rag.RED


def test_a_measure_under_two_groups_counts_in_both():
    """A measure may serve two outcomes; a group may sit under two parents."""
    tree = Hierarchy.from_mapping({"X": ["Shared", "C1"], "Y": ["Shared"], "Shared": ["C2"]})
    rolled = roll_up(report_of({"C1": "G", "C2": "A"}), tree)
    assert rolled.statuses() == {"X": Rag.AMBER, "Y": Rag.AMBER, "Shared": Rag.AMBER}


def test_a_child_that_is_neither_group_nor_measure_is_refused():
    """A hierarchy naming a measure the report does not hold is an error, not a gap."""
    tree = Hierarchy.from_mapping({"G": ["C1", "C9"]})
    with pytest.raises(ScorecardError, match="'C9'") as caught:
        roll_up(report_of({"C1": "G"}), tree)
    assert caught.value.code == "unknown_child"


def test_a_group_named_like_a_measure_is_refused():
    """A child name must say unambiguously whether it is a group or a measure."""
    with pytest.raises(ScorecardError) as caught:
        roll_up(report_of({"C1": "G", "C2": "R"}), Hierarchy.from_mapping({"C1": ["C2"]}))
    assert caught.value.code == "group_is_measure"


# groups as plain data, the code of the error
# fmt: off
BAD_HIERARCHIES = [
    ({"G": ["G"]}, "group_cycle"),  # a group under itself
    ({"A": ["B"], "B": ["C"], "C": ["A"]}, "group_cycle"),  # through two others
    ({"G": ["M1", "M2", "M1"]}, "duplicate_child"),  # a child counted twice
]
# fmt: on


@pytest.mark.parametrize(("groups", "code"), BAD_HIERARCHIES)
def test_bad_hierarchies_are_refused(groups, code):
    """No group may contain itself, directly or through others, nor list a child twice."""
    with pytest.raises(ValidationError) as caught:
        Hierarchy.from_mapping(groups)
    assert caught.value.errors()[0]["type"] == code


def test_the_cycle_is_named():
    """The error names the path that goes round."""
    with pytest.raises(ValidationError, match="B > C > B"):
        Hierarchy.from_mapping({"A": ["B"], "B": ["C"], "C": ["B"]})


def test_duplicate_group_names_are_refused():
    """Two groups of one name would make children ambiguous."""
    with pytest.raises(ValidationError) as caught:
        Hierarchy.model_validate({"groups": [{"name": "G"}, {"name": "G", "children": ["A"]}]})
    assert caught.value.errors()[0]["type"] == "duplicate_group"


def test_a_deep_hierarchy_does_not_exhaust_the_stack():
    """A chain of groups far deeper than Python's recursion limit is checked and rolled up."""
    depth = 5000
    groups = {f"G{n}": [f"G{n + 1}"] for n in range(depth)}
    groups[f"G{depth}"] = ["C1"]
    rolled = roll_up(report_of({"C1": "A"}), Hierarchy.from_mapping(groups))
    assert rolled["G0"].status is Rag.AMBER


def test_a_hierarchy_is_plain_data():
    """A hierarchy is built from a dict as JSON gives it, and is frozen."""
    tree = Hierarchy.model_validate(
        {"groups": [{"name": "Top", "children": ["Sub"]}, {"name": "Sub", "children": ["C1"]}]}
    )
    assert tree == Hierarchy.from_mapping({"Top": ["Sub"], "Sub": ["C1"]})
    with pytest.raises(ValidationError):
        tree.groups = ()  # type: ignore[misc]


# --- custom rules ------------------------------------------------------------------------


def _two_reds(children):
    """Red when two or more children are red, amber for one, green otherwise."""
    reds = sum(1 for child in children if child.status is Rag.RED)
    return "red" if reds >= 2 else ("amber" if reds == 1 else Rag.GREEN)


# children, status
CUSTOM = [
    ("GGRR", "R"),  # two reds
    ("GGR", "A"),  # one red
    ("GAY", "G"),  # no red at all: green, whatever else
    ("", "G"),  # no children: the function decides
]


@pytest.mark.parametrize(("children", "expected"), CUSTOM)
def test_custom_rule(children, expected):
    """A custom rule is a function of the children, returning a status or its value."""
    rule = CustomRule(name="two-reds", function=_two_reds)
    report = letters(children) if children else Report(period=Q1, source=Scorecard())
    if children:
        group = roll_up(report, "department", rule)["D"]
    else:
        group = roll_up(report, Hierarchy.from_mapping({"Empty": []}), rule)["Empty"]
    assert group.status is LETTERS[expected]
    assert group.explanation.endswith(f"{LETTERS[expected].value} by the two-reds rule")


def test_custom_rule_sees_every_child():
    """The function is given every child, not-rated ones included, in order."""
    seen = []
    rule = CustomRule(name="spy", function=lambda children: seen.append(children) or "green")
    roll_up(letters("G-R"), "department", rule)
    assert [(child.name, child.status) for child in seen[0]] == [
        ("M1", Rag.GREEN),
        ("M2", Rag.NOT_RATED),
        ("M3", Rag.RED),
    ]
    assert roll_up(letters("G"), "department", rule).rule == "spy"


def test_custom_rule_must_return_a_status():
    """A function returning something other than a status is reported, naming the rule."""
    rule = CustomRule(name="broken", function=lambda children: 3)
    with pytest.raises(ScorecardError, match="'broken' returned 3") as caught:
        roll_up(letters("G"), "department", rule)
    assert caught.value.code == "bad_rollup_rule"


# --- the result --------------------------------------------------------------------------


def test_the_result_is_typed_and_frozen():
    """A roll-up and its groups are immutable models, indexable by name and position."""
    rolled = roll_up(letters("GR"), "department")
    assert isinstance(rolled, RollUp)
    assert isinstance(rolled[0], GroupRollUp)
    assert rolled[0] is rolled["D"]
    with pytest.raises(ValidationError):
        rolled.rule = "other"  # type: ignore[misc]
    with pytest.raises(KeyError):
        rolled["Nowhere"]
    assert repr(rolled) == (
        "kpi_scorecard.RollUp(by='department', rule='worst-of', period='Q1 2019/20', groups=1)"
    )


def test_the_result_does_not_depend_on_the_callers_decimal_context():
    """Shares and scores are worked in the library's own context."""
    import decimal  # noqa: PLC0415 - only this test changes the context

    expected = _one("GGA", WeightedScore())
    with decimal.localcontext(prec=3):
        assert _one("GGA", WeightedScore()) == expected
    assert expected.score == Decimal(25) / 3


ROLL_UP_NAMES = [
    "CustomRule",
    "GroupDeclaration",
    "GroupRollUp",
    "Hierarchy",
    "RollUp",
    "RolledChild",
    "ShareOnTarget",
    "StatusCounts",
    "WeightSetting",
    "WeightedScore",
    "WorstOf",
    "roll_up",
]


@pytest.mark.parametrize("name", ROLL_UP_NAMES)
def test_the_roll_up_names_are_public(name):
    """Every roll-up name is exported from kpi_scorecard and kpi_scorecard.evaluation."""
    import kpi_scorecard  # noqa: PLC0415 - the packages themselves are under test
    import kpi_scorecard.evaluation  # noqa: PLC0415

    assert name in kpi_scorecard.__all__
    assert name in kpi_scorecard.evaluation.__all__
    assert getattr(kpi_scorecard, name) is getattr(kpi_scorecard.evaluation, name)


def test_a_roll_up_pickles_and_copies_equal():
    """A roll-up crosses process pools and copies as an equal value, hashable as its groups."""
    import copy  # noqa: PLC0415 - only this test copies
    import pickle  # noqa: PLC0415

    rolled = roll_up(report_of(STATUSES), TREE, WeightedScore())
    assert pickle.loads(pickle.dumps(rolled)) == rolled  # noqa: S301 - our own object
    assert copy.deepcopy(rolled) == rolled
    assert len({hash(group) for group in rolled}) == len(rolled)
