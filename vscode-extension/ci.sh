#!/usr/bin/env bash
# CI for the VS Code extension: Debian packages for the e2e test, the extension's own npm dependencies
# (outside the root's `npm ci`), build, package the .vsix, and the end-to-end test in a real VS Code
# (code-server 4.100.3, cached in $KLI_E2E_CACHE or ~/.cache/kli-e2e).
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)
stamp() { echo "[vscode-extension ci] $1 ($(($(date +%s) - start)) s)"; }

packages=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
stamp 'Debian packages'

# The server bundle is built from the repository's sources and their dependencies; the e2e test uses the
# repository's kli CLI (bin/kli.js) for sample data, tests and runs.
[ -d ../node_modules/chevrotain ] || (cd .. && npm ci --no-audit --no-fund)
[ -f ../dist/compiler/cli/index.js ] || (cd .. && npm run build)
npm ci --no-audit --no-fund
stamp 'npm ci'
npm run typecheck
npm run package
stamp "packaged kli-$(node -p 'require("./package.json").version').vsix"
npm run test:e2e
stamp 'e2e passed'
