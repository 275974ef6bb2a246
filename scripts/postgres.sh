#!/usr/bin/env bash
# Private, per-checkout PostgreSQL clusters for development and tests.
#
#   scripts/postgres.sh ensure <name>        # init + start if needed; prints the Npgsql connection string
#   scripts/postgres.sh stop <name>          # stop the cluster if it is running
#   scripts/postgres.sh psql <name> [args]   # psql against the cluster (ensures it first)
#
# Clusters live in <repo>/.data/postgres/<name>/ (git-ignored):
#   data/          PGDATA (initdb output)          password   superuser password (mode 600)
#   run/           unix socket directory            port       TCP port picked once (127.0.0.1 only)
#   postgres.log   server log                       .lock      flock(1) lock serialising this script
#
# Only the connection string goes to stdout; all diagnostics go to stderr.
# Environment: PG_BINDIR=/path/to/postgres/bin overrides binary discovery.
set -euo pipefail

# runuser lives in /usr/sbin, which is not on every PATH.
PATH="$PATH:/usr/sbin:/sbin"
prog="postgres.sh"
log() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    cat >&2 <<'EOF'
usage: scripts/postgres.sh ensure <name>
       scripts/postgres.sh stop <name>
       scripts/postgres.sh psql <name> [psql args...]
EOF
    exit 2
}

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
repo_root="$(cd "$script_dir/.." && pwd -P)"

is_root=false
[ "$(id -u)" -eq 0 ] && is_root=true

pg_user=postgres   # system user that runs the server when this script runs as root
db_user=omnichannel
db_name=omnichannel

# Run a command as the user that owns the cluster (postgres when we are root, ourselves otherwise).
# cd / first so the server/initdb never complain about an inaccessible working directory.
as_owner() {
    if $is_root; then
        (cd / && runuser -u "$pg_user" -- "$@")
    else
        (cd / && "$@")
    fi
}

# chown to the cluster owner when running as root (no-op otherwise).
own() {
    if $is_root; then
        chown "$pg_user:$pg_user" "$@"
    fi
}

# --------------------------------------------------------------------------------------------
# Binaries
# --------------------------------------------------------------------------------------------

apt_install() {
    local prefix=()
    if ! $is_root; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            prefix=(sudo -n)
        else
            die "need to install '$*' but not root and no password-less sudo; install it manually"
        fi
    fi
    command -v apt-get >/dev/null 2>&1 || die "need '$*' but apt-get is not available; install PostgreSQL manually or set PG_BINDIR"
    log "installing $* via apt-get"
    if ! ${prefix[@]+"${prefix[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >&2; then
        log "apt-get install failed; running apt-get update and retrying"
        ${prefix[@]+"${prefix[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update >&2
        ${prefix[@]+"${prefix[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >&2
    fi
}

has_server_bins() { [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/pg_isready" ] && [ -x "$1/psql" ]; }

# Prints the bin directory of a PostgreSQL installation; $1 = preferred major version (may be empty).
find_bindir() {
    local want="${1:-}" d cand=()
    if [ -n "${PG_BINDIR:-}" ]; then
        has_server_bins "$PG_BINDIR" || die "PG_BINDIR=$PG_BINDIR does not contain initdb/pg_ctl/pg_isready/psql"
        printf '%s\n' "$PG_BINDIR"
        return 0
    fi
    if [ -n "$want" ] && has_server_bins "/usr/lib/postgresql/$want/bin"; then
        printf '%s\n' "/usr/lib/postgresql/$want/bin"
        return 0
    fi
    # Debian/Ubuntu layout, highest major version first.
    if [ -d /usr/lib/postgresql ]; then
        while IFS= read -r d; do
            cand+=("/usr/lib/postgresql/$d/bin")
        done < <(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -rV)
    fi
    if command -v pg_ctl >/dev/null 2>&1; then
        cand+=("$(dirname "$(command -v pg_ctl)")")
    fi
    if command -v pg_config >/dev/null 2>&1; then
        cand+=("$(pg_config --bindir 2>/dev/null || true)")
    fi
    for d in ${cand[@]+"${cand[@]}"}; do
        if [ -n "$d" ] && has_server_bins "$d"; then
            printf '%s\n' "$d"
            return 0
        fi
    done
    return 1
}

ensure_bindir() {
    local want="${1:-}"
    if bindir="$(find_bindir "$want")"; then
        return 0
    fi
    log "PostgreSQL server binaries (initdb, pg_ctl) not found"
    apt_install postgresql
    bindir="$(find_bindir "$want")" || die "PostgreSQL binaries still not found after installing the postgresql package"
}

# --------------------------------------------------------------------------------------------
# Locations
# --------------------------------------------------------------------------------------------

short_hash() {
    if command -v sha256sum >/dev/null 2>&1; then
        printf '%s' "$1" | sha256sum | cut -c1-10
    else
        printf '%s' "$1" | cksum | cut -d' ' -f1
    fi
}

# mkdir that tolerates a concurrent creator and sets an explicit mode on a directory it creates.
mkdir_mode() {
    local mode="$1" dir="$2"
    [ -d "$dir" ] || mkdir -m "$mode" "$dir" 2>/dev/null || [ -d "$dir" ] || die "cannot create $dir"
}

# Sets cluster_dir for cluster $name.
resolve_cluster_dir() {
    local base="$repo_root/.data/postgres"
    mkdir_mode 755 "$repo_root/.data"
    mkdir_mode 755 "$base"
    cluster_dir="$base/$name"
    if $is_root; then
        command -v runuser >/dev/null 2>&1 || die "runuser (util-linux) not found; it is needed to run PostgreSQL as '$pg_user'"
        id -u "$pg_user" >/dev/null 2>&1 || die "system user '$pg_user' does not exist (it is normally created by the postgresql package)"
        # test -x on the path fails unless every ancestor directory is searchable by that user.
        if ! runuser -u "$pg_user" -- test -x "$base" 2>/dev/null; then
            cluster_dir="/var/tmp/omnichannel-pg-$(short_hash "$repo_root")-$name"
            log "note: '$pg_user' cannot traverse $base (an ancestor directory is not accessible to it);"
            log "      using $cluster_dir for the '$name' cluster instead"
        fi
    fi
    mkdir_mode 700 "$cluster_dir"
}

# The unix socket path must fit in sun_path (108 bytes incl. "/.s.PGSQL.NNNNN");
# fall back to a short private /tmp directory if the checkout path is very long.
resolve_socket_dir() {
    socket_dir="$cluster_dir/run"
    if [ $(( ${#socket_dir} + 16 )) -gt 103 ]; then
        socket_dir="/tmp/omnichannel-pg-$(short_hash "$cluster_dir")"
        log "note: socket path under $cluster_dir is too long; using $socket_dir"
    fi
    if [ ! -d "$socket_dir" ]; then
        mkdir_mode 700 "$socket_dir"
        own "$socket_dir"
    fi
}

# --------------------------------------------------------------------------------------------
# Ports
# --------------------------------------------------------------------------------------------

port_in_use() {
    local p="$1"
    if command -v ss >/dev/null 2>&1 && [ -n "$(ss -Hltn "sport = :$p" 2>/dev/null)" ]; then
        return 0
    fi
    # Something accepting connections on 127.0.0.1 (covers 0.0.0.0 listeners too).
    # shellcheck disable=SC2016 # $1 is expanded by the inner bash
    if timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$p" 2>/dev/null; then
        return 0
    fi
    return 1
}

# Ports already assigned to other clusters of this checkout (they may be stopped right now).
reserved_ports() {
    local f
    for f in "$repo_root"/.data/postgres/*/port /var/tmp/omnichannel-pg-"$(short_hash "$repo_root")"-*/port; do
        [ -f "$f" ] || continue
        [ "$f" = "$cluster_dir/port" ] && continue
        cat "$f" 2>/dev/null || true
    done
}

pick_port() {
    local start p reserved
    case "$name" in
        dev) start=55432 ;;
        test) start=55433 ;;
        *) start=55434 ;;
    esac
    reserved=" $(reserved_ports | tr '\n' ' ') "
    for (( p = start; p < start + 500; p++ )); do
        [[ $reserved == *" $p "* ]] && continue
        if ! port_in_use "$p"; then
            printf '%s\n' "$p"
            return 0
        fi
    done
    die "no free TCP port found in $start..$((start + 499))"
}

write_port() {
    printf '%s\n' "$1" >"$cluster_dir/port.tmp"
    own "$cluster_dir/port.tmp"
    mv -f "$cluster_dir/port.tmp" "$cluster_dir/port"
}

# Picks a free port and records it, serialised across clusters so that two clusters being
# created at the same time cannot choose the same port. Sets $port.
assign_port() {
    exec 8>>"$repo_root/.data/postgres/.ports.lock"
    if command -v flock >/dev/null 2>&1; then
        flock -w 120 8 || die "timed out waiting for $repo_root/.data/postgres/.ports.lock"
    fi
    port="$(pick_port)"
    write_port "$port"
    exec 8>&-
}

# --------------------------------------------------------------------------------------------
# Cluster state
# --------------------------------------------------------------------------------------------

# State letter of a live process (R, S, D, Z, ...) or nothing if it does not exist.
proc_state() { sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null || true; }

# PIDs of live (non-zombie) processes whose working directory is the data directory:
# the postmaster and all its children chdir there.
procs_in_data_dir() {
    local real_data p
    real_data="$(cd "$data_dir" && pwd -P)"
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/cwd" 2>/dev/null || true)" = "$real_data" ] || continue
        [ "$(proc_state "${p#/proc/}")" != Z ] && printf '%s ' "${p#/proc/}"
    done
    return 0
}

# True if a postmaster is running for this data directory. A postmaster.pid whose PID is dead,
# a zombie, or has been recycled by an unrelated process (typical after a reboot or container
# restart) is removed, otherwise pg_ctl start/postgres would refuse to start.
server_running() {
    local pidfile="$data_dir/postmaster.pid" pid state cwd real_data others i
    [ -f "$pidfile" ] || return 1
    pid="$(head -n1 "$pidfile" 2>/dev/null || true)"
    if [[ $pid =~ ^[0-9]+$ ]] && as_owner "$bindir/pg_ctl" status -D "$data_dir" >/dev/null 2>&1; then
        [ -d /proc/self ] || return 0   # no procfs: trust pg_ctl
        # pg_ctl only checks that the PID exists; make sure it is a live postmaster of *this* cluster.
        state="$(proc_state "$pid")"
        cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
        real_data="$(cd "$data_dir" && pwd -P)"
        if [ -n "$state" ] && [ "$state" != Z ] && [ "$cwd" = "$real_data" ]; then
            return 0
        fi
    fi
    if [ -d /proc/self ]; then
        # Never start a second postmaster while orphaned backends of a crashed one still run.
        for (( i = 0; i < 20; i++ )); do
            others="$(procs_in_data_dir)"
            [ -z "$others" ] && break
            sleep 0.5
        done
        [ -z "$others" ] || die "processes still use $data_dir (PIDs: $others) although no postmaster is running; stop them first"
    fi
    log "removing stale postmaster.pid for '$name' (PID ${pid:-?} is not a running postmaster for this cluster)"
    rm -f "$pidfile"
    rm -f "$socket_dir"/.s.PGSQL.* 2>/dev/null || true
    return 1
}

wait_ready() {
    local i
    for (( i = 0; i < 120; i++ )); do
        if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -t 2 >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.5
    done
    log "server did not become ready on 127.0.0.1:$port; last lines of $log_file:"
    tail -n 30 "$log_file" >&2 2>/dev/null || true
    die "PostgreSQL cluster '$name' is not accepting connections"
}

# psql as the superuser over the private unix socket (local auth is trust).
admin_psql() {
    "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$socket_dir" -p "$port" -U "$db_user" "$@"
}

write_config() {
    local conf="$data_dir/omnichannel.conf" tmp dsm=posix shm_kb
    # Small /dev/shm (e.g. Docker's 64 MB default) breaks parallel queries with posix DSM.
    shm_kb="$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $2}')"
    if [ -z "$shm_kb" ] || [ "$shm_kb" -lt 524288 ]; then
        dsm=mmap
    fi
    tmp="$(mktemp "$data_dir/omnichannel.conf.XXXXXX")"
    {
        echo "# Generated by scripts/postgres.sh for the '$name' cluster; rewritten on every start."
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $port"
        echo "unix_socket_directories = '$socket_dir'"
        echo "max_connections = 200"
        echo "shared_buffers = 256MB"
        echo "dynamic_shared_memory_type = $dsm"
        echo "log_line_prefix = '%m [%p] %q%u@%d '"
        if [ "$name" = test ]; then
            echo "# Throwaway test data: trade durability for speed (never do this for dev)."
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } >"$tmp"
    chmod 600 "$tmp"
    own "$tmp"
    if cmp -s "$tmp" "$conf"; then
        rm -f "$tmp"
    else
        mv -f "$tmp" "$conf"
    fi
}

init_cluster() {
    local tmp_data="$cluster_dir/data.initdb" locale_opt=(--no-locale) extra=()
    # (no "| grep -q": with pipefail an early grep exit would make the pipeline fail)
    if grep -qixE 'c\.utf-?8' <<<"$(locale -a 2>/dev/null || true)"; then
        locale_opt=(--locale=C.UTF-8)
    fi
    [ "$name" = test ] && extra+=(--no-sync)
    [[ "$("$bindir/initdb" --help 2>/dev/null || true)" == *--no-instructions* ]] && extra+=(--no-instructions)
    rm -rf "$tmp_data"
    log "initialising cluster '$name' in $data_dir"
    if ! as_owner "$bindir/initdb" -D "$tmp_data" -U "$db_user" --pwfile="$pw_file" -E UTF8 \
            "${locale_opt[@]}" --auth-local=trust --auth-host=scram-sha-256 \
            ${extra[@]+"${extra[@]}"} >&2; then
        if [ "${locale_opt[0]}" != --no-locale ]; then
            log "initdb failed with ${locale_opt[0]}; retrying with --no-locale"
            rm -rf "$tmp_data"
            as_owner "$bindir/initdb" -D "$tmp_data" -U "$db_user" --pwfile="$pw_file" -E UTF8 \
                --no-locale --auth-local=trust --auth-host=scram-sha-256 \
                ${extra[@]+"${extra[@]}"} >&2 || die "initdb failed"
        else
            die "initdb failed"
        fi
    fi
    printf "\n# Settings managed by scripts/postgres.sh\ninclude = 'omnichannel.conf'\n" >>"$tmp_data/postgresql.conf"
    # Only a completely initialised cluster ends up at data/.
    mv "$tmp_data" "$data_dir"
}

# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------

major_of() { "$1/pg_ctl" --version 2>/dev/null | awk '{print $3}' | cut -d. -f1; }

# Common preparation: locations, ownership, lock, binaries. $1=true allows installing PostgreSQL.
setup() {
    local may_install="$1"
    resolve_cluster_dir
    data_dir="$cluster_dir/data"
    pw_file="$cluster_dir/password"
    log_file="$cluster_dir/postgres.log"

    if $is_root; then
        own "$cluster_dir"
    elif [ ! -O "$cluster_dir" ]; then
        die "$cluster_dir belongs to another user (created by root?); run as that user or delete it"
    fi

    # Serialise concurrent invocations for this cluster.
    exec 9>>"$cluster_dir/.lock"
    if command -v flock >/dev/null 2>&1; then
        flock -w 600 9 || die "timed out waiting for the lock on $cluster_dir/.lock"
    else
        log "warning: flock not found; concurrent invocations are not serialised"
    fi

    # Everything in the cluster folder must belong to postgres when we run as root
    # (e.g. a cluster created by an earlier non-root run, or files root just created).
    if $is_root && [ -n "$(find "$cluster_dir" ! -user "$pg_user" -print -quit)" ]; then
        chown -R "$pg_user:$pg_user" "$cluster_dir"
    fi

    local want=""
    [ -f "$data_dir/PG_VERSION" ] && want="$(tr -dc '0-9' <"$data_dir/PG_VERSION")"
    if [ "$may_install" = true ]; then
        ensure_bindir "$want"
    else
        bindir="$(find_bindir "$want")" || return 1
    fi
    if [ -n "$want" ] && [ "$(major_of "$bindir")" != "$want" ]; then
        if [ "$name" = test ] && [ "$may_install" = true ]; then
            log "test cluster was created by PostgreSQL $want, which is not installed; recreating it"
            rm -rf "$data_dir"
        else
            die "cluster '$name' was created by PostgreSQL $want but $bindir is PostgreSQL $(major_of "$bindir"); install postgresql-$want or delete $cluster_dir"
        fi
    fi
    return 0
}

# Makes sure the cluster exists, runs and has the database. Sets $port and $conn_string.
ensure_cluster() {
    setup true

    local new_password=false
    if [ ! -s "$pw_file" ]; then
        ( umask 077; od -An -tx1 -N18 /dev/urandom | tr -d ' \n' >"$pw_file.tmp" )
        own "$pw_file.tmp"
        mv -f "$pw_file.tmp" "$pw_file"
        new_password=true
    fi
    chmod 600 "$pw_file"

    if [ ! -f "$data_dir/PG_VERSION" ]; then
        init_cluster
        new_password=false
    fi

    port=""
    [ -s "$cluster_dir/port" ] && port="$(tr -dc '0-9' <"$cluster_dir/port")"
    resolve_socket_dir

    if server_running; then
        # Trust the running server's port (line 4 of postmaster.pid) over the port file.
        local running_port
        running_port="$(sed -n 4p "$data_dir/postmaster.pid" 2>/dev/null | tr -dc '0-9')"
        if [ -n "$running_port" ] && [ "$running_port" != "$port" ]; then
            port="$running_port"
            write_port "$port"
        fi
    else
        if [ -z "$port" ]; then
            assign_port
            log "cluster '$name' will listen on 127.0.0.1:$port"
        elif port_in_use "$port"; then
            local old="$port"
            assign_port
            log "port $old is taken by another process; cluster '$name' moves to 127.0.0.1:$port"
        fi
        write_config
        log "starting cluster '$name' on 127.0.0.1:$port (log: $log_file)"
        # 8>&- 9>&-: the postmaster must not inherit (and keep holding) our lock descriptors.
        if ! as_owner "$bindir/pg_ctl" start -D "$data_dir" -l "$log_file" -w -t 120 -s >&2 8>&- 9>&-; then
            log "pg_ctl start failed; last lines of $log_file:"
            tail -n 30 "$log_file" >&2 2>/dev/null || true
            die "could not start PostgreSQL cluster '$name'"
        fi
    fi

    wait_ready

    local password
    password="$(cat "$pw_file")"
    if $new_password; then
        log "password file was missing; setting a new password for role $db_user"
        admin_psql -d postgres -c "ALTER ROLE $db_user WITH PASSWORD '$password'" >&2
    fi

    if [ "$(admin_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'")" != 1 ]; then
        log "creating database $db_name"
        admin_psql -d postgres -c "CREATE DATABASE $db_name" >&2
    fi

    conn_string="Host=127.0.0.1;Port=$port;Username=$db_user;Password=$password;Database=$db_name"
}

cmd_ensure() {
    ensure_cluster
    printf '%s\n' "$conn_string"
}

cmd_stop() {
    if [ ! -f "$repo_root/.data/postgres/$name/data/PG_VERSION" ] \
        && [ ! -f "/var/tmp/omnichannel-pg-$(short_hash "$repo_root")-$name/data/PG_VERSION" ]; then
        log "cluster '$name' does not exist"
        return 0
    fi
    if ! setup false; then
        log "PostgreSQL binaries not found; cluster '$name' cannot be running"
        return 0
    fi
    port=""
    [ -s "$cluster_dir/port" ] && port="$(tr -dc '0-9' <"$cluster_dir/port")"
    resolve_socket_dir
    if [ -f "$data_dir/PG_VERSION" ] && server_running; then
        log "stopping cluster '$name'"
        as_owner "$bindir/pg_ctl" stop -D "$data_dir" -m fast -w -t 120 -s >&2
    else
        log "cluster '$name' is not running"
    fi
}

cmd_psql() {
    ensure_cluster
    exec 9>&-   # release the lock before handing over to an interactive session
    PGPASSWORD="$(cat "$pw_file")"
    export PGPASSWORD
    exec "$bindir/psql" -h 127.0.0.1 -p "$port" -U "$db_user" -d "$db_name" "$@"
}

[ $# -ge 2 ] || usage
command="$1"
name="$2"
shift 2
[[ $name =~ ^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$ ]] || die "invalid cluster name '$name' (letters, digits, '-' and '_')"

case "$command" in
    ensure) [ $# -eq 0 ] || usage; cmd_ensure ;;
    stop) [ $# -eq 0 ] || usage; cmd_stop ;;
    psql) cmd_psql "$@" ;;
    *) usage ;;
esac
