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
#
# It also keeps the module template honest (docs/adding-a-module.md), so a
# list that must be extended fails loudly when forgotten:
#   - every workspace member declares its layer (domain, adapter, api, app,
#     test, tool, migrations): a new crate without one would escape this check;
#   - every domain crate but crm-kernel has the same layout: src/lib.rs,
#     model.rs, ports.rs, error.rs, fakes.rs, service.rs or service/, and
#     tests/service.rs (domain rules tested against the fakes);
#   - README.md's crate map names every crate.
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

layout_failed=0
while IFS=$'\t' read -r name layer dir; do
  case "$layer" in
    domain | adapter | api | app | test | tool | migrations) ;;
    *)
      echo "check-domain-deps: FAIL: $name ($dir/Cargo.toml) has no [package.metadata.crm] layer (domain, adapter, api, app, test, tool or migrations)" >&2
      layout_failed=1
      ;;
  esac
  if [ "$layer" = "domain" ] && [ "$name" != "crm-kernel" ]; then
    for f in src/lib.rs src/model.rs src/ports.rs src/error.rs src/fakes.rs tests/service.rs; do
      if [ ! -f "$dir/$f" ]; then
        echo "check-domain-deps: FAIL: domain crate $name lacks $f (the layout every domain crate shares: docs/adding-a-module.md)" >&2
        layout_failed=1
      fi
    done
    if [ ! -f "$dir/src/service.rs" ] && [ ! -d "$dir/src/service" ]; then
      echo "check-domain-deps: FAIL: domain crate $name lacks src/service.rs or src/service/" >&2
      layout_failed=1
    fi
  fi
  if [[ "$dir" == */crates/* ]] && ! grep -q "\`$name\`" README.md; then
    echo "check-domain-deps: FAIL: README.md's crate map does not name \`$name\`" >&2
    layout_failed=1
  fi
done < <(printf '%s' "$metadata_json" | python3 -c '
import json, os, sys
for p in json.load(sys.stdin)["packages"]:
    crm = (p.get("metadata") or {}).get("crm") or {}
    print(p["name"], crm.get("layer", "-"), os.path.dirname(p["manifest_path"]), sep="\t")
')
if [ "$layout_failed" -ne 0 ]; then
  echo "check-domain-deps: a crate is missing what every module has (docs/adding-a-module.md)." >&2
  exit 1
fi
echo "check-domain-deps: every crate declares its layer; domain crates share one layout; README names every crate"

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
