"""Injection without a browser: CSV formula injection in ``csv_safe`` and the CLI exports, and
no SQL assembled from values anywhere in ``analysis/`` (statements are constants or built
from the code's own identifiers)."""

from __future__ import annotations

import ast
import csv
import io
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rel_support import (
    FORMULA,
    FORMULA_PREFIXES,
    ROOT,
    cli,
    csv_cells,
    formula_cells,
    hostile_corpus,
    no_traceback,
)

from analysis.export import csv_safe

pytestmark = pytest.mark.reliability

HOSTILE = [FORMULA, "+SUM(1;2)", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"]


# --------------------------------------------------------------------------- csv_safe


def _written(frame: pd.DataFrame) -> list[list[str]]:
    return csv_cells(csv_safe(frame).to_csv(index=False))


def test_csv_safe_neutralises_every_text_cell_that_starts_like_a_formula() -> None:
    frame = pd.DataFrame({
        "title": HOSTILE,
        "publisher": pd.array(HOSTILE, dtype="string"),
        "investor": pd.Categorical(HOSTILE),
        "amount": [-1.5, 2.0, -3.0, math.nan, 0.0, 1e9, -7.0],
        "n": pd.array([-1, 2, None, 4, 5, 6, 7], dtype="Int64"),
        "=HYPERLINK(\"http://x\",\"col\")": ["ok"] * len(HOSTILE),
    })
    safe = csv_safe(frame)
    for column in ("title", "publisher", "investor"):
        assert list(safe[column].astype(str)) == ["'" + value.replace("\r", "\n") for value in HOSTILE]
    assert safe["amount"].tolist()[:3] == [-1.5, 2.0, -3.0]  # numbers stay numbers, negative ones too
    assert safe["n"].dtype == "Int64" and safe["n"].tolist()[0] == -1
    assert list(safe.columns)[-1] == "'=HYPERLINK(\"http://x\",\"col\")"
    written = _written(frame)
    assert len(written) == 1 + len(HOSTILE) and formula_cells(written) == []
    assert frame["title"].tolist() == HOSTILE  # the input frame is left alone


def test_csv_safe_leaves_harmless_text_and_missing_values_alone() -> None:
    frame = pd.DataFrame({"text": ["Mistral AI", " =not a formula", "", None, "1,7 Md€", "'=already"]})
    safe = csv_safe(frame)["text"].tolist()
    assert pd.isna(safe.pop(3))
    assert safe == ["Mistral AI", " =not a formula", "", "1,7 Md€", "'=already"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("=+-@\t\r\n'\" ,;abc1€\u00a0")), max_size=12), min_size=1,
                max_size=8))
def test_no_cell_of_a_csv_safe_export_reads_as_a_formula(values: list[str]) -> None:
    """Whatever the text (formula characters, quotes, separators, CR and LF inside), the CSV
    holds one row per record and no cell that starts like a formula."""
    frame = pd.DataFrame({"text": values, "other": pd.array(values, dtype="string")})
    written = _written(frame)
    assert len(written) == 1 + len(values)
    for row in written[1:]:
        assert len(row) == 2
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES), (cell, values)


# --------------------------------------------------------------------------- CLI exports


def test_cli_exports_neutralise_crafted_titles_publishers_and_sentences(tmp_path: Path, seeded) -> None:
    db = seeded(tmp_path / "store.duckdb")
    result = cli("ingest", hostile_corpus(tmp_path / "hostile"), "--db", db, "--no-progress")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "export"
    result = cli("export", "--db", db, "--out", out)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    tables = {path.stem: csv_cells(path.read_bytes()) for path in out.glob("*.csv")}
    assert set(tables) == {"articles", "mentions", "rounds", "investments", "valuations", "source_comparison"}
    for name, table in tables.items():
        assert formula_cells(table) == [], name
    articles = tables["articles"]
    header = articles[0]
    formula_row = next(r for r in articles if r[header.index("file")].endswith("formula.txt"))
    assert formula_row[header.index("publisher")] == "'" + FORMULA
    assert formula_row[header.index("title")] == "'+SUM(1;2) Formulix"
    assert formula_row[header.index("url")] == "'@cmd"
    sentences = [r[tables["mentions"][0].index("sentence")] for r in tables["mentions"][1:]]
    assert any(s.startswith("'=cmd|") for s in sentences)
    rounds = tables["rounds"]
    assert any(r[rounds[0].index("sources")] == "'" + FORMULA for r in rounds[1:])

    result = cli("rounds", "--db", db, "--format", "csv")
    no_traceback(result)
    assert result.returncode == 0
    printed = list(csv.reader(io.StringIO(result.stdout)))
    assert formula_cells(printed) == []
    assert any("'" + FORMULA in row for row in printed)


# --------------------------------------------------------------------------- SQL


#: Calls that run SQL.
SQL_CALLS = frozenset({"execute", "executemany", "sql", "query", "read_sql", "read_sql_query"})
#: Expressions that may be interpolated into SQL text: the code's own table and column names
#: (constants of ``analysis.store`` / ``analysis.frames``), never a value.
ALLOWED_IN_SQL = frozenset({
    "name", "t", "columns", "_quoted(c)", "', '.join(map(_quoted, cols))", "_ORDER[name]",
    # the columns of ``_ORDER[name]`` alone, and the condition that two rows agree on them
    "_ORDER_KEYS[name]", "_SAME_KEYS[name]",
})
#: A module constant (or a constant table's entry by ``name``): code, not a value. One may be
#: interpolated into SQL at import time only (a fragment written once and read by several
#: statements); inside a function, the statement would be built at run time and is refused.
MODULE_CONSTANT = re.compile(r"_?[A-Z][A-Z0-9_]*(?:\[name\])?")
#: Module-level tables of prebuilt statements that may be executed by key.
STATEMENT_TABLES = frozenset({
    "_CREATE", "_INSERT_FRAME", "_SELECT", "_CLEAR", "_DELETE_ARTICLE", "_DELETE_SCOPE", "_SQL",
})
#: Functions that build statements from constants (called at import time only).
BUILDERS = frozenset({"_ddl"})
#: What a SQL statement looks like (its keywords in capitals, as this code writes them).
SQL_SHAPE = re.compile(
    r"\bSELECT\b.*\bFROM\b|\bINSERT\s+INTO\b|\bDELETE\s+FROM\b|\bUPDATE\s+\S+\s+SET\b|\bWHERE\b"
    r"|\b(?:CREATE|DROP|ALTER)\s+(?:OR\s+REPLACE\s+)?(?:TEMP\w*\s+)?(?:TABLE|VIEW|INDEX|SEQUENCE|MACRO|TYPE)\b",
    re.DOTALL,
)


def _dynamic_parts(node: ast.AST) -> list[ast.AST] | None:
    """The interpolated expressions of a string built at run time, or None for other nodes."""
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _literal(node.left):
        right = node.right
        return list(right.elts) if isinstance(right, ast.Tuple) else [right]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and (_literal(node.left) or _literal(node.right)):
        return [side for side in (node.left, node.right) if not _literal(side)]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            and _literal(node.func.value)):
        return [*node.args, *(k.value for k in node.keywords)]
    return None


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _text(node: ast.AST) -> str:
    """The literal text of a (possibly dynamic) string node, interpolations as ``X``."""
    return " X ".join(n.value for n in ast.walk(node) if _literal(n))


class _SqlAudit(ast.NodeVisitor):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.function: str | None = None
        self.problems: list[str] = []

    def where(self, node: ast.AST) -> str:
        return f"{self.path.name}:{node.lineno}"

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def check_string(self, node: ast.AST, in_call: bool) -> None:
        parts = _dynamic_parts(node)
        if parts is None:
            return
        if not in_call and not SQL_SHAPE.search(_text(node)):
            return
        if self.function is not None and self.function not in BUILDERS:
            self.problems.append(f"{self.where(node)}: SQL built at run time in {self.function}()")
        for part in parts:
            source = ast.unparse(part)
            if source not in ALLOWED_IN_SQL and not (self.function is None and MODULE_CONSTANT.fullmatch(source)):
                self.problems.append(f"{self.where(node)}: {source!r} interpolated into SQL")

    def visit_Call(self, node: ast.Call) -> None:
        self.check_string(node, in_call=False)  # "...".format(...)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in SQL_CALLS and node.args:
            statement = node.args[0]
            if _dynamic_parts(statement) is not None:
                self.check_string(statement, in_call=True)
            elif not self.allowed_statement(statement):
                self.problems.append(f"{self.where(node)}: {func.attr}({ast.unparse(statement)}, ...) "
                                     "runs a statement that is not a constant")
        self.generic_visit(node)

    def allowed_statement(self, node: ast.AST) -> bool:
        if _literal(node):
            return True
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            return node.value.id in STATEMENT_TABLES
        # ``for statement in _CREATE: con.execute(statement)``
        return isinstance(node, ast.Name) and node.id == "statement"

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self.check_string(node, in_call=False)
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        self.check_string(node, in_call=False)
        self.generic_visit(node)


def _audit(path: Path) -> list[str]:
    audit = _SqlAudit(path)
    audit.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return list(dict.fromkeys(audit.problems))


def test_no_sql_is_assembled_from_values() -> None:
    sources = sorted((ROOT / "analysis").rglob("*.py"))
    assert sources
    problems = [problem for path in sources for problem in _audit(path)]
    assert problems == [], "\n".join(problems)


def test_the_sql_audit_catches_interpolation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(con, company, table):\n"
        "    con.execute(f\"SELECT * FROM rounds WHERE company = '{company}'\")\n"
        "    con.execute(\"SELECT * FROM %s\" % table)\n"
        "    con.execute(\"DELETE FROM articles WHERE id = \" + company)\n"
        "    con.execute(\"SELECT {} FROM x\".format(company))\n"
        "    query = f\"SELECT * FROM {table}\"\n"
        "    con.execute(query)\n"
        "    con.sql(\"SELECT 1\")\n"
        "    con.execute(\"SELECT * FROM rounds WHERE company = ?\", [company])\n",
        encoding="utf-8",
    )
    problems = _audit(bad)
    assert len([p for p in problems if "interpolated" in p]) == 5, problems
    assert any("execute(query" in p for p in problems)
    assert any(":6: SQL built at run time in f()" in p for p in problems)
    assert not any(":8:" in p or ":9:" in p for p in problems)


def test_the_sql_audit_allows_constant_fragments_at_import_time_only(tmp_path: Path) -> None:
    code = tmp_path / "fragments.py"
    code.write_text(
        "_MATCHES = \"company = $company\"\n"
        "_ROWS = {\"rounds\": f\"SELECT * FROM rounds WHERE {_MATCHES}\"}\n"
        "_ALL = \"\".join(f\"SELECT * FROM x WHERE {_ROWS[name]}\" for name in _ROWS)\n"
        "def f(con, value):\n"
        "    con.execute(f\"SELECT * FROM rounds WHERE {_MATCHES}\")\n"
        "    _LATE = f\"SELECT * FROM rounds WHERE {value}\"\n",
        encoding="utf-8",
    )
    problems = _audit(code)
    assert not any(f"py:{line}:" in p for p in problems for line in (1, 2, 3)), problems
    assert any("py:5: SQL built at run time in f()" in p for p in problems), problems
    assert any("py:6:" in p and "'value' interpolated" in p for p in problems), problems
