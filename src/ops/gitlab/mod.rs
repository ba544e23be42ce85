//! `patctl import gitlab`: a GitLab instance's tokens read (never written) from its PostgreSQL
//! database or from `psql \copy` CSV files, and kept in a store with GitLab's digests.

pub mod csv_dir;
pub mod import;
pub mod plan;
pub mod postgres;
pub mod snapshot;
pub mod table;

use std::path::Path;

use crate::error::Result;
pub use snapshot::Snapshot;

/// Reads the CSV files of `dir`.
pub fn read_csv(dir: &Path) -> Result<Snapshot> {
    if !dir.is_dir() {
        return Err(crate::error::Error::not_found(format!("{} is not a directory", dir.display()))
            .with_hint("give the directory the README's \\copy recipe wrote its CSV files into"));
    }
    snapshot::build(|spec| csv_dir::read(dir, spec))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::AccessLevel;

    fn fixture(version: &str) -> (Snapshot, crate::domain::gitlab::ImportPlan, Vec<String>) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gitlab").join(format!("csv-{version}"));
        let snapshot = read_csv(&dir).unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().to_utc();
        let (plan, findings) = plan::plan(&snapshot, plan::Rules { require_expiry: true, now });
        (snapshot, plan, findings.lines())
    }

    #[test]
    fn both_gitlab_versions_read_from_their_csv_export() {
        for version in ["16.11", "17.8"] {
            let (snapshot, plan, findings) = fixture(version);
            assert_eq!(snapshot.tokens.len(), 11, "{version}");
            let ids: Vec<i64> = plan.tokens.iter().map(|t| t.id).collect();
            assert_eq!(ids, [101, 102, 103, 104, 105, 106, 107, 108, 109, 111], "{version}: 110 has no digest");
            let bot = plan.tokens.iter().find(|t| t.id == 106).unwrap();
            assert_eq!((bot.project_id, bot.access_level), (Some(7), Some(AccessLevel::Maintainer)));
            let group_bot = plan.tokens.iter().find(|t| t.id == 107).unwrap();
            assert_eq!((group_bot.group_id, group_bot.access_level), (Some(5), Some(AccessLevel::Developer)));
            assert_eq!(plan.projects[0].path, "infra/ci/deployer");
            assert_eq!(plan.groups[0].path, "infra");
            assert_eq!(plan.tokens.iter().find(|t| t.id == 103).unwrap().previous_token_id, Some(102));
            assert!(plan.users.iter().find(|u| u.username == "bob").unwrap().blocked);
            let all = findings.join("\n");
            assert!(
                all.contains("without a token_digest (made before GitLab kept digests): skipped (1: 110)"),
                "{all}"
            );
            assert!(all.contains("scope 'unknown_scope_x', which patctl does not know: dropped (1: 109)"), "{all}");
            assert!(
                all.contains("without an expiry, which tokens.require_expiry forbids: imported as they are (1: 108)"),
                "{all}"
            );
            // 7 days before 106's expiry GitLab mailed its owner: patctl will not mail again.
            assert!(plan.notices.iter().any(|n| n.token_id == 106 && n.threshold_days == 7), "{version}");
        }
        let (old, _, _) = fixture("16.11");
        assert_eq!(old.schema_version.as_deref(), Some("20240418125813"));
        let warnings = old.warnings.join("\n");
        assert!(warnings.contains("table personal_access_tokens has no column description, seven_days_notification_sent_at, thirty_days_notification_sent_at, sixty_days_notification_sent_at (an older GitLab?)"), "{warnings}");
        let (new, plan, _) = fixture("17.8");
        assert_eq!(new.schema_version.as_deref(), Some("20250110093000"));
        assert!(new.warnings.is_empty(), "{:?}", new.warnings);
        assert!(plan.notices.iter().any(|n| n.token_id == 104 && n.threshold_days == 30));
        assert_eq!(plan.tokens.iter().find(|t| t.id == 103).unwrap().description.as_deref(), Some("CI of the website"));
    }
}
