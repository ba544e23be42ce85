use super::sql::{Row, ToValue, Value, params_of};
use chrono::{DateTime, NaiveDate, Utc};

use super::time::{Day, Instant};
use super::{Reader, Writer};
use crate::domain::model::Token;
use crate::domain::project::AccessLevel;
use crate::domain::scope::Scopes;
use crate::domain::search::NameSearch;
use crate::domain::secret::TokenDigest;
use crate::error::{Error, Result};

/// How many columns [`TOKEN_COLUMNS`] selects: queries that add their own read from here on.
pub(super) const TOKEN_COLUMN_COUNT: usize = 20;
pub(super) const TOKEN_COLUMNS: &str = "t.id, t.user_id, u.username, t.name, t.description, t.scopes, t.expires_at,
    t.revoked, t.impersonation, t.last_used_at, t.created_at, t.updated_at, t.previous_token_id,
    t.project_id, p.path, t.access_level, t.grace_until, t.last_used_ips, t.group_id, g.path";
pub(super) const TOKEN_FROM: &str =
    "personal_access_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN projects p ON p.id = t.project_id
     LEFT JOIN groups g ON g.id = t.group_id";

pub(super) fn token_from_row(row: &Row) -> Result<Token> {
    let scopes: String = row.get(5)?;
    Ok(Token {
        id: row.get(0)?,
        user_id: row.get(1)?,
        username: row.get(2)?,
        name: row.get(3)?,
        description: row.get(4)?,
        scopes: Scopes::from_stored(&scopes)?,
        expires_at: row.get::<Option<Day>>(6)?.map(|d| d.0),
        revoked: row.get(7)?,
        impersonation: row.get(8)?,
        last_used_at: row.get::<Option<Instant>>(9)?.map(|t| t.0),
        created_at: row.get::<Instant>(10)?.0,
        updated_at: row.get::<Instant>(11)?.0,
        previous_token_id: row.get(12)?,
        project_id: row.get(13)?,
        project: row.get(14)?,
        access_level: row.get::<Option<String>>(15)?.map(|text| AccessLevel::parse(&text)).transpose()?,
        grace_until: row.get::<Option<Instant>>(16)?.map(|t| t.0),
        last_used_ips: row
            .get::<Option<String>>(17)?
            .map(|ips| ips.split(' ').map(str::to_string).collect())
            .unwrap_or_default(),
        group_id: row.get(18)?,
        group: row.get(19)?,
    })
}

pub struct NewToken<'a> {
    pub user_id: i64,
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub digest: &'a TokenDigest,
    pub scopes: &'a Scopes,
    pub expires_at: Option<NaiveDate>,
    pub impersonation: bool,
    pub previous_token_id: Option<i64>,
    /// For a project access token: its project's id and the bot's role.
    pub project: Option<(i64, AccessLevel)>,
    /// For a group access token: its group's id and the bot's role.
    pub group: Option<(i64, AccessLevel)>,
    pub created_at: DateTime<Utc>,
}

/// `list --state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    #[default]
    Active,
    Inactive,
    Revoked,
    Expired,
    All,
}

/// `list --sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortField {
    #[default]
    Id,
    Name,
    Created,
    Expires,
    LastUsed,
}

/// `list --owner-type`: GitLab's `owner_type` (human, service_account), and patctl's bots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerType {
    Human,
    /// Bot users, project bots, and the ghost user that keeps deleted bots' tokens.
    Bot,
    ServiceAccount,
}

/// The personal access token API's filters.
#[derive(Debug, Clone, Default)]
pub struct TokenFilter {
    pub user_id: Option<i64>,
    pub state: StateFilter,
    pub created_before: Option<DateTime<Utc>>,
    pub created_after: Option<DateTime<Utc>>,
    pub last_used_before: Option<DateTime<Utc>>,
    pub last_used_after: Option<DateTime<Utc>>,
    pub expires_before: Option<NaiveDate>,
    pub expires_after: Option<NaiveDate>,
    pub search: Option<NameSearch>,
    /// GitLab's `revoked`: revoked (or past a rotation's grace) or not, whatever the expiry.
    pub revoked: Option<bool>,
    pub impersonation: Option<bool>,
    pub owner_type: Option<OwnerType>,
    /// Stale tokens: never used or last used before this instant, and created before it too.
    pub unused_since: Option<DateTime<Utc>>,
    /// Only tokens that were never used.
    pub never_used: bool,
    pub sort: SortField,
    pub descending: bool,
    /// Only tokens of this project.
    pub project_id: Option<i64>,
    /// Only tokens of this group.
    pub group_id: Option<i64>,
    /// The instant rotation grace periods are judged at [default: 00:00 UTC on `today`].
    pub now: Option<DateTime<Utc>>,
}

/// A LIKE pattern for `text`, with `%`, `_` and the escape character itself taken literally,
/// and `%` around it when `partial`.
fn like_pattern(text: &str, partial: bool) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    if partial {
        pattern.push('%');
    }
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    if partial {
        pattern.push('%');
    }
    pattern
}

/// GitLab's order scopes: expiry and last use as PostgreSQL sorts them (NULL, never expiring or
/// never used, is the largest value: last ascending, first descending), ties newest id first
/// (`order_expires_at_asc_id_desc`, `order_last_used_at_desc_id_desc`, ...). Name (lower-cased),
/// creation and id, which GitLab leaves unordered on ties, break them by id the same way round.
fn order_by(sort: SortField, descending: bool) -> String {
    let direction = if descending { "DESC" } else { "ASC" };
    let nulls = if descending { "NULLS FIRST" } else { "NULLS LAST" };
    match sort {
        SortField::Id => format!(" ORDER BY t.id {direction}"),
        SortField::Name => format!(" ORDER BY lower(t.name) {direction}, t.id {direction}"),
        SortField::Created => format!(" ORDER BY t.created_at {direction}, t.id {direction}"),
        SortField::Expires => format!(" ORDER BY t.expires_at {direction} {nulls}, t.id DESC"),
        SortField::LastUsed => format!(" ORDER BY t.last_used_at {direction} {nulls}, t.id DESC"),
    }
}

impl Reader<'_> {
    fn token_where(&self, clause: &str, arg: &dyn ToValue) -> Result<Option<Token>> {
        self.db.optional(&format!("SELECT {TOKEN_COLUMNS} FROM {TOKEN_FROM} WHERE {clause}"), &[arg], token_from_row)
    }

    pub fn token_by_digest(&self, digest: &TokenDigest) -> Result<Option<Token>> {
        self.token_where("t.token_digest = ?1", &digest.0)
    }

    pub fn token_by_id(&self, id: i64) -> Result<Option<Token>> {
        self.token_where("t.id = ?1", &id)
    }

    /// The tokens rotated from `id` (normally at most one).
    pub fn successors(&self, id: i64) -> Result<Vec<Token>> {
        self.db.all(
            &format!("SELECT {TOKEN_COLUMNS} FROM {TOKEN_FROM} WHERE t.previous_token_id = ?1 ORDER BY t.id"),
            &[&id],
            token_from_row,
        )
    }

    /// Every token owned by one user, oldest first.
    pub fn tokens_of_user(&self, user_id: i64) -> Result<Vec<Token>> {
        self.db.all(
            &format!("SELECT {TOKEN_COLUMNS} FROM {TOKEN_FROM} WHERE t.user_id = ?1 ORDER BY t.id"),
            &[&user_id],
            token_from_row,
        )
    }

    /// Tokens of one owner with one name, newest first.
    pub fn tokens_named(&self, user_id: i64, name: &str) -> Result<Vec<Token>> {
        self.db.all(
            &format!(
                "SELECT {TOKEN_COLUMNS} FROM {TOKEN_FROM} WHERE t.user_id = ?1 AND t.name = ?2 ORDER BY t.id DESC"
            ),
            &[&user_id, &name],
            token_from_row,
        )
    }

    /// Calls `each` for every token that matches, streaming rows instead of collecting them.
    pub fn for_each_token(
        &self,
        filter: &TokenFilter,
        today: NaiveDate,
        mut each: impl FnMut(Token) -> Result<()>,
    ) -> Result<()> {
        let mut sql = format!("SELECT {TOKEN_COLUMNS} FROM {TOKEN_FROM} WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        let mut bind = |sql: &mut String, clause: &str, value: Value| {
            args.push(value);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        // A token rotated with a grace period counts as revoked once the grace has ended.
        let now = Instant::bound(filter.now.unwrap_or_else(|| today.and_hms_opt(0, 0, 0).expect("midnight").and_utc()));
        let today = Day::bound(today);
        const LIVE: &str = " AND t.revoked = 0 AND (t.grace_until IS NULL OR t.grace_until > ?)";
        const REVOKED: &str = " AND (t.revoked = 1 OR t.grace_until <= ?)";
        match filter.state {
            StateFilter::Active => {
                bind(&mut sql, LIVE, now.clone());
                bind(&mut sql, " AND (t.expires_at IS NULL OR t.expires_at > ?)", today)
            }
            StateFilter::Inactive => {
                bind(&mut sql, " AND (t.revoked = 1 OR t.grace_until <= ?", now.clone());
                bind(&mut sql, " OR t.expires_at <= ?)", today)
            }
            StateFilter::Revoked => bind(&mut sql, REVOKED, now.clone()),
            StateFilter::Expired => {
                bind(&mut sql, LIVE, now.clone());
                bind(&mut sql, " AND t.expires_at <= ?", today)
            }
            StateFilter::All => {}
        }
        if let Some(project_id) = filter.project_id {
            bind(&mut sql, " AND t.project_id = ?", Value::Integer(project_id));
        }
        if let Some(group_id) = filter.group_id {
            bind(&mut sql, " AND t.group_id = ?", Value::Integer(group_id));
        }
        if let Some(user_id) = filter.user_id {
            bind(&mut sql, " AND t.user_id = ?", Value::Integer(user_id));
        }
        if let Some(at) = filter.created_before {
            bind(&mut sql, " AND t.created_at <= ?", Instant::bound(at));
        }
        if let Some(at) = filter.created_after {
            bind(&mut sql, " AND t.created_at >= ?", Instant::bound(at));
        }
        if let Some(at) = filter.last_used_before {
            bind(&mut sql, " AND t.last_used_at <= ?", Instant::bound(at));
        }
        if let Some(at) = filter.last_used_after {
            bind(&mut sql, " AND t.last_used_at >= ?", Instant::bound(at));
        }
        if let Some(date) = filter.expires_before {
            bind(&mut sql, " AND t.expires_at < ?", Day::bound(date));
        }
        if let Some(date) = filter.expires_after {
            bind(&mut sql, " AND t.expires_at >= ?", Day::bound(date));
        }
        let name_like = format!(" AND t.name {} ? ESCAPE '\\'", self.db.like());
        let name_like = name_like.as_str();
        match &filter.search {
            None | Some(NameSearch::Everything) => {}
            Some(NameSearch::ContainsAll(terms)) => {
                for term in terms {
                    bind(&mut sql, name_like, Value::Text(like_pattern(term, true)));
                }
            }
            Some(NameSearch::Equals(query)) => bind(&mut sql, name_like, Value::Text(like_pattern(query, false))),
        }
        match filter.revoked {
            Some(true) => bind(&mut sql, REVOKED, now),
            Some(false) => bind(&mut sql, LIVE, now),
            None => {}
        }
        if let Some(impersonation) = filter.impersonation {
            bind(&mut sql, " AND t.impersonation = ?", Value::Integer(impersonation.into()));
        }
        match filter.owner_type {
            Some(OwnerType::Human) => sql.push_str(" AND u.user_type = 'human'"),
            Some(OwnerType::ServiceAccount) => sql.push_str(" AND u.user_type = 'service_account'"),
            Some(OwnerType::Bot) => sql.push_str(" AND u.user_type NOT IN ('human', 'service_account')"),
            None => {}
        }
        if let Some(at) = filter.unused_since {
            bind(&mut sql, " AND (t.last_used_at IS NULL OR t.last_used_at < ?)", Instant::bound(at));
            sql.push_str(&format!(" AND t.created_at < ?{}", args.len()));
        }
        if filter.never_used {
            sql.push_str(" AND t.last_used_at IS NULL");
        }
        sql.push_str(&order_by(filter.sort, filter.descending));

        self.db.each(&sql, &params_of(&args), |row| each(token_from_row(row)?))
    }
}

impl Writer<'_> {
    pub fn insert_token(&self, token: &NewToken<'_>) -> Result<Token> {
        let created = Instant(token.created_at);
        let inserted = self.db().insert_unique(
            "INSERT INTO personal_access_tokens (user_id, name, description, token_digest, scopes,
                     expires_at, revoked, impersonation, created_at, updated_at, previous_token_id,
                     project_id, access_level, group_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?8, ?9, ?10, ?11, ?12)",
            &[
                &token.user_id,
                &token.name,
                &token.description,
                &token.digest.0,
                &token.scopes.joined(),
                &token.expires_at.map(Day),
                &token.impersonation,
                &created,
                &token.previous_token_id,
                &token.project.map(|(project_id, _)| project_id),
                &token.project.or(token.group).map(|(_, level)| level.as_str()),
                &token.group.map(|(group_id, _)| group_id),
            ],
        )?;
        let id = inserted.ok_or_else(|| Error::data("token already exists"))?;
        self.token_by_id(id)?.ok_or_else(|| Error::io("token vanished after insert"))
    }

    /// Changes the role recorded on a project access token.
    pub fn set_token_project(&self, id: i64, project_id: i64, access_level: AccessLevel) -> Result<()> {
        self.db().execute(
            "UPDATE personal_access_tokens SET project_id = ?2, access_level = ?3 WHERE id = ?1",
            &[&id, &project_id, &access_level.as_str()],
        )?;
        Ok(())
    }

    /// Leaves a rotated token working until `until`, when it counts as revoked.
    pub fn set_token_grace(&self, id: i64, until: DateTime<Utc>, at: DateTime<Utc>) -> Result<()> {
        self.db().execute(
            "UPDATE personal_access_tokens SET grace_until = ?2, updated_at = ?3 WHERE id = ?1",
            &[&id, &Instant(until), &Instant(at)],
        )?;
        Ok(())
    }

    /// Gives every token of `from` to `to` (a deleted bot's tokens go to the ghost user).
    pub fn reassign_tokens(&self, from: i64, to: i64, at: DateTime<Utc>) -> Result<usize> {
        self.db().execute(
            "UPDATE personal_access_tokens SET user_id = ?2, updated_at = ?3 WHERE user_id = ?1",
            &[&from, &to, &Instant(at)],
        )
    }

    pub fn revoke_token(&self, id: i64, at: DateTime<Utc>) -> Result<()> {
        self.db().execute(
            "UPDATE personal_access_tokens SET revoked = 1, updated_at = ?2 WHERE id = ?1",
            &[&id, &Instant(at)],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn search_patterns_take_wildcards_literally() {
        assert_eq!(like_pattern("ci", true), "%ci%");
        assert_eq!(like_pattern("50%_off\\", true), "%50\\%\\_off\\\\%");
        assert_eq!(like_pattern("a_b", false), "a\\_b");
    }
}
