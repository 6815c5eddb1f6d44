#!/usr/bin/env bash
# Compile the NHS.UK design system and copy vendored scripts into connected/static/vendor.
# Nothing is fetched at run time: pages load only these files.
set -euo pipefail
cd "$(dirname "$0")/.."
out=connected/static/vendor
rm -rf "$out" && mkdir -p "$out"
node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules \
  connected/static/css/connected.scss "$out/connected.css"
# Without its source-map comment: we ship no maps, and collectstatic's manifest refuses a reference to a
# missing file (found running the production build, docs/deploy.md).
sed '/^\/\/# sourceMappingURL=/d' node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend-*.min.js >"$out/nhsuk-frontend.min.js"
cp -r node_modules/nhsuk-frontend/dist/nhsuk/assets "$out/assets"
cp node_modules/axe-core/axe.min.js "$out/axe.min.js"
