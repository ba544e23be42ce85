# The PostgreSQL half of bench/run.sh (ENGINE=postgres), sourced by it after the 1M build:
# times patctl against psql on the same server and socket, and prints the table.
#
# Each psql side is a script of the statements patctl sends for that command (as the server's
# statement log shows them, `log_statement = all`), with the values inlined, run with `psql -f`:
# psql sends them one at a time, as patctl does. patctl prepares each statement (one more round
# trip the first time) and reads citext's type once per process; psql does neither.

SQL=$WORK/sql
mkdir -p "$SQL"
WRITE_LOCK=1346458691                # "PATC", src/store/postgres/mod.rs
COLS="t.id, t.user_id, u.username, t.name, t.description, t.scopes, t.expires_at, t.revoked, t.impersonation, t.last_used_at, t.created_at, t.updated_at, t.previous_token_id, t.project_id, p.path, t.access_level, t.grace_until, t.last_used_ips, t.group_id, g.path"
FROM="personal_access_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN projects p ON p.id = t.project_id LEFT JOIN groups g ON g.id = t.group_id"
# What every command runs first: the session's lock wait, the schema version, the pepper check.
OPEN="SET lock_timeout = 5000;
SELECT to_regclass('patctl_schema') IS NOT NULL;
SELECT coalesce(max(version), 0) FROM patctl_schema;
SELECT value FROM meta WHERE key = 'pepper_fingerprint';"
REF=psql
pq() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$PG_URI" -f "$SQL/$1.sql"; }

CREATE_UID=$(q "SELECT id FROM users WHERE username = 'user00042'")
RID_UID=$(q "SELECT user_id FROM personal_access_tokens WHERE id = $RID")
RID_USER=$(q "SELECT username FROM users WHERE id = $RID_UID")

cat > "$SQL/create.sql" <<EOF
$OPEN
BEGIN;
SELECT pg_advisory_xact_lock($WRITE_LOCK);
SELECT id, username, name, email, user_type, state, admin, created_at FROM users WHERE username = 'user00042';
SAVEPOINT patctl_insert;
INSERT INTO personal_access_tokens (user_id, name, description, token_digest, scopes, expires_at, revoked,
    impersonation, created_at, updated_at, previous_token_id, project_id, access_level, group_id)
  VALUES ($CREATE_UID, 'bench-create', NULL, md5(random()::text) || md5(random()::text), 'api', '2026-12-23', 0,
    0, '$NOW', '$NOW', NULL, NULL, NULL, NULL) RETURNING id \gset
RELEASE SAVEPOINT patctl_insert;
SELECT $COLS FROM $FROM WHERE t.id = :id;
INSERT INTO audit_events (created_at, actor, action, target_type, target_id, username, token_id, details)
  VALUES ('$NOW', 'bench', 'token.create', 'token', :id, 'user00042', :id, '{"name":"bench-create","scopes":["api"],"expires_at":"2026-12-23","impersonation":false,"project":null,"access_level":null,"preset":false,"clock":"fixed"}');
COMMIT;
EOF

cat > "$SQL/revoke.sql" <<EOF
$OPEN
SELECT $COLS FROM $FROM WHERE t.token_digest = '$DIGEST';
BEGIN;
SELECT pg_advisory_xact_lock($WRITE_LOCK);
SELECT $COLS FROM $FROM WHERE t.id = $RID;
UPDATE personal_access_tokens SET revoked = 1, updated_at = '$NOW' WHERE id = $RID;
INSERT INTO audit_events (created_at, actor, action, target_type, target_id, username, token_id, details)
  VALUES ('$NOW', 'bench', 'token.revoke', 'token', $RID, '$RID_USER', $RID, '{"name":"token-0000000","scopes":["api"],"reason":"revoke","project":null,"clock":"fixed"}');
COMMIT;
EOF

# last_used_at was set by the untimed first verify: within the throttle, patctl only reads.
cat > "$SQL/verify.sql" <<EOF
$OPEN
SELECT $COLS FROM $FROM WHERE t.token_digest = '$DIGEST';
SELECT id, username, name, email, user_type, state, admin, created_at FROM users WHERE id = $RID_UID;
EOF

cat > "$SQL/show.sql" <<EOF
$OPEN
SELECT $COLS FROM $FROM WHERE t.id = $SHOW_ID;
EOF

cat > "$SQL/check-expiry.sql" <<EOF
$OPEN
SELECT $COLS, u.name, u.email, u.state,
    (SELECT string_agg(CAST(n.threshold_days AS TEXT), ',') FROM token_expiry_notifications n WHERE n.token_id = t.id)
  FROM $FROM
  WHERE t.revoked = 0 AND t.grace_until IS NULL
    AND t.expires_at IS NOT NULL AND t.expires_at <= '$WEEK' AND t.expires_at >= '$TODAY' AND t.impersonation = 0;
EOF

cat > "$SQL/list.sql" <<EOF
$OPEN
SELECT $COLS FROM $FROM WHERE 1 = 1 ORDER BY t.id ASC;
EOF

# ---------------------------------------------------------------------------------------------
# 2. Alternating timings.
compare "create one token" "$RUNS" ":" \
    "\"$BIN\" create --user user00042 --name bench-create --scopes api --expires-in 30d --raw" \
    "pq create"

compare "revoke one token by its string" "$RUNS" \
    "q \"UPDATE personal_access_tokens SET revoked = 0 WHERE id = $RID\"" \
    "\"$BIN\" revoke --token-file \"$SECRET_FILE\" --yes" \
    "pq revoke"
q "UPDATE personal_access_tokens SET revoked = 0 WHERE id = $RID" >/dev/null

"$BIN" verify --token-file "$SECRET_FILE" --scope api >/dev/null 2>&1
compare "verify one token" "$RUNS" ":" \
    "\"$BIN\" verify --token-file \"$SECRET_FILE\" --scope api" \
    "pq verify"

compare "show one token" "$RUNS" ":" \
    "\"$BIN\" show $SHOW_ID --format json" \
    "pq show"

compare "check-expiry over $TOTAL tokens ($WINDOW in window)" "$RUNS" ":" \
    "\"$BIN\" check-expiry" \
    "pq check-expiry"

compare "list --state all --format json ($TOTAL rows)" "$LIST_RUNS" ":" \
    "\"$BIN\" list --state all --format json" \
    "pq list"

# ---------------------------------------------------------------------------------------------
# 3. Peak memory of the full list (psql collects a whole result before printing it).
/usr/bin/time -f "%M" -o "$WORK/rss-p" "$BIN" list --state all --format json >/dev/null
/usr/bin/time -f "%M" -o "$WORK/rss-s" "$PG_BIN/psql" -X -q -A -t "$PG_URI" -f "$SQL/list.sql" >/dev/null
RSS_P=$(tail -1 "$WORK/rss-p"); RSS_S=$(tail -1 "$WORK/rss-s")

echo
echo "patctl benchmark on PostgreSQL $(q "SHOW server_version") (fsync $(q "SHOW fsync"), Unix socket): $TOTAL tokens over $USERS users; $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); $(date -u +%Y-%m-%d)"
echo
echo "| operation (whole process, median ms) | patctl | psql | ratio |"
echo "|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
apply_table
echo
echo "peak RSS of list --state all --format json: patctl $RSS_P KB, psql $RSS_S KB"
