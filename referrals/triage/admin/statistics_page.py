"""The referral statistics in the Wagtail admin: the report as a page and as CSV.

Coordinators only (referrals.report_referral). The figures come from referrals/triage/statistics.py,
which reads plaintext coarse fields and never decrypts. The chart is an SVG drawn here on the
server, with no script and no style attribute, and the table beside it is its text version.
"""

import csv
import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.decorators import method_decorator
from django.utils.formats import number_format
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import statistics

PERMISSION = "referrals.report_referral"


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=statistics.FIRST_YEAR)
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Whole year"))] + [(m, MONTHS[m]) for m in range(1, 13)],
    )
    publication = forms.BooleanField(
        label=_("For publication"),
        required=False,
        help_text=_("Counts under 5 are hidden and the workload per staff member is left out."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Next year at most: a later year is a typo, and would only show zeros. Set here, not
        # in the class, so that a server running across New Year moves on.
        last = statistics.last_year()
        self.fields["year"].validators.append(MaxValueValidator(last))
        self.fields["year"].widget.attrs["max"] = last

    def period(self):
        """(year, month, for_publication) of a valid form; the current year when left empty."""
        data = self.cleaned_data
        return (
            data.get("year") or timezone.localdate().year,
            data.get("month"),
            bool(data.get("publication")),
        )


def check_permission(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def query_string(year, month=None, publication=False):
    params = {"year": year}
    if month:
        params["month"] = month
    if publication:
        params["publication"] = "1"
    return urlencode(params)


def duration_text(delta):
    if delta is None:
        return ""
    hours = delta.total_seconds() / 3600
    if hours < 48:
        return ngettext("%(count)s hour", "%(count)s hours", round(hours)) % {
            "count": number_format(round(hours, 1), 1)
        }
    return ngettext("%(count)s day", "%(count)s days", round(hours / 24)) % {
        "count": number_format(round(hours / 24, 1), 1)
    }


# The chart's drawing area, in SVG user units (it scales to the width of the page).
CHART = {"width": 720, "height": 280, "left": 48, "right": 12, "top": 24, "bottom": 36}


def nice_ceiling(value):
    """A round top for the axis: 1, 2, 5 or 10 times a power of ten, at least `value`."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if factor * step >= value:
                return factor * step
        step *= 10


def month_chart(report):
    """Bars, gridlines and labels of the referrals-per-month chart, with their coordinates."""
    if report.months is None:
        return None
    rows = report.months.rows
    counts = [row.count for row in rows]
    numbers = [c for c in counts if isinstance(c, int)]
    top = nice_ceiling(max(numbers, default=0))
    inner_width = CHART["width"] - CHART["left"] - CHART["right"]
    inner_height = CHART["height"] - CHART["top"] - CHART["bottom"]
    base = CHART["top"] + inner_height
    slot = inner_width / len(rows)
    bar_width = slot * 0.6
    bars = []
    for index, row in enumerate(rows):
        x = CHART["left"] + index * slot
        value = row.count
        height = (value / top * inner_height) if isinstance(value, int) else 0
        bars.append(
            {
                "x": round(x + (slot - bar_width) / 2, 1),
                "y": round(base - height, 1),
                "width": round(bar_width, 1),
                "height": round(height, 1),
                "centre": round(x + slot / 2, 1),
                "label_y": round(base - height - 6, 1),
                "value": str(value),
                "month": MONTHS_3[index + 1],
                "name": row.label,
            }
        )
    grid = [
        {"y": round(base - fraction * inner_height, 1), "value": number_format(int(top * fraction))}
        for fraction in (0, 0.5, 1)
        if fraction == 0 or top * fraction == int(top * fraction)
    ]
    return {
        **CHART,
        "bars": bars,
        "grid": grid,
        "base": base,
        "right_edge": CHART["width"] - CHART["right"],
        "axis_label_y": base + 22,
        "axis_x": CHART["left"] - 6,
    }


def tables(report):
    """Every table of the report in the order shown, each with the heading of its section."""
    shown = []
    if report.months is not None:
        shown.append((report.months, _("Referrals per month")))
    shown.extend((table, table.title) for table in report.breakdowns)
    shown.append((report.response.table, _("Time to first response")))
    shown.append((report.response.urgent.table, _("Time to first response, urgent referrals")))
    return [
        {
            "code": table.code,
            "heading": heading,
            "title": table.title,
            "rows": table.rows,
            "total": table.total,
            "withheld": table.withheld,
        }
        for table, heading in shown
    ]


def read_period(request):
    """The form and the period it asks for: the current year if nothing or something invalid
    was asked (the form then carries the errors to show)."""
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.period(), True
    valid = not form.is_bound
    if valid:
        form = PeriodForm(initial={"year": timezone.localdate().year})
    return form, (timezone.localdate().year, None, False), valid


@method_decorator(never_cache, name="dispatch")
class StatisticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "referrals/triage/statistics.html"
    page_title = _("Referral statistics")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        check_permission(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, (year, month, publication), valid = read_period(self.request)
        report = statistics.build_report(year, month, for_publication=publication)
        response = report.response
        period_query = query_string(year, month, publication)
        context.update(
            form=form,
            form_valid=valid,
            report=report,
            tables=tables(report),
            chart=month_chart(report),
            median_text=duration_text(response.median),
            p90_text=duration_text(response.p90),
            csv_url=f"{reverse('referrals_statistics_csv')}?{period_query}",
            semicolon_csv_url=f"{reverse('referrals_statistics_csv_semicolon')}?{period_query}",
            # The same period with the other audience: internal <-> for publication.
            switch_url=(
                f"{reverse('referrals_statistics')}?{query_string(year, month, not publication)}"
            ),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class StatisticsCSVView(View):
    # Commas and decimal points; the semicolon variant is for spreadsheets in a Serbian (or
    # other continental) locale, which read "," as the decimal separator.
    delimiter = ","
    decimal_comma = False
    suffix = ""

    def get(self, request):
        check_permission(request)
        form = PeriodForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            # A hand-edited link: the report page shows what is wrong with it.
            return redirect(f"{reverse('referrals_statistics')}?{request.GET.urlencode()}")
        year, month, publication = (
            form.period() if form.is_bound else (timezone.localdate().year, None, False)
        )
        report = statistics.build_report(year, month, for_publication=publication)
        buffer = io.StringIO()
        # The byte-order mark makes Excel read UTF-8, so Cyrillic labels are not garbled.
        buffer.write("\ufeff")
        csv.writer(buffer, delimiter=self.delimiter).writerows(
            statistics.csv_rows(report, decimal_comma=self.decimal_comma)
        )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        name = f"referrals-{year}" + (f"-{month:02d}" if month else "")
        if publication:
            name += "-publication"
        name += self.suffix
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.csv")
        response["X-Content-Type-Options"] = "nosniff"
        return response


class StatisticsSemicolonCSVView(StatisticsCSVView):
    delimiter = ";"
    decimal_comma = True
    suffix = "-semicolon"


def admin_urls():
    return [
        path("referrals/statistics/", StatisticsView.as_view(), name="referrals_statistics"),
        path(
            "referrals/statistics.csv", StatisticsCSVView.as_view(), name="referrals_statistics_csv"
        ),
        path(
            "referrals/statistics-semicolon.csv",
            StatisticsSemicolonCSVView.as_view(),
            name="referrals_statistics_csv_semicolon",
        ),
    ]
