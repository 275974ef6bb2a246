#!/usr/bin/env bash
# Run the Omnichannel web app locally (http://localhost:5080 by default) with demo data.
#
# Database, unless ConnectionStrings__Default is already set:
#   - a Docker engine answers -> `docker compose up -d postgres` (postgres:16 on 127.0.0.1:5432);
#   - otherwise               -> a private PostgreSQL cluster via `scripts/postgres.sh ensure dev`.
# Set OMNICHANNEL_NO_DOCKER=1 to skip Docker even when it is available.
#
# Environment: OMNICHANNEL_URLS (default http://localhost:5080), Demo__Seed (default true),
# Demo__Simulator (default: same as Demo__Seed; simulated customers write to the demo inbox),
# ASPNETCORE_ENVIRONMENT (default Development). Extra arguments are passed to the app.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo_root"

log() { printf 'run.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

command -v dotnet >/dev/null 2>&1 \
    || die "'dotnet' was not found on PATH; install the .NET 10 SDK (https://dot.net/download) and try again"

compose=()
# True (and sets $compose) if a Docker engine answers and a Compose implementation exists.
docker_available() {
    [ "${OMNICHANNEL_NO_DOCKER:-0}" != 1 ] || return 1
    command -v docker >/dev/null 2>&1 || return 1
    timeout 20 docker info >/dev/null 2>&1 || return 1
    if docker compose version >/dev/null 2>&1; then
        compose=(docker compose)
    elif command -v docker-compose >/dev/null 2>&1; then
        compose=(docker-compose)
    else
        log "a Docker engine answers but Docker Compose is missing; not using Docker"
        return 1
    fi
}

wait_for_compose_postgres() {
    local id status i
    id="$("${compose[@]}" ps -q postgres)"
    [ -n "$id" ] || die "docker compose did not start the postgres service"
    for (( i = 0; i < 90; i++ )); do
        status="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "$id" 2>/dev/null || true)"
        case "$status" in
            healthy) return 0 ;;
            exited | dead) die "the postgres container stopped; see: ${compose[*]} logs postgres" ;;
        esac
        sleep 2
    done
    die "postgres container not healthy after 180 s (status: ${status:-unknown}); see: ${compose[*]} logs postgres"
}

if [ -z "${ConnectionStrings__Default:-}" ]; then
    if docker_available; then
        log "Docker engine found: starting PostgreSQL with docker compose"
        "${compose[@]}" up -d postgres
        wait_for_compose_postgres
        ConnectionStrings__Default="Host=127.0.0.1;Port=5432;Username=omnichannel;Password=omnichannel;Database=omnichannel"
    else
        log "no Docker engine: using the private 'dev' PostgreSQL cluster (scripts/postgres.sh)"
        ConnectionStrings__Default="$("$repo_root/scripts/postgres.sh" ensure dev)"
    fi
    export ConnectionStrings__Default
fi

export Demo__Seed="${Demo__Seed:-true}"
export Demo__Simulator="${Demo__Simulator:-$Demo__Seed}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
urls="${OMNICHANNEL_URLS:-http://localhost:5080}"

log "starting Omnichannel.Web on $urls (environment $ASPNETCORE_ENVIRONMENT, Demo__Seed=$Demo__Seed, Demo__Simulator=$Demo__Simulator)"
exec dotnet run --project src/Omnichannel.Web -c Release --urls "$urls" "$@"
