"""The report shaped for its page: each table's cells as text, its bar chart, its download links."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from connected.core.models import LocalAuthority

from .charts import bar_chart
from .filters import ReportFilter
from .reports import Cell, Report, Table


def cell_text(cell: Cell, limit: int) -> str:
    if cell is None:
        return f"fewer than {limit}"
    return f"{cell:,}" if isinstance(cell, int) else str(cell)


def table_view(table: Table, limit: int, query: str) -> dict[str, Any]:
    rows = [[cell_text(c, limit) for c in row] for row in table.rows]
    chart = None
    if table.chart:
        bars = [(str(row[0]), row[1]) for row in table.rows if row[0] != "Total"]
        chart = bar_chart(table.title, bars, chart_id=f"chart-{table.id}", limit=limit)
    return {
        "id": table.id,
        "title": table.title,
        "headings": table.headings,
        "rows": rows,
        "numeric": [i > 0 for i in range(len(table.headings))],
        "chart": chart,
        "note": table.note,
        "csv": f"/evidence/download/{table.id}.csv?{query}",
    }


def filter_fields(f: ReportFilter | None, params, schemes, areas: list[str]) -> dict[str, Any]:
    """The filter form's values and choices (schemes and areas the user may count)."""
    names = dict(LocalAuthority.objects.filter(code__in=areas).values_list("code", "name"))
    chosen_scheme = str(f.scheme) if f and f.scheme else params.get("scheme", "")
    chosen_area = (f.area if f else params.get("area")) or ""
    scheme_items = [{"value": "", "text": "All schemes"}] + [
        {"value": str(s.pk), "text": s.name, "selected": str(s.pk) == chosen_scheme} for s in schemes
    ]
    area_items = [{"value": "", "text": "All areas"}] + [
        {
            "value": code,
            "text": names.get(code, "Not known" if code == "UNKNOWN" else code),
            "selected": code == chosen_area,
        }
        for code in sorted(areas)
    ]
    return {
        "from": f"{f.first_month:%Y-%m}" if f else params.get("from", ""),
        "to": f"{f.last_month:%Y-%m}" if f else params.get("to", ""),
        "schemes": scheme_items,
        "areas": area_items,
    }


def report_page(report: Report) -> dict[str, Any]:
    query = report.filter.query_string()
    return {
        "tables": [table_view(t, report.threshold, query) for t in report.tables],
        "query": query,
        "threshold": report.threshold,
        "period": f"{report.filter.first_month:%B %Y} to {report.filter.last_month:%B %Y}",
        "figures_at": f"{timezone.localtime(report.figures_at):%-d %B %Y at %H:%M}" if report.figures_at else "",
        "figures_at_iso": report.figures_at.isoformat() if report.figures_at else "",
    }
