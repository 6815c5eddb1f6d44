"""Access is decided in core/rules.py alone: no other module compares a role (security issue, point 3).

Reads every module's syntax tree, so a new `if membership.role == "link_worker"` anywhere else fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from connected.core.models import Role

ROOT = Path(__file__).resolve().parents[2] / "connected"
ALLOWED = {ROOT / "core" / "rules.py"}
ROLE_NAMES = set(Role.values)


def _mentions_a_role(node: ast.AST) -> bool:
    for part in ast.walk(node):
        if isinstance(part, ast.Constant) and part.value in ROLE_NAMES:
            return True
        if isinstance(part, ast.Attribute) and (part.attr == "role" or getattr(part.value, "id", "") == "Role"):
            return True
    return False


def role_comparisons(source: str) -> list[int]:
    """Line numbers of comparisons (==, !=, in, not in) that involve a role."""
    tree = ast.parse(source)
    return sorted({node.lineno for node in ast.walk(tree) if isinstance(node, ast.Compare) and _mentions_a_role(node)})


def test_the_check_finds_role_comparisons():
    assert role_comparisons('if membership.role == "scheme_manager":\n    pass') == [1]
    assert role_comparisons('ok = role in ("link_worker", "scheme_manager")') == [1]
    assert role_comparisons("ok = user.membership.role is not None and x == Role.REFERRER") == [1]
    assert role_comparisons('if kind == "charity":\n    pass') == []


def test_no_module_but_rules_compares_roles():
    found = {
        f"{path.relative_to(ROOT)}:{line}"
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts and path not in ALLOWED
        for line in role_comparisons(path.read_text())
    }
    assert not found, f"compare roles only in core/rules.py (name an action there): {sorted(found)}"
