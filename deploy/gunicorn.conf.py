"""Gunicorn settings for Connected (docs/deploy.md); every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Threads let a worker wait on the database for one request while serving another; sync code stays simple.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))  # a request past this is killed and logged, not left hanging
graceful_timeout = 20
# Longer than any client or proxy keeps an idle connection (nginx 75 s, most load balancers 60 s): if the server
# closed first, a request sent on the connection as it closed would be reset with no answer. The 10-minute load
# test saw 7 such resets in 5,925 requests with 5 s, its users pausing 1 to 30 s between requests.
keepalive = int(os.environ.get("WEB_KEEPALIVE", "75"))
max_requests = 2000  # recycle workers now and then so a slow leak never becomes an outage
max_requests_jitter = 200
# Request bodies past these never reach Django (the app refuses big uploads too, with a clear message).
limit_request_line = 8190
limit_request_fields = 100
# Access log as JSON lines: method, path without its query string (it can hold a postcode), status, bytes
# and milliseconds. No client address: it is personal data and the proxy in front keeps its own log.
accesslog = "-"
access_log_format = '{"logger":"access","method":"%(m)s","path":"%(U)s","status":%(s)s,"bytes":"%(B)s","ms":%(M)s}'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
preload_app = True  # import Django once, fork workers: faster start and shared memory
