"""Texts in retro_tui/ that a person would read but that are not marked for translation.

`python -m tests.unmarked [PATH...]` lists them; `tests/test_i18n.py` fails while any is
left. A text counts when it reads as words (two words, or one capitalised word). It is
marked when it stands inside `_()`, `N_()`, `ngettext()` or `pgettext()`. A click
command's help is marked as `help=N_(...)`, never left in its docstring. Docstrings,
styles and lines ending in `# i18n: not shown` (a key, a format, a log line) are not
counted.
"""

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "retro_tui"
MARKERS = {"_", "N_", "ngettext", "pgettext"}
PRAGMA = "# i18n: not shown"
WORDS = re.compile(r"[^\W\d_]{2,}[ ,;!?’…]+[^\W\d_]{2,}|^[A-Z][a-z]+[.:!?…]?$")
# Not read by people: styles, the names of things in the store, key lists.
UNSHOWN_NAMES = {"DEFAULT_CSS", "CSS", "__all__"}
# Arguments that name a style, a CSS class or an id, never words to read.
UNSHOWN_KEYWORDS = {"style", "classes", "id", "variant"}
# The demo's team and history are the sample team's own words, stored as a team's
# texts are, not texts of the app.
UNSHOWN_FILES = {"domain/demo.py"}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _pragma(lines: list[str], constant: ast.Constant, statement: ast.stmt) -> bool:
    """Whether the text's own lines, or the last line of its statement, end with PRAGMA."""
    ends = {*range(constant.lineno, (constant.end_lineno or constant.lineno) + 1)}
    ends.add(statement.end_lineno or statement.lineno)
    return any(lines[n - 1].rstrip().endswith(PRAGMA) for n in ends)


def _help_docstring(node: ast.AST) -> str | None:
    """The docstring click would show as a command's help: one of a function made a
    command or group without a `help=`."""
    if not isinstance(node, ast.FunctionDef) or not ast.get_docstring(node):
        return None
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and _name(decorator.func) in {"command", "group"}
            and not any(keyword.arg == "help" for keyword in decorator.keywords)
        ):
            return ast.get_docstring(node)
    return None


def unmarked(path: Path) -> Iterator[tuple[int, str]]:
    """Line and text of each unmarked text in one module."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    skipped = _docstrings(tree)
    innermost: dict[int, ast.stmt] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in MARKERS:
            skipped.update(id(inner) for inner in ast.walk(node))
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in UNSHOWN_KEYWORDS:
                    skipped.update(id(inner) for inner in ast.walk(keyword.value))
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in UNSHOWN_NAMES for t in targets):
                skipped.update(id(inner) for inner in ast.walk(node))
        annotations = [getattr(node, "annotation", None), getattr(node, "returns", None)]
        for annotation in filter(None, annotations):  # a type named in a string
            skipped.update(id(inner) for inner in ast.walk(annotation))
        if isinstance(node, ast.stmt):
            for inner in ast.walk(node):
                innermost[id(inner)] = node  # walked outer first, so the innermost wins
    for node in ast.walk(tree):
        if (help_text := _help_docstring(node)) is not None:
            yield node.lineno, f"a command's help in its docstring: {help_text[:40]!r}"
        if isinstance(node, ast.JoinedStr):
            # Babel reads no call inside an f-string: a text marked there is never extracted.
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and _name(inner.func) in MARKERS
                    and any(isinstance(arg, ast.Constant) for arg in inner.args)
                ):
                    yield inner.lineno, "a marked text inside an f-string is never extracted"
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
            and WORDS.search(node.value)
            and not _pragma(lines, node, innermost[id(node)])
        ):
            yield node.lineno, node.value


def unmarked_in_package(paths: list[Path] | None = None) -> list[str]:
    """Every unmarked text, as `path:line: text`."""
    found = []
    for path in paths or sorted(PACKAGE.rglob("*.py")):
        relative = path.resolve().relative_to(PACKAGE.resolve()).as_posix()
        if relative in UNSHOWN_FILES:
            continue
        found.extend(f"retro_tui/{relative}:{line}: {text!r}" for line, text in unmarked(path))
    return found


if __name__ == "__main__":
    left = unmarked_in_package([Path(p) for p in sys.argv[1:]] or None)
    print("\n".join(left))
    print(f"{len(left)} unmarked", file=sys.stderr)
