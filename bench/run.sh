#!/usr/bin/env bash
# patctl at a million tokens, measured against the sqlite3 shell on the same file, or (ENGINE=postgres)
# against psql on the same PostgreSQL server and socket.
#
#   bench/run.sh                  # build the release binary, build the database, time, print a table
#   ENGINE=postgres bench/run.sh  # the same on a throwaway PostgreSQL server of its own (see below)
#   RUNS=31 bench/run.sh          # more runs per operation (default 15; 5 for the 1M-row list)
#   BENCH_DIR=/var/tmp/b bench/run.sh
#   REUSE=1 bench/run.sh          # keep an existing database in BENCH_DIR (skip the 1M build)
#   PATCTL_BIN=/path/to/patctl bench/run.sh   # benchmark that binary instead of building one
#
# Needs: cargo, sqlite3 (apt-get install sqlite3; for ENGINE=postgres see below), GNU time
# (/usr/bin/time), awk, sha256sum.
# What it does:
#   1. builds 1,000,000 tokens over 10,000 users with `patctl apply` (one users file, then ten
#      files of 100,000 tokens each), timing each apply; then re-applies the last file unchanged;
#   2. times whole processes, alternating patctl and sqlite3 running the equivalent SQL with the
#      same pragmas (busy_timeout 5000, journal_mode WAL, synchronous FULL, foreign_keys ON) on the
#      same file, and prints medians and the ratio patctl/sqlite3;
#   3. measures peak RSS of `list --state all --format json` over all tokens (and prints that of
#      each apply, measured in step 1).
# The figures are noisy on a shared machine: read them as a range.
#
# ENGINE=postgres: needs PostgreSQL's server binaries (PG_BIN, default the newest
# /usr/lib/postgresql/*/bin; apt-get install postgresql) and psql. The script starts its own server
# in BENCH_DIR/postgres/pg (as the `postgres` user when run as root: initdb refuses root), with
# listen_addresses='' (a Unix socket there, no TCP port), trust auth, fsync on
# (PG_FSYNC=off to compare), the distribution's defaults otherwise, and stops it on exit (the data
# directory stays, for REUSE=1; psql is PG_BIN's). It builds the same 1,000,000 tokens with the same applies into a
# database `patctl` (PATCTL_DB=postgresql://postgres@/patctl?host=BENCH_DIR/postgres/pg), and times each
# operation against psql running the statements patctl sends (read from the server's statement
# log), one by one as patctl does, with the values inlined, over the same socket.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-15}
LIST_RUNS=${LIST_RUNS:-5}
USERS=${USERS:-10000}
CHUNKS=${CHUNKS:-10}
CHUNK=${CHUNK:-100000}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/patctl-bench}
ENGINE=${ENGINE:-sqlite}
NOW=2026-11-23T10:00:00Z
TODAY=2026-11-23
WEEK=2026-11-30

case $ENGINE in
    sqlite) command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; } ;;
    postgres)
        PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
        [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/psql" ] ||
            { echo "bench: PostgreSQL is needed (apt-get install postgresql, or PG_BIN=DIR of pg_ctl)" >&2; exit 1; }
        WORK=$WORK/postgres ;;               # its own apply files, secrets and server
    *) echo "bench: ENGINE is sqlite or postgres" >&2; exit 1 ;;
esac
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed at /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ -n "${PATCTL_BIN:-}" ]; then
    BIN=$PATCTL_BIN                      # e.g. a build of the merged main branch
else
    cargo build --release --quiet
    BIN=$ROOT/target/release/patctl
fi
DB=$WORK/patctl.db
mkdir -p "$WORK/config"
export PATCTL_DB=$DB PATCTL_NOW=$NOW PATCTL_NO_INPUT=1 XDG_CONFIG_HOME=$WORK/config USER=bench
unset PATCTL_CONFIG

if [ "$ENGINE" = postgres ]; then
    PGDIR=$WORK/pg
    PG_URI="postgresql://postgres@/patctl?host=$PGDIR"
    export PATCTL_DB=$PG_URI
    as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    mkdir -p "$PGDIR"
    [ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
    if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
        as_pg "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
    fi
    as_pg "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
        -o "-k $PGDIR -c listen_addresses='' -c fsync=${PG_FSYNC:-on}" start >/dev/null
    trap 'as_pg "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null' EXIT
    # PG_BIN's psql itself: Debian's /usr/bin/psql is a Perl wrapper that adds ~60 ms a run.
    pg() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
    q() { pg -A -t "$PG_URI" -c "$1"; }
    store_exists() { [ "$(pg -A -t "postgresql://postgres@/postgres?host=$PGDIR" -c "SELECT count(*) FROM pg_database WHERE datname = 'patctl'")" = 1 ]; }
    reset_store() {
        pg "postgresql://postgres@/postgres?host=$PGDIR" -c "DROP DATABASE IF EXISTS patctl WITH (FORCE)" -c "CREATE DATABASE patctl"
    }
else
    q() { sqlite3 "$DB" "$1"; }
    store_exists() { [ -f "$DB" ]; }
    reset_store() { rm -f "$DB" "$DB-wal" "$DB-shm"; }
fi

APPLY_MS=()
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
now() { echo "$EPOCHREALTIME"; }

# ---------------------------------------------------------------------------------------------
# 1. The database, built with patctl apply.
if [ "${REUSE:-0}" != 1 ] || ! store_exists; then
    reset_store
    rm -f "$WORK"/*.tsv "$WORK"/*.toml
    echo "bench: writing apply files to $WORK" >&2
    awk -v n="$USERS" 'BEGIN {
        print "managed_by = \"bench-users\""
        for (u = 1; u <= n; u++) printf "\n[[users]]\nusername = \"user%05d\"\nbot = %s\n", u, (u % 10 == 0 ? "true" : "false")
    }' > "$WORK/users.toml"
    scopes[0]='["api"]'; scopes[1]='["read_api"]'; scopes[2]='["read_repository", "read_user"]'
    for ((c = 0; c < CHUNKS; c++)); do
        awk -v c="$c" -v size="$CHUNK" -v users="$USERS" 'BEGIN {
            split("[\"api\"]|[\"read_api\"]|[\"read_repository\", \"read_user\"]|[\"read_registry\"]", sc, "|")
            printf "managed_by = \"bench-chunk-%d\"\n", c
            for (k = 0; k < size; k++) {
                i = c * size + k
                # about 1% expire within the 7-day window of check-expiry; the rest in 30-330 days
                days = (i % 100 == 0) ? 1 + (i % 7) : 30 + (i % 300)
                printf "\n[[tokens]]\nuser = \"user%05d\"\nname = \"token-%07d\"\nscopes = %s\nexpires_in = \"%dd\"\n",
                    (i % users) + 1, i, sc[(i % 4) + 1], days
            }
        }' > "$WORK/chunk-$c.toml"
    done
    t0=$(now); "$BIN" apply "$WORK/users.toml" >/dev/null; t1=$(now)
    echo "bench: apply of $USERS users: $(ms "$t0" "$t1") ms" >&2
    for ((c = 0; c < CHUNKS; c++)); do
        t0=$(now)
        /usr/bin/time -f "%M" -o "$WORK/apply-rss-$c" \
            "$BIN" apply "$WORK/chunk-$c.toml" --tokens-out "$WORK/chunk-$c.tsv" >/dev/null
        t1=$(now)
        APPLY_MS[$c]=$(ms "$t0" "$t1")
        echo "bench: apply of chunk $c ($CHUNK new tokens): ${APPLY_MS[$c]} ms, peak RSS $(cat "$WORK/apply-rss-$c") KB" >&2
    done
fi
LAST=$((CHUNKS - 1))
t0=$(now)
/usr/bin/time -f "%M" -o "$WORK/reapply-rss" "$BIN" apply "$WORK/chunk-$LAST.toml" > "$WORK/reapply.out"
t1=$(now)
REAPPLY_MS=$(ms "$t0" "$t1"); REAPPLY_RSS=$(tail -1 "$WORK/reapply-rss")
echo "bench: re-apply of chunk $LAST unchanged: $REAPPLY_MS ms, peak RSS $REAPPLY_RSS KB ($(tail -1 "$WORK/reapply.out"))" >&2
TOTAL=$(q "SELECT count(*) FROM personal_access_tokens")
WINDOW=$(q "SELECT count(*) FROM personal_access_tokens WHERE revoked = 0 AND expires_at >= '$TODAY' AND expires_at <= '$WEEK'")
echo "bench: $TOTAL tokens, $WINDOW in the 7-day expiry window" >&2

# A known secret for revoke/verify: the first generated token of chunk 0.
SECRET_FILE=$WORK/secret.token
awk -F'\t' 'NR == 1 { print $3; exit }' "$WORK/chunk-0.tsv" > "$SECRET_FILE"
DIGEST=$(tr -d '\n' < "$SECRET_FILE" | sha256sum | cut -d' ' -f1)
RID=$(q "SELECT id FROM personal_access_tokens WHERE token_digest = '$DIGEST'")
SHOW_ID=$((TOTAL / 2))

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# compare NAME RUNS PREPARE PATCTL_CMD OTHER_CMD : runs both commands alternately (each after
# PREPARE, untimed), stdout to /dev/null, and records the medians.
ROWS=()
REF=sqlite3
compare() {
    local name=$1 runs=$2 prepare=$3 pcmd=$4 scmd=$5 a b t0 t1 i
    : > "$WORK/p.times"; : > "$WORK/s.times"
    for ((i = 0; i < runs; i++)); do
        for side in p s; do
            eval "$prepare" >/dev/null 2>&1 || true
            if [ $side = p ]; then a=$pcmd; else a=$scmd; fi
            t0=$(now); eval "$a" >/dev/null 2>&1 </dev/null || true; t1=$(now)
            ms "$t0" "$t1" >> "$WORK/$side.times"; echo >> "$WORK/$side.times"
        done
    done
    a=$(median < "$WORK/p.times"); b=$(median < "$WORK/s.times")
    ROWS+=("$(printf '| %s | %s | %s | %s |' "$name" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')")")
    echo "bench: $name: patctl $a ms, $REF $b ms" >&2
}

apply_table() {
    echo "| apply | time | peak RSS |"
    echo "|---|---|---|"
    if [ "${#APPLY_MS[@]}" -gt 0 ]; then
        echo "| apply of $CHUNK new tokens into an empty token table (chunk 0) | ${APPLY_MS[0]} ms | $(tail -1 "$WORK/apply-rss-0") KB |"
        echo "| apply of $CHUNK new tokens into $(((CHUNKS - 1) * CHUNK)) (chunk $LAST) | ${APPLY_MS[$LAST]} ms | $(tail -1 "$WORK/apply-rss-$LAST") KB |"
    fi
    echo "| re-apply of chunk $LAST unchanged | $REAPPLY_MS ms | $REAPPLY_RSS KB |"
}

if [ "$ENGINE" = postgres ]; then
    # shellcheck source=bench/postgres.sh
    . "$ROOT/bench/postgres.sh"
    exit 0
fi

# ---------------------------------------------------------------------------------------------
# 2. Alternating timings.
PRAGMAS="PRAGMA busy_timeout = 5000; PRAGMA application_id; PRAGMA user_version; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
# The columns and joins patctl itself reads for a token (src/store/tokens.rs).
COLS="t.id, t.user_id, u.username, t.name, t.description, t.scopes, t.expires_at, t.revoked, t.impersonation, t.last_used_at, t.created_at, t.updated_at, t.previous_token_id, t.project_id, p.path, t.access_level, t.grace_until, t.last_used_ips, t.group_id, g.path"
FROM="personal_access_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN projects p ON p.id = t.project_id LEFT JOIN groups g ON g.id = t.group_id"
sq() { sqlite3 -batch "$DB" "$PRAGMAS $1"; }
sqj() { sqlite3 -batch -json "$DB" "$PRAGMAS $1"; }


compare "create one token" "$RUNS" ":" \
    "\"$BIN\" create --user user00042 --name bench-create --scopes api --expires-in 30d --raw" \
    "sq \"BEGIN IMMEDIATE; SELECT id, username, state, admin, user_type FROM users WHERE username = 'user00042';
        INSERT INTO personal_access_tokens (user_id, name, token_digest, scopes, expires_at, created_at, updated_at)
          SELECT id, 'bench-create', lower(hex(randomblob(32))), 'api', '2026-12-23', '$NOW', '$NOW' FROM users WHERE username = 'user00042';
        SELECT $COLS FROM $FROM WHERE t.id = last_insert_rowid();
        INSERT INTO audit_events (created_at, actor, action, target_type, target_id, username, token_id, details)
          VALUES ('$NOW', 'bench', 'token.create', 'token', last_insert_rowid(), 'user00042', last_insert_rowid(), '{}');
        COMMIT;\""

compare "revoke one token by its string" "$RUNS" \
    "sqlite3 \"$DB\" \"PRAGMA busy_timeout = 5000; UPDATE personal_access_tokens SET revoked = 0 WHERE id = $RID\"" \
    "\"$BIN\" revoke --token-file \"$SECRET_FILE\" --yes" \
    "sq \"BEGIN IMMEDIATE; SELECT $COLS FROM $FROM WHERE t.token_digest = '$DIGEST';
        UPDATE personal_access_tokens SET revoked = 1, updated_at = '$NOW' WHERE token_digest = '$DIGEST';
        INSERT INTO audit_events (created_at, actor, action, target_type, target_id, username, token_id, details)
          VALUES ('$NOW', 'bench', 'token.revoke', 'token', $RID, 'user00001', $RID, '{}');
        COMMIT;\""
sqlite3 "$DB" "PRAGMA busy_timeout = 5000; UPDATE personal_access_tokens SET revoked = 0 WHERE id = $RID" >/dev/null

compare "verify one token" "$RUNS" ":" \
        "\"$BIN\" verify --token-file \"$SECRET_FILE\" --scope api" \
        "sq \"SELECT $COLS FROM $FROM WHERE t.token_digest = '$DIGEST';
            UPDATE personal_access_tokens SET last_used_at = '$NOW' WHERE token_digest = '$DIGEST'
              AND (last_used_at IS NULL OR last_used_at < '2026-11-23T09:50:00Z');\""

compare "show one token" "$RUNS" ":" \
    "\"$BIN\" show $SHOW_ID --format json" \
    "sqj \"SELECT $COLS FROM $FROM WHERE t.id = $SHOW_ID\""

compare "check-expiry over $TOTAL tokens ($WINDOW in window)" "$RUNS" ":" \
    "\"$BIN\" check-expiry" \
    "sq \"SELECT $COLS, u.name, u.email, u.state,
            (SELECT group_concat(n.threshold_days) FROM token_expiry_notifications n WHERE n.token_id = t.id)
          FROM $FROM WHERE t.revoked = 0 AND t.grace_until IS NULL AND t.impersonation = 0
            AND t.expires_at >= '$TODAY' AND t.expires_at <= '$WEEK'
          ORDER BY u.username COLLATE NOCASE, u.id, t.expires_at, t.id\""

compare "list --state all --format json ($TOTAL rows)" "$LIST_RUNS" ":" \
    "\"$BIN\" list --state all --format json" \
    "sqj \"SELECT $COLS FROM $FROM ORDER BY t.id\""

# ---------------------------------------------------------------------------------------------
# 3. Peak memory of the full list.
/usr/bin/time -f "%M" -o "$WORK/rss-p" "$BIN" list --state all --format json >/dev/null
/usr/bin/time -f "%M" -o "$WORK/rss-s" sqlite3 -batch -json "$DB" "$PRAGMAS SELECT $COLS FROM $FROM ORDER BY t.id" >/dev/null
RSS_P=$(tail -1 "$WORK/rss-p"); RSS_S=$(tail -1 "$WORK/rss-s")

echo
echo "patctl benchmark: $TOTAL tokens over $USERS users; $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); $(date -u +%Y-%m-%d)"
echo
echo "| operation (whole process, median ms) | patctl | sqlite3 | ratio |"
echo "|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
apply_table
echo
echo "peak RSS of list --state all --format json: patctl $RSS_P KB, sqlite3 $RSS_S KB"
