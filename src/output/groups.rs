//! Printing groups: `group add`, `group list` and `group show`, as `projects.rs` prints projects.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Columns, Csv, Printer, View, rfc3339};
use crate::domain::group::Group;
use crate::domain::model::Token;
use crate::domain::text::escape;
use crate::error::Result;
use crate::ops::groups::{Detail, Summary};
use crate::output::projects::{DetailView, MemberView, RemovedView, ResourceView, SummaryRecord, SummaryView};
use crate::output::tokens::{TokenRecord, TokenView};

/// A member in CSV, named with its group.
#[derive(Debug, Default, Serialize)]
struct MemberRecord<'a> {
    group: &'a str,
    user_id: i64,
    username: &'a str,
    user_type: &'static str,
    access_level: &'static str,
}

/// One group, as `group add` made or found it.
pub struct GroupAdded<'a>(pub &'a Group);

impl View for GroupAdded<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        printer.line(&format!("{} (id {})", escape(&self.0.path), self.0.id))
    }

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        ResourceView::group(self.0)
    }

    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        csv.record(&ResourceView::group(self.0))
    }
}

/// A group `group remove` removed, with the tokens it revoked (their bots deleted).
pub struct GroupRemoved<'a> {
    pub group: &'a Group,
    pub revoked: &'a [Token],
}

impl View for GroupRemoved<'_> {
    /// The note on stderr says what was removed.
    fn table(&self, _printer: &mut Printer) -> Result<()> {
        Ok(())
    }

    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_ {
        RemovedView {
            resource: ResourceView::group(self.group),
            tokens: self.revoked.iter().map(|t| TokenView::new(t, now)).collect(),
        }
    }

    /// The revoked tokens, one record each, as `patctl list` writes them.
    fn csv(&self, now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        csv.records(self.revoked.iter().map(|t| TokenRecord::new(t, now)))
    }
}

/// Groups with their members and active token counts, as `group list` shows them.
pub struct Groups<'a>(pub &'a [Summary]);

const GROUP_COLUMNS: Columns = Columns::new(&["ID", "PATH", "NAME", "MEMBERS", "ACTIVE TOKENS", "CREATED"]);

impl View for Groups<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        if self.0.is_empty() {
            printer.note("no groups");
            return Ok(());
        }
        let rows = self
            .0
            .iter()
            .map(|s| {
                [
                    s.group.id.to_string(),
                    escape(&s.group.path),
                    escape(&s.group.name),
                    s.members.len().to_string(),
                    s.active_tokens.to_string(),
                    s.group.created_at.format("%Y-%m-%d").to_string(),
                ]
                .into_iter()
                .map(|text| (text, None))
                .collect()
            })
            .collect();
        printer.print_rows(&GROUP_COLUMNS, rows)
    }

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        self.0
            .iter()
            .map(|s| SummaryView {
                resource: ResourceView::group(&s.group),
                members: s.members.iter().map(MemberView::new).collect(),
                members_count: s.members.len(),
                active_tokens: s.active_tokens,
            })
            .collect::<Vec<_>>()
    }

    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        csv.records(self.0.iter().map(|s| SummaryRecord {
            id: s.group.id,
            path: &s.group.path,
            name: &s.group.name,
            members_count: s.members.len(),
            active_tokens: s.active_tokens,
            created_at: rfc3339(s.group.created_at),
        }))
    }
}

/// One group with its members and tokens, as `group show` shows it.
pub struct GroupDetail<'a>(pub &'a Detail);

impl View for GroupDetail<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        let detail = self.0;
        let group = &detail.group;
        super::projects::print_resource(
            printer,
            (group.id, &group.path, &group.name, group.created_at),
            &detail.members,
            &detail.tokens,
        )
    }

    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_ {
        let detail = self.0;
        DetailView {
            resource: ResourceView::group(&detail.group),
            members: detail.members.iter().map(MemberView::new).collect(),
            members_count: detail.members.len(),
            tokens: detail.tokens.iter().map(|t| TokenView::new(t, now)).collect(),
        }
    }

    /// One row per member; tokens are listed by `patctl list --group PATH`.
    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        let detail = self.0;
        csv.records(detail.members.iter().map(|m| MemberRecord {
            group: &detail.group.path,
            user_id: m.user_id,
            username: &m.username,
            user_type: m.user_type.as_str(),
            access_level: m.access_level.as_str(),
        }))
    }
}
