"""The import report: one line per problem (entity, id, field, problem), and the counts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

REJECTED = "rejected"  # the record is not imported
IGNORED = "value ignored"  # the record is imported without this value
MERGED = "merged"  # the record is the same as another one and was joined to it
MAX_STORED_LINES = 5000  # Feed.last_report keeps this many; the count is always complete


@dataclass(slots=True)
class Problem:
    entity: str
    id: str
    field: str
    problem: str
    action: str = REJECTED
    service: str = ""  # the feed's id of the service the record came in, when it is not the service itself

    def line(self) -> str:
        where = f" (in service {self.service})" if self.service and self.service != self.id else ""
        return f"{self.entity} {self.id or '?'}{where}: {self.field}: {self.problem} [{self.action}]"


@dataclass
class ImportResult:
    """What one import did. Counts of added/updated/unchanged/removed are services; rejected is records."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def rejected(self) -> int:
        return sum(1 for p in self.problems if p.action == REJECTED)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.rejected

    def counts(self) -> dict[str, int]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "rejected": self.rejected,
            "warnings": self.warnings,
        }

    def report(self) -> list[dict[str, Any]]:
        return [asdict(p) for p in self.problems[:MAX_STORED_LINES]]

    def summary(self) -> str:
        c = self.counts()
        text = ", ".join(f"{k} {v}" for k, v in c.items())
        return f"{text} (dry run: nothing saved)" if self.dry_run else text

    def __str__(self) -> str:
        return self.summary()
