#!/usr/bin/env bash
# Run every test in Omnichannel.sln (unit, integration and browser tests).
#
#   scripts/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Inbox]
#
# - Browser tests need Chromium: /usr/bin/chromium is installed with apt-get if missing.
# - Database: if OMNICHANNEL_TEST_DB is unset and no Docker engine answers, the private 'test'
#   PostgreSQL cluster (scripts/postgres.sh ensure test) is started and OMNICHANNEL_TEST_DB is set
#   to its connection string; with Docker the tests use Testcontainers instead.
#   Set OMNICHANNEL_NO_DOCKER=1 to use the local cluster even when Docker is available.
# Exits with the status of `dotnet test`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo_root"

log() { printf 'test.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

command -v dotnet >/dev/null 2>&1 \
    || die "'dotnet' was not found on PATH; install the .NET 10 SDK (https://dot.net/download) and try again"

export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"

apt_install() {
    local prefix=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            prefix=(sudo -n)
        else
            log "warning: cannot install $* (not root and no password-less sudo)"
            return 1
        fi
    fi
    command -v apt-get >/dev/null 2>&1 || { log "warning: cannot install $* (no apt-get)"; return 1; }
    log "installing $* via apt-get"
    ${prefix[@]+"${prefix[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >&2 && return 0
    log "apt-get install failed; running apt-get update and retrying"
    ${prefix[@]+"${prefix[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update >&2 \
        && ${prefix[@]+"${prefix[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >&2
}

deb_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

ensure_chromium() {
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    if command -v dpkg-query >/dev/null 2>&1 && ! deb_installed fonts-dejavu-core; then
        missing+=(fonts-dejavu-core)
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    apt_install "${missing[@]}" \
        || log "warning: could not install ${missing[*]}; browser tests will fail without /usr/bin/chromium"
}

docker_available() {
    [ "${OMNICHANNEL_NO_DOCKER:-0}" != 1 ] \
        && command -v docker >/dev/null 2>&1 \
        && timeout 20 docker info >/dev/null 2>&1
}

ensure_chromium

if [ -n "${OMNICHANNEL_TEST_DB:-}" ]; then
    log "using OMNICHANNEL_TEST_DB from the environment"
elif docker_available; then
    log "Docker engine found: integration tests will use Testcontainers"
else
    OMNICHANNEL_TEST_DB="$("$repo_root/scripts/postgres.sh" ensure test)"
    export OMNICHANNEL_TEST_DB
    log "no Docker engine: using the private 'test' PostgreSQL cluster (OMNICHANNEL_TEST_DB)"
fi

exec dotnet test Omnichannel.sln -c Release --logger "console;verbosity=normal" "$@"
