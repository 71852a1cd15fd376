"""How values read on screen and in a CSV: money, percentages, dates at their precision, files, Markdown.

Conventions every view follows:
- Money stays numeric (units, e.g. 1.7e9) in the frames; :func:`format_money` makes the text
  (``"€1.7 bn"``, ``"$600 M"``). An unknown amount reads ``"unknown"`` in every money text cell,
  never zero or blank.
- Any other missing value is an empty cell: "" in text columns (:func:`screen`), NaN/NaT/None
  elsewhere.
- A date is kept as a date (datetime64) beside a precision column (``day``/``month``/``year``):
  ``X_precision``, ``X precision``, or a ``Precision`` column right after it. On screen it reads
  ``"9 Sep 2025"``, ``"Dec 2023"``, ``"2024"`` (:func:`screen`); in a CSV it stays ISO
  ``YYYY-MM-DD`` with its precision column, and no text cell can run as a spreadsheet formula
  (:func:`csv_frame`, through :func:`analysis.export.csv_safe`).
- A file is shown relative to the common folder of the articles (:func:`relative_paths`).
- Percentages (stakes, spreads) are in percent units (11.0 means 11 %).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.export import csv_safe
from analysis.frames import DATE_PRECISIONS, is_missing
from analysis.views.cells import to_date

#: The currencies a chart or a total converts to.
Currency = Literal["EUR", "USD"]
#: The precisions of a date, finest first.
PRECISIONS: tuple[str, ...] = tuple(DATE_PRECISIONS)
#: Columns holding file paths, shown relative to their common folder.
FILE_COLUMNS = ("file", "File")

#: Every ASCII punctuation mark that Markdown, HTML, Streamlit's directives or LaTeX could read.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^])")


def format_pct(value: Any) -> str:
    """``11.04`` -> ``"11 %"``; ``11.1`` -> ``"11.1 %"``; None -> ``""``."""
    if is_missing(value):
        return ""
    return f"{float(value):.1f}".rstrip("0").rstrip(".") + " %"


def format_date(value: Any, precision: Any = "day") -> str:
    """A date at its precision: ``"9 Sep 2025"``, ``"Sep 2025"``, ``"2025"``; ``""`` if unknown."""
    d = to_date(value)
    if d is None:
        return ""
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return d.strftime("%b %Y")
    return f"{d.day} {d.strftime('%b %Y')}"


def precision_of(value: Any, default: str = "day") -> str:
    """A precision cell as ``day``/``month``/``year`` (``default`` when missing or unknown)."""
    return value if isinstance(value, str) and value in PRECISIONS else default


def period(value: Any, precision: Any = "day") -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day a date of this precision can mean (its month, its year);
    None when the date is unknown."""
    d = to_date(value)
    if d is None:
        return None
    prec = precision_of(precision)
    if prec == "year":
        return pd.Timestamp(d.year, 1, 1), pd.Timestamp(d.year, 12, 31)
    if prec == "month":
        first = pd.Timestamp(d.year, d.month, 1)
        return first, first + pd.offsets.MonthEnd(0)
    return pd.Timestamp(d), pd.Timestamp(d)


def md_escape(text: Any) -> str:
    """``text`` shown literally by a Streamlit element that reads Markdown (st.caption,
    st.info, st.metric, st.subheader…): every ASCII punctuation mark that Markdown, HTML,
    Streamlit's directives (``:red[…]``) or LaTeX (``$…$``) could read is backslash-escaped
    and line breaks become spaces, so article data can't add links, images or formatting."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


#: What follows a path's last separator (its file's name): without it, the path's head (the
#: part a path's folder depends on) ...
_PATH_TAIL = r"[^/]*$"
#: ... and what comes before its name.
_PATH_HEAD = r"^.*/"


def _path_text(paths: Iterable[Any]) -> pd.Series:
    """Paths as Arrow strings (its string kernels), a missing or blank one as NA."""
    series = paths if isinstance(paths, pd.Series) else pd.Series(list(paths), dtype=object)
    text = series.reset_index(drop=True).astype("string[pyarrow]")
    return text.where(text.str.strip() != "")


def _folder_of_head(head: str) -> str:
    """The absolute folder of every path whose part before its name is ``head`` (a path's
    folder depends on that part alone)."""
    return os.path.abspath(os.path.dirname(f"{head}x"))


def _folders(paths: Iterable[Any]) -> set[str]:
    """The absolute folders of the paths that are not blank, each folder resolved once: the
    paths are grouped by the part before their name first (a whole store's paths in a few
    vectorised steps)."""
    return {_folder_of_head(head) for head in _path_text(paths).dropna().str.replace(_PATH_TAIL, "", regex=True).unique()}


def relative_paths(paths: Iterable[Any], among: Iterable[Any] | None = None) -> list[str]:
    """Each file path relative to the common folder of ``among`` (default: of ``paths``
    themselves), the folder that was ingested: ``/home/me/news/2024/a.txt`` reads
    ``2024/a.txt``. A path kept as given (relative) is taken from the current folder; a
    missing path is "". Each folder is resolved once (a store of 100,000 articles has few):
    the paths are grouped by the part before their name."""
    text = _path_text(paths)
    codes, heads = pd.factorize(text.str.replace(_PATH_TAIL, "", regex=True))
    folders = {_folder_of_head(head) for head in heads} if among is None else _folders(among)
    try:
        root = os.path.commonpath(sorted(folders)) if folders else None
    except ValueError:  # different drives: nothing in common
        root = None
    if root is None:
        return text.fillna("").tolist()
    present = text.notna().to_numpy()
    paths_ = text.fillna("").to_numpy(dtype=object)
    names = text.str.replace(_PATH_HEAD, "", regex=True).fillna("").to_numpy(dtype=object)
    # each head's path from the root, worked out once (the last slot: a missing path's, code -1)
    prefixes = np.full(len(heads) + 1, "", dtype=object)
    reachable = np.ones(len(heads) + 1, dtype=bool)
    for i, head in enumerate(heads):
        folder = _folder_of_head(head)
        try:
            up = os.path.relpath(folder, root)
        except ValueError:
            up = ""
        reachable[i] = bool(up) or folder == root
        prefixes[i] = "" if up in (".", "") else f"{up}{os.sep}"
    out = np.where(present, prefixes[codes] + names, "")
    unreachable = present & ~reachable[codes]  # no way from the root (another drive): kept as given
    out[unreachable] = paths_[unreachable]
    for i in np.flatnonzero(present & np.isin(names, ["", ".", ".."])):  # not a file's path: resolve it whole
        try:
            out[i] = os.path.relpath(os.path.abspath(paths_[i]), root)
        except ValueError:
            out[i] = paths_[i]
    return out.tolist()


def format_dates(values: pd.Series, precisions: pd.Series) -> pd.Series:
    """``format_date`` of each date at its precision, as a whole column (``""`` when unknown)."""
    days = pd.to_datetime(pd.Series(values).reset_index(drop=True), errors="coerce")
    prec = pd.Series(precisions).reset_index(drop=True)
    known = days.notna()
    out = pd.Series("", index=days.index, dtype=object)
    if known.any():
        codes, uniques = pd.factorize(days[known])  # a store's 100,000 dates hold a few thousand days
        month = pd.Series(pd.DatetimeIndex(uniques).strftime("%b %Y").to_numpy()[codes], index=days[known].index)
        year = days[known].dt.year.astype(str)
        day = days[known].dt.day.astype(str) + " " + month
        p = prec[known]
        out[known] = day.where(p.ne("month") & p.ne("year"), month.where(p.eq("month"), year))
    return out


def _is_date_column(name: Any, series: pd.Series) -> bool:
    """Dates (not timestamps: ``ingested_at`` and other ``…_at`` columns keep their time)."""
    if str(name).lower().endswith("_at"):
        return False
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return True
    if series.dtype == object:
        first = next((v for v in series if not is_missing(v)), None)
        return isinstance(first, dt.date)
    return False


def date_columns(frame: pd.DataFrame) -> dict[str, str | None]:
    """Each date column of a table -> the column stating its precision (None: day).

    A date column ``X`` takes its precision from ``X_precision`` or ``X precision``, or
    from a ``Precision`` column right after it (``Date``, ``Precision``)."""
    out: dict[str, str | None] = {}
    names = list(frame.columns)
    for i, name in enumerate(names):
        if not _is_date_column(name, frame[name]):
            continue
        own = next((c for c in (f"{name}_precision", f"{name} precision") if c in frame.columns), None)
        if own is None and i + 1 < len(names) and names[i + 1] == "Precision":
            own = "Precision"
        out[name] = own
    return out


def _text_missing_blank(series: pd.Series) -> pd.Series:
    textual = pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)
    if textual and series.isna().any():
        return series.astype(object).where(series.notna(), "")
    return series


def screen(frame: pd.DataFrame, files_root: Sequence[Any] | None = None) -> pd.DataFrame:
    """A table as the dashboard shows it: each date as text at its precision (``"9 Sep
    2025"``, ``"Dec 2023"``, ``"2024"``) with its precision column dropped, file paths
    relative to their common folder (of ``files_root`` when given: the whole table's paths,
    when ``frame`` is one page of it), missing text as "". Rows and index are kept."""
    out = frame.copy()
    dates = date_columns(frame)
    for name, prec in dates.items():
        precisions = frame[prec] if prec else pd.Series("day", index=frame.index)
        out[name] = [format_date(v, precision_of(p)) for v, p in zip(frame[name], precisions, strict=True)]
    out = out.drop(columns=[p for p in dict.fromkeys(dates.values()) if p])
    for name in FILE_COLUMNS:
        if name in out.columns and len(out):
            out[name] = relative_paths(out[name], files_root)
    for name in out.columns:
        out[name] = _text_missing_blank(out[name])
    return out


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as its CSV holds it: each date ISO (``YYYY-MM-DD``) beside its precision
    column, kept (the screen shows the precise text instead), and every text cell that a
    spreadsheet would read as a formula neutralised (:func:`analysis.export.csv_safe`)."""
    out = frame.copy()
    for name in date_columns(frame):
        out[name] = [d.isoformat() if (d := to_date(v)) else None for v in frame[name]]
    return csv_safe(out)
