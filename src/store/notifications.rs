//! Expiry scans and the notifications already sent (`token_expiry_notifications`), the claims
//! of `check-expiry --once --mail` (audit events), and the throttled last-use stamp.

use super::sql::{Engine, Value};
use super::time::{Day, Instant};
use super::tokens::{TOKEN_COLUMN_COUNT, TOKEN_COLUMNS, TOKEN_FROM, token_from_row};
use super::{Reader, Writer};
use crate::domain::model::Token;
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};

/// Which tokens an expiry check looks at: not revoked, with an expiry date in a range.
#[derive(Debug, Clone)]
pub struct ExpiryScan {
    /// Earliest expiry date (inclusive); `None` reaches back to every expired token.
    pub from: Option<NaiveDate>,
    /// Latest expiry date (inclusive).
    pub until: NaiveDate,
    pub user_id: Option<i64>,
    pub include_impersonation: bool,
    /// Leave out tokens whose expiry (threshold 0) was already notified.
    pub skip_expiry_notified: bool,
}

/// A token an expiry check may report, with what its owner needs for a message.
#[derive(Debug, Clone)]
pub struct ExpiryCandidate {
    pub token: Token,
    pub owner_name: String,
    pub owner_email: Option<String>,
    pub owner_blocked: bool,
    /// Thresholds already notified (0 = the expiry itself).
    pub notified: Vec<u32>,
}

impl Reader<'_> {
    /// Tokens that are not revoked (nor already replaced by a rotation) and expire within the
    /// scan's range, by owner then expiry.
    pub fn expiry_candidates(&self, scan: &ExpiryScan) -> Result<Vec<ExpiryCandidate>> {
        // `t.revoked = 0` and the range on expires_at let SQLite use the partial index of
        // migration 3.
        let mut sql = format!(
            "SELECT {TOKEN_COLUMNS}, u.name, u.email, u.state,
                (SELECT string_agg(CAST(n.threshold_days AS TEXT), ',') FROM token_expiry_notifications n
                 WHERE n.token_id = t.id)
             FROM {TOKEN_FROM}
             WHERE t.revoked = 0 AND t.grace_until IS NULL
               AND t.expires_at IS NOT NULL AND t.expires_at <= ?1"
        );
        let mut args: Vec<Value> = vec![Day::bound(scan.until)];
        let mut bind = |sql: &mut String, clause: &str, value: Value| {
            args.push(value);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(from) = scan.from {
            bind(&mut sql, " AND t.expires_at >= ?", Day::bound(from));
        }
        if let Some(user_id) = scan.user_id {
            bind(&mut sql, " AND t.user_id = ?", Value::Integer(user_id));
        }
        if !scan.include_impersonation {
            sql.push_str(" AND t.impersonation = 0");
        }
        if scan.skip_expiry_notified {
            sql.push_str(
                " AND NOT EXISTS (SELECT 1 FROM token_expiry_notifications n
                   WHERE n.token_id = t.id AND n.threshold_days = 0)",
            );
        }
        let mut candidates = self.db.all(&sql, &super::sql::params_of(&args), |row| {
            // The owner's columns follow the token's, however many those are.
            let base = TOKEN_COLUMN_COUNT;
            let notified: Option<String> = row.get(base + 3)?;
            Ok(ExpiryCandidate {
                token: token_from_row(row)?,
                owner_name: row.get(base)?,
                owner_email: row.get(base + 1)?,
                owner_blocked: row.get::<String>(base + 2)? == "blocked",
                notified: notified.as_deref().unwrap_or("").split(',').filter_map(|t| t.trim().parse().ok()).collect(),
            })
        })?;
        // By owner, then expiry. Sorting the few rows found here is much cheaper than letting
        // SQLite sort whole result records.
        candidates
            .sort_by_cached_key(|c| (c.token.username.to_lowercase(), c.token.user_id, c.token.expires_at, c.token.id));
        Ok(candidates)
    }
}

/// The audit action of a notice claimed for mailing: its notification row is written (so no
/// other run claims it) before sendmail runs, outside any transaction.
pub const CLAIM_ACTION: &str = "token.expiry_claim";
/// The outcomes that close a claim: mailed (the notification stands) or released (its row was
/// deleted, so the notice is due again).
pub const NOTIFY_ACTION: &str = "token.expiry_notify";
pub const RELEASE_ACTION: &str = "token.expiry_release";

/// A claim with no outcome yet: its run is still mailing, or stopped (crashed, killed) between
/// claiming and recording.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenClaim {
    pub token_id: i64,
    pub username: String,
    pub threshold_days: u32,
    pub claimed_at: DateTime<Utc>,
    /// The process that claimed it.
    pub pid: u32,
}

impl Reader<'_> {
    /// Claims no outcome event followed, oldest first. Reads the audit trail's claims (only
    /// `--mail` runs write them); each one's outcome is found through the token index.
    pub fn open_claims(&self) -> Result<Vec<OpenClaim>> {
        // The one JSON lookup the engines spell differently.
        let field = |table: &str, key: &str| match self.db.engine() {
            Engine::Sqlite => format!("json_extract({table}.details, '$.{key}')"),
            Engine::Postgres => format!("CAST({table}.details::jsonb ->> '{key}' AS BIGINT)"),
        };
        let sql = format!(
            "SELECT c.token_id, c.username, {c_threshold}, c.created_at, {c_pid}
                 FROM audit_events c
                 WHERE c.action = ?1 AND NOT EXISTS (
                     SELECT 1 FROM audit_events o
                     WHERE o.token_id = c.token_id AND o.id > c.id AND o.action IN (?2, ?3)
                       AND {o_threshold} = {c_threshold})
                 ORDER BY c.id",
            c_threshold = field("c", "threshold_days"),
            c_pid = field("c", "pid"),
            o_threshold = field("o", "threshold_days"),
        );
        self.db.all(&sql, &[&CLAIM_ACTION, &NOTIFY_ACTION, &RELEASE_ACTION], |row| {
            Ok(OpenClaim {
                token_id: row.get(0)?,
                username: row.get(1)?,
                threshold_days: row.get(2)?,
                claimed_at: row.get::<Instant>(3)?.0,
                pid: row.get(4)?,
            })
        })
    }
}

impl Writer<'_> {
    /// Deletes a notification (a claim released), so that the notice is due again.
    pub fn release_notification(&self, token_id: i64, threshold_days: u32) -> Result<()> {
        self.db()
            .execute(
                "DELETE FROM token_expiry_notifications WHERE token_id = ?1 AND threshold_days = ?2",
                &[&token_id, &threshold_days],
            )
            .map(|_| ())
    }

    /// Records that a token was notified for a threshold (0 = its expiry). Recording it again
    /// keeps the first time.
    pub fn record_notification(&self, token_id: i64, threshold_days: u32, at: DateTime<Utc>) -> Result<()> {
        self.db()
            .execute(
                "INSERT INTO token_expiry_notifications (token_id, threshold_days, notified_at)
                 VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                &[&token_id, &threshold_days, &Instant(at)],
            )
            .map(|_| ())
    }

    /// Replaces the token's last-used addresses `old` with `new`, unless another process changed
    /// them meanwhile (then it keeps theirs, as GitLab skips when its lease is taken). Returns
    /// whether it wrote.
    pub fn set_last_used_ips(&self, token_id: i64, old: &[String], new: &[String]) -> Result<bool> {
        let stored = |ips: &[String]| (!ips.is_empty()).then(|| ips.join(" "));
        let changed = self.db().execute(
            "UPDATE personal_access_tokens SET last_used_ips = ?2
             WHERE id = ?1 AND last_used_ips IS NOT DISTINCT FROM ?3",
            &[&token_id, &stored(new), &stored(old)],
        )?;
        Ok(changed > 0)
    }

    /// Sets `last_used_at` to `at` unless it is already at or after `bound` (another process may
    /// have stamped it meanwhile). Returns whether a row changed. `updated_at` is left alone, as
    /// GitLab does.
    pub fn touch_last_used(&self, token_id: i64, at: DateTime<Utc>, bound: DateTime<Utc>) -> Result<bool> {
        let changed = self.db().execute(
            "UPDATE personal_access_tokens SET last_used_at = ?2
             WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?3)",
            &[&token_id, &Instant(at), &Instant(bound)],
        )?;
        Ok(changed > 0)
    }
}
