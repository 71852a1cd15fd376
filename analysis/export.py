"""Exports: every frame of the store written as CSV (safe to open in a spreadsheet) or Parquet.

``csv_safe`` is the one guard against spreadsheet formula injection: a text cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single
quote, so Excel / LibreOffice show it as text instead of running it. A carriage return
inside a cell becomes a line feed: pandas writes a field holding a bare CR unquoted, and a
spreadsheet would start a new row there (whose first cell could be a formula); a field with a
line feed is quoted. Numbers (negative ones included) are left as numbers. The dashboard's
downloads use the same function.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from analysis import frames as fr

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: CSV text encoding: UTF-8 with a byte-order mark, so that spreadsheets show accents right.
CSV_ENCODING = "utf-8-sig"

Format = Literal["csv", "parquet"]


def _neutralise(value: object) -> object:
    if isinstance(value, str):
        if value.startswith(FORMULA_PREFIXES):
            value = "'" + value
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as spreadsheet formulas."""
    safe = frame.copy()
    for column in safe.columns:
        series = safe[column]
        if (
            pd.api.types.is_object_dtype(series.dtype)
            or pd.api.types.is_string_dtype(series.dtype)
            or isinstance(series.dtype, pd.CategoricalDtype)  # categories are text cells too
        ):
            safe[column] = series.map(_neutralise, na_action="ignore")
    safe.columns = [_neutralise(c) if isinstance(c, str) else c for c in safe.columns]
    return safe


def write_frames(frames: fr.Frames, out_dir: str | Path, fmt: Format = "csv") -> list[Path]:
    """Write each frame to ``out_dir/NAME.csv`` or ``.parquet``; returns the files written."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown export format {fmt!r} (csv or parquet)")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            csv_safe(frame).to_csv(path, index=False, encoding=CSV_ENCODING, date_format="%Y-%m-%d %H:%M:%S")
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written


def export(db: str | Path | None, out_dir: str | Path, fmt: Format = "csv") -> list[Path]:
    """Write every frame of the store at ``db`` to ``out_dir`` as CSV or Parquet."""
    from analysis import load

    return write_frames(load(db), out_dir, fmt)


def read_export(directory: str | Path, fmt: Format = "csv") -> fr.Frames:
    """The frames an ``export`` wrote, with their types back (dates, amounts, flags)."""
    folder = Path(directory)
    tables: dict[str, pd.DataFrame] = {}
    for name in fr.FRAME_NAMES:
        path = folder / f"{name}.{fmt}"
        if fmt == "parquet":
            frame = pd.read_parquet(path)
        else:
            schema = fr.schema(name)
            text = [c for c, col in schema.columns.items() if str(col.dtype) == "str" or "string" in str(col.dtype)]
            frame = pd.read_csv(
                path, encoding=CSV_ENCODING, dtype=dict.fromkeys(text, str), keep_default_na=False,
                na_values=[""], parse_dates=list(fr.DATE_COLUMNS[name]),
            )
        tables[name] = fr.validate(name, frame)
    return fr.Frames(**tables)
