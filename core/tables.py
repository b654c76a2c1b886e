"""Minimal declarative tables: columns render the same for the HTML list and for the .xlsx export."""

import datetime as dt
from dataclasses import dataclass
from operator import attrgetter
from typing import Any


@dataclass
class Column:
    name: str
    label: str
    accessor: Any = None  # dotted attribute path or callable(obj); default: name
    order_by: str | None = None  # queryset ordering field; None: not sortable
    link: bool = False  # link the cell to obj.get_absolute_url()
    export: bool = True

    def value(self, obj):
        accessor = self.accessor or self.name
        if callable(accessor):
            return accessor(obj)
        try:
            value = attrgetter(accessor)(obj)
        except AttributeError:
            return ""
        display = getattr(obj, f"get_{accessor}_display", None) if "." not in accessor else None
        if display:
            return display()
        return "" if value is None else value


class Table:
    """A list of columns; subclasses set ``columns``."""

    columns: list[Column] = []

    def __init__(self, columns=None):
        if columns is not None:
            self.columns = columns

    def orderings(self):
        return {c.name: c.order_by for c in self.columns if c.order_by}

    def rows(self, objects):
        out = []
        for obj in objects:
            cells = []
            for column in self.columns:
                value = column.value(obj)
                if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                    # non-breaking hyphens: a date stays on one line
                    value = value.isoformat().replace("-", "\u2011")
                url = obj.get_absolute_url() if column.link else ""
                cells.append((value, url))
            out.append(cells)
        return out
