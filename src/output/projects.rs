//! Printing projects: `project add`, `project list` and `project show`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Columns, Csv, Field, Fit, Printer, Priority, View, rfc3339};
use crate::domain::group::Group;
use crate::domain::model::{Member, Token};
use crate::domain::project::Project;
use crate::domain::text::escape;
use crate::error::Result;
use crate::ops::projects::{Detail, Summary};
use crate::output::tokens::{TokenRecord, TokenView};

/// A project or a group (the two print alike); also its CSV record.
#[derive(Debug, Default, Serialize)]
pub struct ResourceView<'a> {
    pub id: i64,
    pub path: &'a str,
    pub name: &'a str,
    pub created_at: String,
}

impl<'a> ResourceView<'a> {
    pub fn new(project: &'a Project) -> Self {
        ResourceView {
            id: project.id,
            path: &project.path,
            name: &project.name,
            created_at: rfc3339(project.created_at),
        }
    }

    pub fn group(group: &'a Group) -> Self {
        ResourceView { id: group.id, path: &group.path, name: &group.name, created_at: rfc3339(group.created_at) }
    }
}

#[derive(Debug, Serialize)]
pub struct MemberView<'a> {
    pub user_id: i64,
    pub username: &'a str,
    pub user_type: &'static str,
    pub access_level: &'static str,
    /// GitLab's numeric access level (10 guest ... 50 owner).
    pub access_level_value: u8,
    pub created_at: String,
}

impl<'a> MemberView<'a> {
    pub fn new(member: &'a Member) -> Self {
        MemberView {
            user_id: member.user_id,
            username: &member.username,
            user_type: member.user_type.as_str(),
            access_level: member.access_level.as_str(),
            access_level_value: member.access_level.gitlab_value(),
            created_at: rfc3339(member.created_at),
        }
    }
}

#[derive(Debug, Serialize)]
pub(super) struct SummaryView<'a> {
    #[serde(flatten)]
    pub(super) resource: ResourceView<'a>,
    pub(super) members: Vec<MemberView<'a>>,
    pub(super) members_count: usize,
    pub(super) active_tokens: i64,
}

#[derive(Debug, Default, Serialize)]
pub(super) struct SummaryRecord<'a> {
    pub(super) id: i64,
    pub(super) path: &'a str,
    pub(super) name: &'a str,
    pub(super) members_count: usize,
    pub(super) active_tokens: i64,
    pub(super) created_at: String,
}

#[derive(Debug, Serialize)]
pub(super) struct DetailView<'a> {
    #[serde(flatten)]
    pub(super) resource: ResourceView<'a>,
    pub(super) members: Vec<MemberView<'a>>,
    pub(super) members_count: usize,
    pub(super) tokens: Vec<TokenView<'a>>,
}

/// A member in CSV, named with its project.
#[derive(Debug, Default, Serialize)]
struct MemberRecord<'a> {
    project: &'a str,
    user_id: i64,
    username: &'a str,
    user_type: &'static str,
    access_level: &'static str,
}

/// One project, as `project add` made or found it.
pub struct ProjectAdded<'a>(pub &'a Project);

impl View for ProjectAdded<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        printer.line(&format!("{} (id {})", escape(&self.0.path), self.0.id))
    }

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        ResourceView::new(self.0)
    }

    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        csv.record(&ResourceView::new(self.0))
    }
}

/// A project `project remove` removed, with the tokens it revoked (their bots deleted).
pub struct ProjectRemoved<'a> {
    pub project: &'a Project,
    pub revoked: &'a [Token],
}

#[derive(Debug, Serialize)]
pub(super) struct RemovedView<'a> {
    #[serde(flatten)]
    pub(super) resource: ResourceView<'a>,
    /// The tokens revoked with it: the same name and shape as in `project show`.
    pub(super) tokens: Vec<TokenView<'a>>,
}

impl View for ProjectRemoved<'_> {
    /// The note on stderr says what was removed.
    fn table(&self, _printer: &mut Printer) -> Result<()> {
        Ok(())
    }

    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_ {
        RemovedView {
            resource: ResourceView::new(self.project),
            tokens: self.revoked.iter().map(|t| TokenView::new(t, now)).collect(),
        }
    }

    /// The revoked tokens, one record each, as `patctl list` writes them.
    fn csv(&self, now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        csv.records(self.revoked.iter().map(|t| TokenRecord::new(t, now)))
    }
}

/// Projects with their members and active token counts, as `project list` shows them.
pub struct Projects<'a>(pub &'a [Summary]);

const PROJECT_COLUMNS: Columns =
    Columns::new(&["ID", "PATH", "NAME", "MEMBERS", "ACTIVE TOKENS", "CREATED"]).fitting(&[
        ("ID", Fit::Whole(Priority::High)),
        ("PATH", Fit::Shrink(Priority::High, 16)),
        ("NAME", Fit::Shrink(Priority::Normal, 12)),
        ("MEMBERS", Fit::Whole(Priority::Low)),
        ("ACTIVE TOKENS", Fit::Whole(Priority::Normal)),
        ("CREATED", Fit::Whole(Priority::Lowest)),
    ]);

impl View for Projects<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        if self.0.is_empty() {
            printer.note("no projects");
            return Ok(());
        }
        let rows = self
            .0
            .iter()
            .map(|s| {
                [
                    s.project.id.to_string(),
                    escape(&s.project.path),
                    escape(&s.project.name),
                    s.members.len().to_string(),
                    s.active_tokens.to_string(),
                    s.project.created_at.format("%Y-%m-%d").to_string(),
                ]
                .into_iter()
                .map(|text| (text, None))
                .collect()
            })
            .collect();
        printer.print_rows(&PROJECT_COLUMNS, rows)
    }

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        self.0
            .iter()
            .map(|s| SummaryView {
                resource: ResourceView::new(&s.project),
                members: s.members.iter().map(MemberView::new).collect(),
                members_count: s.members.len(),
                active_tokens: s.active_tokens,
            })
            .collect::<Vec<_>>()
    }

    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        csv.records(self.0.iter().map(|s| SummaryRecord {
            id: s.project.id,
            path: &s.project.path,
            name: &s.project.name,
            members_count: s.members.len(),
            active_tokens: s.active_tokens,
            created_at: rfc3339(s.project.created_at),
        }))
    }
}

/// What `project show` and `group show` print as a table: the resource's fields (id, path, name,
/// creation), then its members and its tokens.
pub(super) fn print_resource(
    printer: &mut Printer,
    (id, path, name, created_at): (i64, &str, &str, DateTime<Utc>),
    members: &[Member],
    tokens: &[Token],
) -> Result<()> {
    let fields: Vec<Field> = vec![
        ("ID", id.to_string(), None),
        ("Path", escape(path), None),
        ("Name", escape(name), None),
        ("Created", format!("{} UTC", created_at.format("%Y-%m-%d %H:%M:%S")), None),
    ];
    printer.detail(fields)?;
    printer.line("")?;
    printer.line("Members:")?;
    if members.is_empty() {
        printer.line("  none")?;
    } else {
        let rows = members
            .iter()
            .map(|m| {
                [
                    escape(&m.username),
                    m.user_type.as_str().to_string(),
                    m.access_level.as_str().to_string(),
                    m.created_at.format("%Y-%m-%d").to_string(),
                ]
                .into_iter()
                .map(|text| (text, None))
                .collect()
            })
            .collect();
        printer.print_rows(&MEMBER_COLUMNS, rows)?;
    }
    printer.line("")?;
    printer.line("Tokens:")?;
    if tokens.is_empty() {
        return printer.line("  none");
    }
    let rows = tokens
        .iter()
        .map(|t| {
            let attention = printer.attention(t);
            vec![
                (t.id.to_string(), None),
                (escape(&t.username), None),
                (escape(&t.name), None),
                (t.scopes.joined().replace(',', ", "), None),
                (t.access_level.map(|l| l.as_str()).unwrap_or("").to_string(), None),
                (printer.expires_text(t), None),
                (t.state(printer.now).as_str().to_string(), attention),
            ]
        })
        .collect();
    printer.print_rows(&RESOURCE_TOKEN_COLUMNS, rows)
}

/// One project with its members and tokens, as `project show` shows it.
pub struct ProjectDetail<'a>(pub &'a Detail);

const MEMBER_COLUMNS: Columns = Columns::new(&["USERNAME", "TYPE", "ROLE", "SINCE"]).fitting(&[
    ("USERNAME", Fit::Shrink(Priority::High, 12)),
    ("TYPE", Fit::Whole(Priority::Normal)),
    ("ROLE", Fit::Whole(Priority::High)),
    ("SINCE", Fit::Whole(Priority::Low)),
]);
const RESOURCE_TOKEN_COLUMNS: Columns = Columns::new(&["ID", "USER", "NAME", "SCOPES", "ROLE", "EXPIRES", "STATE"])
    .fitting(&[
        ("ID", Fit::Whole(Priority::High)),
        ("USER", Fit::Shrink(Priority::High, 12)),
        ("NAME", Fit::Shrink(Priority::High, 12)),
        ("SCOPES", Fit::Shrink(Priority::Low, 10)),
        ("ROLE", Fit::Whole(Priority::Normal)),
        ("EXPIRES", Fit::Shrink(Priority::Normal, 11)),
        ("STATE", Fit::Whole(Priority::High)),
    ]);

impl View for ProjectDetail<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        let detail = self.0;
        let project = &detail.project;
        print_resource(
            printer,
            (project.id, &project.path, &project.name, project.created_at),
            &detail.members,
            &detail.tokens,
        )
    }

    fn json(&self, now: DateTime<Utc>) -> impl Serialize + '_ {
        let detail = self.0;
        DetailView {
            resource: ResourceView::new(&detail.project),
            members: detail.members.iter().map(MemberView::new).collect(),
            members_count: detail.members.len(),
            tokens: detail.tokens.iter().map(|t| TokenView::new(t, now)).collect(),
        }
    }

    /// One row per member; tokens are listed by `patctl list --project PATH`.
    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        let detail = self.0;
        csv.records(detail.members.iter().map(|m| MemberRecord {
            project: &detail.project.path,
            user_id: m.user_id,
            username: &m.username,
            user_type: m.user_type.as_str(),
            access_level: m.access_level.as_str(),
        }))
    }
}
