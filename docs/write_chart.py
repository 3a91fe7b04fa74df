"""Write the home page's chart, docs/images/trend-chart.svg: ``python docs/write_chart.py``.

The measure is illustrative (eight quarters of one measure, one of them not reported),
written in the council's table layout so that the chart shows a ceiling that tightens from
one year to the next, the tolerance band, a gap and every status.
"""

from pathlib import Path

from kpi_scorecard import RagPolicy, Scorecard, TargetSetting, Tolerance, evaluate
from kpi_scorecard.charts import trend
from kpi_scorecard.serializers import table

TABLE = (
    "Children and Families Scorecard (illustrative)\n"
    "Ref\tMeasure\tQ1 2018/19\tQ2 2018/19\tQ3 2018/19\tQ4 2018/19\t"
    "Q1 2019/20\tQ2 2019/20\tQ3 2019/20\tQ4 2019/20\tTarget 2019/20\n"
    "CSC002\tPercentage of repeat referrals to children's social care\t"
    "21%\t20%\t19.5%\t\t18.3%\t17.6%\t19%\t17%\t<18%\n"
)
#: The 2018/19 ceiling, looser than the one the table gives for 2019/20.
EARLIER = ("2018/19", "<20%")


def chart() -> str:
    """The chart of the illustrative measure, rated at Q4 2019/20 with a 3% tolerance."""
    read = table.loads(TABLE, measures={"CSC002": {"polarity": "lower_is_better"}})
    period, target = EARLIER
    card = Scorecard(
        title=read.title,
        measures=read.measures,
        targets=[TargetSetting(measure_ref="CSC002", period=period, target=target), *read.targets],
        observations=read.observations,
    )
    report = evaluate(card, "Q4 2019/20", policy=RagPolicy(tolerance=Tolerance.parse("3%")))
    return trend(report, "CSC002", width=640, height=320)


if __name__ == "__main__":
    image = Path(__file__).parent / "images" / "trend-chart.svg"
    image.write_text(chart() + "\n", encoding="utf-8")
