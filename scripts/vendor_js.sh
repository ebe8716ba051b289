#!/usr/bin/env bash
# Re-create book/_static/vendor from the npm registry at the versions altair expects
# (dltrends.render.VEGA_VERSION etc.). Formulas need no script: book/_ext/mathml.py
# writes them as MathML when the book is built.
# Run once after changing the pinned altair; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
versions=$(.venv/bin/python -c "from dltrends import render as r; print(r.VEGA_VERSION, r.VEGALITE_VERSION, r.VEGAEMBED_VERSION)")
read -r vega vegalite vegaembed <<<"$versions"
(cd "$tmp" && npm pack --silent "vega@$vega" "vega-lite@$vegalite" "vega-embed@$vegaembed" >/dev/null)
for pkg in vega vega-lite vega-embed; do
  mkdir -p "$tmp/$pkg" && tar xzf "$tmp/$pkg"-[0-9]*.tgz -C "$tmp/$pkg"
done
out=book/_static/vendor
mkdir -p "$out"
cp "$tmp/vega/package/build/vega.min.js" "$tmp/vega-lite/package/build/vega-lite.min.js" \
   "$tmp/vega-embed/package/build/vega-embed.min.js" "$out/"
for pkg in vega vega-lite vega-embed; do cp "$tmp/$pkg/package/LICENSE" "$out/LICENSE-$pkg"; done
(cd "$out" && sha256sum *.js > SHA256SUMS)
echo "vendored vega $vega, vega-lite $vegalite, vega-embed $vegaembed into $out"
