#!/usr/bin/env bash
# Pulls the indicators of the token's territory, page after page, following the Link header.
#   TDB_URL=https://tdb.example.fr TDB_TOKEN=tdb_… ./pull-indicators.sh 2026 > indicateurs.jsonl
# Needs curl and jq. One JSON line per structure and group of 20 indicators (values and deciles by code).
set -euo pipefail
YEAR="${1:-$(date +%Y)}"
: "${TDB_URL:?TDB_URL est requis}" "${TDB_TOKEN:?TDB_TOKEN est requis}"
auth=(-H "Authorization: Bearer ${TDB_TOKEN}")

codes=$(curl -sSf "${auth[@]}" "${TDB_URL}/api/indicators/guide?year=${YEAR}" | jq -r '.sheets[] | select(.kind != "distribution") | .code')
# The table answers at most 20 indicators at a time: ask them by groups of 20.
echo "${codes}" | xargs -n 20 | tr ' ' ',' | while read -r group; do
  next="/api/campaigns/${YEAR}/restitution/table?indicators=${group}&pageSize=500&sort=finess"
  while [ -n "${next}" ]; do
    headers=$(mktemp)
    curl -sSf "${auth[@]}" -D "${headers}" "${TDB_URL}${next}" | jq -c '.rows[]'
    # Link: <…?page=2…>; rel="next", … — no next on the last page.
    next=$(grep -i '^link:' "${headers}" | tr ',' '\n' | grep 'rel="next"' | sed -E 's/.*<([^>]+)>.*/\1/' || true)
    rm -f "${headers}"
  done
done
