"""No file under connected/ imports a file that imports it back, directly or through others.

import-linter's contracts (`make lint`) hold the module line and forbid circles between sibling packages; this
test holds every single module, a package's `__init__` and its own children included, which those contracts
squash together. grimp is import-linter's own graph builder; imports inside functions count too.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

import grimp


def import_cycle(package: str) -> list[str] | None:
    """One circle of imports among the package's modules (first module repeated at the end), or None."""
    graph = grimp.build_graph(package, cache_dir=None)
    sorter = TopologicalSorter({m: graph.find_modules_directly_imported_by(m) for m in graph.modules})
    try:
        sorter.prepare()
    except CycleError as error:
        return list(reversed(error.args[1]))
    return None


def test_no_module_in_connected_is_part_of_an_import_circle() -> None:
    assert import_cycle("connected") is None
