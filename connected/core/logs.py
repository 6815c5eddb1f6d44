"""One JSON object per log line, for production log collectors (docs/deploy.md).

It writes the logger, level and message, a request's method, path (never its query string, which can carry a
postcode or a name) and status where Django's request loggers attach them, and for an exception its type and
the frames it passed through, never its text: a database error's text can quote the values of a row (an NHS
number in a unique-key clash). Our own messages carry no personal data (tests/core/test_deploy.py).
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime

_REQUEST_ATTRS = ("status_code",)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            line["method"] = getattr(request, "method", "")
            line["path"] = request.path  # the path only: query strings may hold personal data
        for attr in _REQUEST_ATTRS:
            if hasattr(record, attr):
                line[attr] = getattr(record, attr)
        if record.exc_info:
            kind, _error, trace = record.exc_info
            line["exception"] = kind.__name__ if kind else ""
            line["frames"] = [f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(trace)]
        return json.dumps(line, ensure_ascii=False, default=str)
