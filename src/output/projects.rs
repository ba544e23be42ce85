//! Printing projects: `project list` and `project show`.

use comfy_table::{Cell, ContentArrangement, Table, presets};
use serde::Serialize;

use super::{Format, Printer, TokenView, csv_line, rfc3339};
use crate::domain::project::{Member, Project};
use crate::domain::text::escape;
use crate::error::Result;
use crate::ops::projects::{Detail, Summary};

#[derive(Debug, Serialize)]
pub struct ProjectView<'a> {
    pub id: i64,
    pub path: &'a str,
    pub name: &'a str,
    pub created_at: String,
}

impl<'a> ProjectView<'a> {
    pub fn new(project: &'a Project) -> Self {
        ProjectView {
            id: project.id,
            path: &project.path,
            name: &project.name,
            created_at: rfc3339(project.created_at),
        }
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
struct SummaryView<'a> {
    #[serde(flatten)]
    project: ProjectView<'a>,
    members: usize,
    active_tokens: i64,
}

#[derive(Debug, Serialize)]
struct DetailView<'a> {
    #[serde(flatten)]
    project: ProjectView<'a>,
    members: Vec<MemberView<'a>>,
    tokens: Vec<TokenView<'a>>,
}

impl Printer {
    /// One project (after `project add`).
    pub fn project(&mut self, project: &Project) -> Result<()> {
        let view = ProjectView::new(project);
        match self.format {
            Format::Json => self.json(&view),
            Format::Csv => {
                self.write_str(&csv_line(&["id", "path", "name", "created_at"]))?;
                self.write_str(&csv_line(&[view.id.to_string(), view.path.into(), view.name.into(), view.created_at]))
            }
            Format::Table => self.line(&format!("{} (id {})", escape(&project.path), project.id)),
        }
    }

    pub fn projects(&mut self, projects: &[Summary]) -> Result<()> {
        match self.format {
            Format::Json => {
                let views: Vec<SummaryView<'_>> = projects
                    .iter()
                    .map(|s| SummaryView {
                        project: ProjectView::new(&s.project),
                        members: s.members,
                        active_tokens: s.active_tokens,
                    })
                    .collect();
                self.json(&views)
            }
            Format::Csv => {
                self.write_str(&csv_line(&["id", "path", "name", "members", "active_tokens", "created_at"]))?;
                for s in projects {
                    self.write_str(&csv_line(&[
                        s.project.id.to_string(),
                        s.project.path.clone(),
                        s.project.name.clone(),
                        s.members.to_string(),
                        s.active_tokens.to_string(),
                        rfc3339(s.project.created_at),
                    ]))?;
                }
                Ok(())
            }
            Format::Table => {
                if projects.is_empty() {
                    self.note("no projects");
                    return Ok(());
                }
                let mut table = self.table(&["ID", "PATH", "NAME", "MEMBERS", "ACTIVE TOKENS", "CREATED"]);
                for s in projects {
                    table.add_row(vec![
                        Cell::new(s.project.id),
                        Cell::new(escape(&s.project.path)),
                        Cell::new(escape(&s.project.name)),
                        Cell::new(s.members),
                        Cell::new(s.active_tokens),
                        Cell::new(s.project.created_at.format("%Y-%m-%d")),
                    ]);
                }
                self.print_table(&table)
            }
        }
    }

    pub fn project_detail(&mut self, detail: &Detail) -> Result<()> {
        let now = self.now;
        match self.format {
            Format::Json => {
                let view = DetailView {
                    project: ProjectView::new(&detail.project),
                    members: detail.members.iter().map(MemberView::new).collect(),
                    tokens: detail.tokens.iter().map(|t| TokenView::new(t, now)).collect(),
                };
                self.json(&view)
            }
            Format::Csv => {
                // One row per member; tokens are listed by `patctl list --project PATH`.
                self.write_str(&csv_line(&["project", "user_id", "username", "user_type", "access_level"]))?;
                for m in &detail.members {
                    self.write_str(&csv_line(&[
                        detail.project.path.clone(),
                        m.user_id.to_string(),
                        m.username.clone(),
                        m.user_type.as_str().to_string(),
                        m.access_level.as_str().to_string(),
                    ]))?;
                }
                Ok(())
            }
            Format::Table => {
                let mut table = Table::new();
                table.load_style(presets::NOTHING).set_content_arrangement(ContentArrangement::Dynamic);
                for (label, value) in [
                    ("ID:", detail.project.id.to_string()),
                    ("Path:", escape(&detail.project.path)),
                    ("Name:", escape(&detail.project.name)),
                    ("Created:", format!("{} UTC", detail.project.created_at.format("%Y-%m-%d %H:%M:%S"))),
                ] {
                    table.add_row(vec![label.to_string(), value]);
                }
                self.print_table(&table)?;
                self.line("")?;
                self.line("Members:")?;
                if detail.members.is_empty() {
                    self.line("  none")?;
                } else {
                    let mut members = self.table(&["USERNAME", "TYPE", "ROLE", "SINCE"]);
                    for m in &detail.members {
                        members.add_row(vec![
                            Cell::new(escape(&m.username)),
                            Cell::new(m.user_type.as_str()),
                            Cell::new(m.access_level.as_str()),
                            Cell::new(m.created_at.format("%Y-%m-%d")),
                        ]);
                    }
                    self.print_table(&members)?;
                }
                self.line("")?;
                self.line("Tokens:")?;
                if detail.tokens.is_empty() {
                    return self.line("  none");
                }
                let mut tokens = self.table(&["ID", "USER", "NAME", "SCOPES", "ROLE", "EXPIRES", "STATE"]);
                for t in &detail.tokens {
                    tokens.add_row(vec![
                        Cell::new(t.id),
                        Cell::new(escape(&t.username)),
                        Cell::new(escape(&t.name)),
                        Cell::new(t.scopes.joined().replace(',', ", ")),
                        Cell::new(t.access_level.map(|l| l.as_str()).unwrap_or("")),
                        Cell::new(self.expires_text(t)),
                        self.state_cell(t, t.state(now).as_str().to_string()),
                    ]);
                }
                self.print_table(&tokens)
            }
        }
    }
}
