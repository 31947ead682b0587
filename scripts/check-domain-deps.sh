#!/usr/bin/env bash
# Proves the domain crates stay free of I/O frameworks: none of them may depend,
# directly or transitively (normal dependencies), on a web framework, an ORM,
# an HTTP client or a JSON library.
#
# Domain crates are the workspace members whose Cargo.toml says
#   [package.metadata.crm]
#   layer = "domain"
# plus, always, crm-kernel and crm-identity, plus any names in
# $CRM_EXTRA_DOMAIN_CRATES (space-separated; handy to see the check fail).
set -euo pipefail
cd "$(dirname "$0")/.."

FORBIDDEN_RE='^(actix-web|sea-orm|sea-orm-[a-z-]+|sqlx|sqlx-[a-z-]+|reqwest|serde_json) v'
ALWAYS=(crm-kernel crm-identity)

metadata_json=$(cargo metadata --no-deps --format-version 1 --offline 2>/dev/null \
  || cargo metadata --no-deps --format-version 1)
mapfile -t tagged < <(printf '%s' "$metadata_json" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["packages"]:
    crm = (p.get("metadata") or {}).get("crm") or {}
    if crm.get("layer") == "domain":
        print(p["name"])
')

if [ "${#tagged[@]}" -eq 0 ]; then
  echo "check-domain-deps: no crate carries [package.metadata.crm] layer = \"domain\" yet;"
  echo "check-domain-deps: falling back to the explicit list: ${ALWAYS[*]}"
fi
# shellcheck disable=SC2086 # word splitting of the extra list is intended
mapfile -t crates < <(printf '%s\n' "${tagged[@]}" "${ALWAYS[@]}" ${CRM_EXTRA_DOMAIN_CRATES:-} | sed '/^$/d' | sort -u)

echo "check-domain-deps: forbidden in domain crates: actix-web, sea-orm*, sqlx*, reqwest, serde_json"
failed=0
for crate in "${crates[@]}"; do
  tree=$(cargo tree -p "$crate" -e normal --prefix none --target all --all-features 2>&1) || {
    echo "check-domain-deps: FAIL: cargo tree -p $crate failed:" >&2
    echo "$tree" >&2
    failed=1
    continue
  }
  offenders=$(printf '%s\n' "$tree" | grep -E "$FORBIDDEN_RE" | awk '{print $1}' | sort -u || true)
  count=$(printf '%s\n' "$tree" | awk '{print $1" "$2}' | sort -u | wc -l)
  if [ -n "$offenders" ]; then
    failed=1
    for dep in $offenders; do
      echo "check-domain-deps: FAIL: domain crate $crate depends on $dep; path:" >&2
      cargo tree -p "$crate" -e normal --target all --all-features -i "$dep" 2>&1 | sed 's/^/    /' >&2 || true
    done
  else
    echo "check-domain-deps: ok   $crate ($count crates in its normal dependency tree, none forbidden)"
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "check-domain-deps: domain crates must not depend on I/O frameworks (see ARCHITECTURE: the hexagon)." >&2
  exit 1
fi
echo "check-domain-deps: ${#crates[@]} domain crate(s) clean: ${crates[*]}"
