//! `revoke --all`: revoke every live token matching the filters, in one transaction.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::Stamp;
use super::tokens::revoke_in;
use crate::domain::expiry::Span;
use crate::domain::model::Token;
use crate::error::{Error, Result};
use crate::store::{Event, Reader, Store, TokenFilter};

/// The filters, combined with AND; at least one must be given.
#[derive(Debug, Clone, Default)]
pub struct BulkFilter {
    pub user: Option<String>,
    pub project: Option<String>,
    pub group: Option<String>,
    /// Not used (or, never used, not created) within this span before today.
    pub unused_for: Option<Span>,
}

impl BulkFilter {
    pub fn check(&self) -> Result<()> {
        if self.user.is_none() && self.project.is_none() && self.group.is_none() && self.unused_for.is_none() {
            return Err(Error::usage("revoke --all needs --user, --project, --group or --unused-for"));
        }
        Ok(())
    }

    fn describe(&self) -> serde_json::Value {
        let mut described = json!({
            "user": self.user,
            "project": self.project,
            "unused_for": self.unused_for.map(|span| span.to_string()),
        });
        // Named only when given, so events of other filters stay as they were.
        if let Some(group) = &self.group {
            described["group"] = json!(group);
        }
        described
    }
}

/// The live tokens (active, or rotating in a grace period) that match, by id. Expired and
/// revoked tokens cannot be used and are left alone.
pub fn candidates(reader: &Reader<'_>, filter: &BulkFilter, now: DateTime<Utc>) -> Result<Vec<Token>> {
    filter.check()?;
    let today = now.date_naive();
    let mut token_filter = TokenFilter { now: Some(now), ..TokenFilter::default() };
    if let Some(user) = &filter.user {
        token_filter.user_id = Some(super::users::find(reader, user)?.id);
    }
    if let Some(project) = &filter.project {
        token_filter.project_id = Some(super::projects::find(reader, project)?.id);
    }
    if let Some(group) = &filter.group {
        token_filter.group_id = Some(super::groups::find(reader, group)?.id);
    }
    let cutoff = match filter.unused_for {
        Some(span) => Some(span.before(today)?.and_hms_opt(0, 0, 0).expect("midnight").and_utc()),
        None => None,
    };
    let mut found = Vec::new();
    reader.for_each_token(&token_filter, today, |token| {
        let last_seen = token.last_used_at.unwrap_or(token.created_at);
        if cutoff.is_none_or(|cutoff| last_seen < cutoff) {
            found.push(token);
        }
        Ok(())
    })?;
    Ok(found)
}

/// Revokes the matching tokens among `confirmed` (the ids shown to the operator) in one
/// transaction, and records one event per token plus one for the whole run.
pub fn revoke_all(store: &mut Store, filter: &BulkFilter, confirmed: &[i64], stamp: &Stamp) -> Result<Vec<Token>> {
    let confirmed: HashSet<i64> = confirmed.iter().copied().collect();
    store.write(|w| {
        let mut revoked = Vec::new();
        for token in candidates(w, filter, stamp.now)? {
            if !confirmed.contains(&token.id) {
                continue;
            }
            // Deleting a bot may have revoked this one already.
            let current = w.token_by_id(token.id)?.ok_or_else(|| Error::io("token vanished"))?;
            if current.is_revoked(stamp.now) {
                continue;
            }
            revoke_in(w, &current, "bulk", stamp)?;
            revoked.push(w.token_by_id(token.id)?.ok_or_else(|| Error::io("token vanished"))?);
        }
        if !revoked.is_empty() {
            w.record(
                stamp,
                Event {
                    action: "token.bulk_revoke",
                    target_type: "token",
                    target_id: None,
                    username: filter.user.as_deref(),
                    token_id: None,
                    details: json!({
                        "filters": filter.describe(),
                        "count": revoked.len(),
                        "token_ids": revoked.iter().map(|t| t.id).collect::<Vec<_>>(),
                    }),
                },
            )?;
        }
        Ok(revoked)
    })
}
