//! Printing users: `user list`, `user show` and `user add`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Attention, Columns, Csv, Field, Fit, Printer, Priority, View, rfc3339};
use crate::domain::model::User;
use crate::domain::text::escape;
use crate::error::Result;

/// A user with the GitLab users API's field names; also its CSV record.
#[derive(Debug, Default, Serialize)]
pub struct UserView<'a> {
    pub id: i64,
    pub username: &'a str,
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub state: &'static str,
    pub bot: bool,
    pub is_admin: bool,
    pub user_type: &'static str,
    pub created_at: String,
}

impl<'a> UserView<'a> {
    pub fn new(user: &'a User) -> Self {
        UserView {
            id: user.id,
            username: &user.username,
            name: &user.name,
            email: user.email.as_deref(),
            state: user.state(),
            bot: user.user_type.is_bot(),
            is_admin: user.admin,
            user_type: user.user_type.as_str(),
            created_at: rfc3339(user.created_at),
        }
    }
}

/// Users, as `user list` shows them.
pub struct Users<'a>(pub &'a [User]);

const USER_COLUMNS: Columns = Columns::new(&["ID", "USERNAME", "NAME", "EMAIL", "TYPE", "ADMIN", "STATE", "CREATED"])
    .fitting(&[
        ("ID", Fit::Whole(Priority::High)),
        ("USERNAME", Fit::Shrink(Priority::High, 12)),
        ("NAME", Fit::Shrink(Priority::Normal, 12)),
        ("EMAIL", Fit::Shrink(Priority::Normal, 16)),
        ("TYPE", Fit::Whole(Priority::Low)),
        ("ADMIN", Fit::Whole(Priority::Low)),
        ("STATE", Fit::Whole(Priority::High)),
        ("CREATED", Fit::Whole(Priority::Lowest)),
    ]);

impl View for Users<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        let rows = self
            .0
            .iter()
            .map(|user| {
                let blocked = (printer.color && user.blocked).then_some(Attention::Blocked);
                vec![
                    (user.id.to_string(), None),
                    (escape(&user.username), None),
                    (escape(&user.name), None),
                    (user.email.as_deref().map(escape).unwrap_or_default(), None),
                    (user.user_type.as_str().to_string(), None),
                    (if user.admin { "yes" } else { "no" }.to_string(), None),
                    (user.state().to_string(), blocked),
                    (user.created_at.format("%Y-%m-%d").to_string(), None),
                ]
            })
            .collect();
        printer.print_rows(&USER_COLUMNS, rows)
    }

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        self.0.iter().map(UserView::new).collect::<Vec<_>>()
    }

    fn csv(&self, _now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        csv.records(self.0.iter().map(UserView::new))
    }
}

/// One user, with the number of its active tokens where they were counted (`user show`).
pub struct UserDetail<'a> {
    pub user: &'a User,
    pub active_tokens: Option<usize>,
}

#[derive(Serialize)]
struct DetailView<'a> {
    #[serde(flatten)]
    user: UserView<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    active_tokens: Option<usize>,
}

impl View for UserDetail<'_> {
    fn table(&self, printer: &mut Printer) -> Result<()> {
        let user = self.user;
        let mut fields: Vec<Field> = vec![
            ("ID", user.id.to_string(), None),
            ("Username", escape(&user.username), None),
            ("Name", escape(&user.name), None),
            ("Email", user.email.as_deref().map(escape).unwrap_or_else(|| "none".into()), None),
            ("Type", user.user_type.as_str().to_string(), None),
            ("Admin", if user.admin { "yes" } else { "no" }.to_string(), None),
            ("State", user.state().to_string(), None),
            ("Created", format!("{} UTC", user.created_at.format("%Y-%m-%d %H:%M:%S")), None),
        ];
        if let Some(active) = self.active_tokens {
            fields.push(("Active tokens", active.to_string(), None));
        }
        printer.detail(fields)
    }

    fn json(&self, _now: DateTime<Utc>) -> impl Serialize + '_ {
        DetailView { user: UserView::new(self.user), active_tokens: self.active_tokens }
    }

    fn csv(&self, now: DateTime<Utc>, csv: &mut Csv) -> Result<()> {
        Users(std::slice::from_ref(self.user)).csv(now, csv)
    }
}
