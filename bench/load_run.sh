#!/usr/bin/env bash
# The load test, end to end (docs/benchmarks.md, docs/adr/0048): serve a prepared database the way it is
# deployed (scripts/serve.sh: gunicorn + the task worker, production settings), wait until it is ready, run
# locust headless against it, stop the server. Figures go to bench/out/<name>_stats.csv and a JSON summary.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:54329/load500k LOAD_FIXTURE=bench/out/load_fixture.json \
#       flock /tmp/bench.lock bash bench/load_run.sh 10m load500k
#
# Behind one proxy, as deployed: the load test sends X-Forwarded-For, each member of the public their own.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-1m}" name="${2:-load}"
: "${DATABASE_URL:?set DATABASE_URL to a database prepared by bench/load_data.py}"
: "${LOAD_FIXTURE:?set LOAD_FIXTURE to the fixture file bench/load_data.py wrote}"
export PORT="${PORT:-8048}" PUBLIC_FORM_PROXY_HOPS=1
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-3}" WEB_THREADS="${WEB_THREADS:-4}"
mkdir -p bench/out
# scripts/serve.sh's processes, less its migrate and collectstatic (minutes on two busy cores): done once here.
export DJANGO_ENV=production SECRET_KEY="${SECRET_KEY:-load-test-$RANDOM$RANDOM}" SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0
export ALLOWED_HOSTS=127.0.0.1,localhost
[ -f staticfiles/staticfiles.json ] || .venv/bin/python manage.py collectstatic --no-input -v 0
setsid .venv/bin/python manage.py db_worker --queue-name '*' --no-reload > "bench/out/${name}_worker.log" 2>&1 &
worker=$!
setsid .venv/bin/gunicorn connected.config.wsgi --config deploy/gunicorn.conf.py > "bench/out/${name}_server.log" 2>&1 &
server=$!
trap 'kill -TERM -- -$server -$worker 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null || { echo "the server did not become ready" >&2; exit 1; }
load_before=$(cut -d' ' -f1 /proc/loadavg)
.venv-bench/bin/locust -f bench/locustfile.py --headless -u 50 -r 5 -t "$duration" \
  -H "http://127.0.0.1:$PORT" --csv "bench/out/$name" --only-summary --stop-timeout 60 --exit-code-on-error 0 \
  > "bench/out/${name}_locust.log" 2>&1
load_after=$(cut -d' ' -f1 /proc/loadavg)
.venv/bin/python bench/load_report.py "bench/out/${name}_stats.csv" --load "$load_before" "$load_after" \
  --duration "$duration" | tee "bench/out/${name}.json"
