"""No code outside a family names a family: what a family knows, it tells through its protocol members.

The scan reads every module of ``agentkit/``, ``graphs/`` and ``tools/`` except the families' own
packages (``tools/<family>/``), the registry's explicit list of built-ins (``tools/registry.py``) and the
benchmarks (``agentkit/bench/``, which name their data sets). Docstrings may use a family as an example;
code may not: a string that is a family's name, starts a family's request (``"math: ..."``, ``"sql on"``)
or a check (``"units.convert"``), or is one alternative of a regex (``(?:...|sql|...)``) fails the test.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAMILY_NAMES = ("math", "units", "sql", "regex", "dates")
_NAMED = re.compile(
    rf"^(?:{'|'.join(FAMILY_NAMES)})(?:$|\s*:|\.\w|\s+on\b)"  # the name, a request "math: ...", a check "math.x"
    rf"|(?:\||\(\?:|\()(?:{'|'.join(FAMILY_NAMES)})(?=\||\))",  # one alternative of a regex
    re.IGNORECASE,
)


def _sources() -> Iterator[Path]:
    for top in ("agentkit", "graphs", "tools"):
        for path in sorted((ROOT / top).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if parts[:2] == ("agentkit", "bench"):
                continue
            if parts[0] == "tools" and (len(parts) > 2 or parts[1] == "registry.py"):
                continue
            yield path


def _code_strings(source: str) -> Iterator[tuple[int, str]]:
    """Every string constant of a module that is not a docstring, with its line."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def _namings(path: Path) -> list[str]:
    rel = path.relative_to(ROOT)
    return [f"{rel}:{line}: {text[:70]!r}" for line, text in _code_strings(path.read_text(encoding="utf-8"))
            if _NAMED.search(text)]


def test_the_scan_sees_a_family_named_in_code(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('"""A docstring may say math."""\nA = "math"\nB = "units: <n> <unit>"\nC = r"(?:sql|x)"\n'
                     'D = "regex.match"\nE = "the math of it"\n', encoding="utf-8")
    found = [text for _, text in _code_strings(probe.read_text()) if _NAMED.search(text)]
    assert found == ["math", "units: <n> <unit>", "(?:sql|x)", "regex.match"]


def test_the_scan_reads_the_whole_library() -> None:
    scanned = {path.relative_to(ROOT).as_posix() for path in _sources()}
    assert {"agentkit/models/translate.py", "tools/langchain.py", "tools/base.py"} <= scanned
    assert not any(p.startswith(("tools/math/", "agentkit/bench/")) or p == "tools/registry.py" for p in scanned)


def test_no_code_outside_a_family_names_a_family() -> None:
    namings = [naming for path in _sources() for naming in _namings(path)]
    assert not namings, "a family is named outside its package:\n" + "\n".join(namings)
