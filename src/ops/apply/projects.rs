//! The extension point for project entries of an apply file: `[[projects]]` and tokens with
//! `project = "GROUP/PROJECT"` and `access_level`.
//!
//! The file format, parsing and checks (path rule, access level, project-token scopes) are done
//! in `manifest.rs`. Projects, their bot users and project access tokens are built by another
//! change (issue 4); until it is wired in here, `check_supported` refuses a file with project
//! entries before the database is touched, naming the first such entry.
//!
//! To wire it: make `check_supported` accept the entries, then in `mod.rs` plan each
//! `ProjectEntry` (create or leave the project) before the tokens, and resolve a token owner
//! `Owner::Project { path, access_level }` to the project's bot user for that token (creating it
//! with the role on create/rotate), marking the token managed exactly as personal tokens are.

use super::manifest::{Manifest, Owner};
use crate::error::{Error, Result};

/// Refuses project entries while project access tokens are not available to apply.
pub fn check_supported(manifest: &Manifest) -> Result<()> {
    let not_yet = |what: &str| {
        Error::data(format!("{what} are not yet supported by patctl apply"))
            .with_hint("declare users and personal tokens only for now; project access tokens come in a later version")
    };
    if let Some(project) = manifest.projects.first() {
        return Err(manifest.error_at(&project.place, "path", not_yet("[[projects]] entries")));
    }
    if let Some(token) = manifest.tokens.iter().find(|t| matches!(t.owner, Owner::Project { .. })) {
        return Err(manifest.error_at(&token.place, "project", not_yet("project access tokens")));
    }
    Ok(())
}
