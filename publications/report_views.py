"""What a publication page adds when statistics are involved: the charts and tables of a
statistical report, its CSV, and, on a work plan, the figure so far of each indicator linked
to a statistic, taken from the last published statistical report of the plan's year."""

import csv
import io

from django.http import HttpResponse

from .charts import report_charts, response_chart
from .statistics import PERCENT_STATISTICS, csv_rows, period_end, shown


def figures_csv(page):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(csv_rows(page.figures))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"statistics-{page.statistics_period or page.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def plan_progress(report):
    """{statistic: {figure as shown, date it runs to, report}} from the last published
    statistical report of a work plan's year (PublicationPage.last_statistical_report)."""
    if report is None:
        return {}
    year_to_date = report.figures["year_to_date"]
    through = period_end({"end": year_to_date["through"]})
    progress = {}
    for code, value in year_to_date.items():
        if code == "through" or value is None:
            continue
        text = shown(value)
        if code in PERCENT_STATISTICS and isinstance(value, int | float):
            text += " %"
        progress[code] = {"figure": text, "through": through, "report": report}
    return progress


def statistics_context(page, *, plan_report=None):
    """`plan_report`: for a work plan, the report its indicators' figures come from."""
    context = {}
    if page.figures:
        context["charts"] = report_charts(page.figures)
        context["response_chart"] = response_chart(page.figures)
        context["response"] = page.figures["response"]
    if plan_report is not None:
        progress = plan_progress(plan_report)
        context["progress"] = progress
        # Part of the cached body's key: a newly published report renews the figures.
        context["progress_key"] = f"{plan_report.pk}-{plan_report.last_published_at:%s}"
    return context
