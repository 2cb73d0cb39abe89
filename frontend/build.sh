#!/usr/bin/env bash
# Build the front end once: install the pinned packages, compile the CSS and copy GOV.UK
# Frontend's JavaScript and images into ../static/govuk/. The outputs are committed, so running
# the site never needs Node; run this again only after changing the Sass or the versions.
set -euo pipefail
cd "$(dirname "$0")"

OUT=../static/govuk
npm ci --no-audit --no-fund

GOVUK=node_modules/govuk-frontend/dist/govuk
rm -rf "$OUT"
mkdir -p "$OUT/assets"

npx sass --load-path=node_modules --style=compressed --no-source-map \
    toolkit.scss "$OUT/toolkit.min.css"

# The ES module and its source map (the map too, since the module names it and a hashed
# static files storage would fail on a missing file).
cp "$GOVUK/govuk-frontend.min.js" "$GOVUK/govuk-frontend.min.js.map" "$OUT/"
# Images and the manifest only: this service does not use GDS Transport, so no fonts.
cp -R "$GOVUK/assets/images" "$OUT/assets/"
cp "$GOVUK/assets/manifest.json" "$OUT/assets/"

# The checks the design rules need: no GOV.UK font, image urls under /static/govuk/assets/.
if grep -q -e "GDS Transport" -e "@font-face" "$OUT/toolkit.min.css"; then
    echo "build.sh: the CSS still refers to GDS Transport or declares a font face" >&2
    exit 1
fi
grep -q "/static/govuk/assets/images/" "$OUT/toolkit.min.css" || {
    echo "build.sh: the CSS does not refer to /static/govuk/assets/images/" >&2
    exit 1
}
echo "Built $OUT: $(du -sh "$OUT" | cut -f1), govuk-frontend $(node -p "require('govuk-frontend/package.json').version")"
