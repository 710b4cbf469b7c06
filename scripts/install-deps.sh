#!/usr/bin/env bash
# Installs what Tereze needs to build, test and run on Debian 12, once:
# Debian packages that are missing, then the web front end's npm packages.
# Idempotent: a second run installs nothing and takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates openssl
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  libssl-dev libargon2-dev libspdlog-dev libcli11-dev libhowardhinnant-date-dev tzdata
  googletest libgtest-dev libbenchmark-dev
  libcairo2-dev libpango1.0-dev poppler-utils libzint-dev zbar-tools
  nodejs chromium fonts-dejavu-core curl procps iproute2 python3
  kannel kannel-extras  # tests run their own on free ports (with-kannel.sh), not the service
  libxlsxwriter-dev xlsx2csv  # monthly reports as XLSX, read back by the tests (R37)
  espeak-ng  # audible queue calls in kk and ru (R16, voice/speech.h)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "==> Debian packages: all present"
fi

# Debian's npm conflicts with a nodejs that bundles its own; add it only when absent.
if ! command -v npm >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm
fi

# The web front end: npm ci only when the lock file changed since the last install.
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "==> installing npm packages for web/"
  (cd web && npm ci --no-audit --no-fund)
else
  echo "==> npm packages: up to date"
fi
