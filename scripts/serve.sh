#!/usr/bin/env bash
# Run Connected the way it is deployed (docs/deploy.md), on this machine: production settings, gunicorn,
# static files from whitenoise, the task worker as its own process. Needs DATABASE_URL (PostgreSQL) and,
# unless given, makes a throwaway SECRET_KEY. TLS is the proxy's job, so HTTPS redirects are off here.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/connected}"
export DJANGO_ENV=production
export SECRET_KEY="${SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-0}" SECURE_COOKIES="${SECURE_COOKIES:-0}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export PORT="${PORT:-8000}"
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py collectstatic --no-input -v 0
.venv/bin/python manage.py db_worker --queue-name '*' --no-reload &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT
.venv/bin/gunicorn connected.config.wsgi --config deploy/gunicorn.conf.py
