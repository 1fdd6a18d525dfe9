#!/usr/bin/env bash
# Validates every compose file under docker/ offline with docker-compose v1 (`config -q` parses,
# resolves anchors and variables, and checks the schema; no Docker engine is needed).
# Installs docker-compose from Debian when it is missing and this runs as root; fails otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "docker-compose is missing: installing it with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
  else
    echo "FAIL: docker-compose is not installed and cannot be installed here (needs root and apt-get)." >&2
    echo "      Install it (Debian/Ubuntu: apt-get install docker-compose) and run this again." >&2
    exit 1
  fi
fi

shopt -s nullglob
files=(docker/compose*.yaml docker/compose*.yml)
if [ ${#files[@]} -eq 0 ]; then
  echo "FAIL: no compose files under docker/" >&2
  exit 1
fi

failed=0
for file in "${files[@]}"; do
  if output=$(docker-compose -f "$file" config -q 2>&1); then
    echo "ok      $file"
  else
    echo "INVALID $file" >&2
    echo "$output" | sed 's/^/        /' >&2
    failed=1
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "FAIL: compose validation" >&2
  exit 1
fi
echo "compose files valid: ${#files[@]}"
