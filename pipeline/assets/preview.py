"""Small markdown previews of rows for the Dagster UI."""

from collections.abc import Iterable


def _cell(value: object, width: int) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\n", "⏎").replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def md_table(rows: Iterable[dict], columns: list[str] | None = None, limit: int = 10, width: int = 40) -> str:
    """The first ``limit`` rows as a markdown table."""
    rows = list(rows)
    if not rows:
        return "_no rows_"
    columns = columns or list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows[:limit]:
        lines.append("| " + " | ".join(_cell(row.get(c), width) for c in columns) + " |")
    if len(rows) > limit:
        lines.append(f"\n_{len(rows) - limit} more rows_")
    return "\n".join(lines)
