//! GitLab's token scopes (`lib/gitlab/auth.rb`): parsing, suggestions, and who may hold which.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Api,
    ReadApi,
    ReadUser,
    CreateRunner,
    ManageRunner,
    K8sProxy,
    SelfRotate,
    ReadRepository,
    WriteRepository,
    ReadRegistry,
    WriteRegistry,
    ReadVirtualRegistry,
    WriteVirtualRegistry,
    ReadObservability,
    WriteObservability,
    AiFeatures,
    Sudo,
    AdminMode,
    ReadServicePing,
}

impl Scope {
    /// Every scope, in GitLab's order.
    pub const ALL: [Scope; 19] = [
        Scope::Api,
        Scope::ReadApi,
        Scope::ReadUser,
        Scope::CreateRunner,
        Scope::ManageRunner,
        Scope::K8sProxy,
        Scope::SelfRotate,
        Scope::ReadRepository,
        Scope::WriteRepository,
        Scope::ReadRegistry,
        Scope::WriteRegistry,
        Scope::ReadVirtualRegistry,
        Scope::WriteVirtualRegistry,
        Scope::ReadObservability,
        Scope::WriteObservability,
        Scope::AiFeatures,
        Scope::Sudo,
        Scope::AdminMode,
        Scope::ReadServicePing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Api => "api",
            Scope::ReadApi => "read_api",
            Scope::ReadUser => "read_user",
            Scope::CreateRunner => "create_runner",
            Scope::ManageRunner => "manage_runner",
            Scope::K8sProxy => "k8s_proxy",
            Scope::SelfRotate => "self_rotate",
            Scope::ReadRepository => "read_repository",
            Scope::WriteRepository => "write_repository",
            Scope::ReadRegistry => "read_registry",
            Scope::WriteRegistry => "write_registry",
            Scope::ReadVirtualRegistry => "read_virtual_registry",
            Scope::WriteVirtualRegistry => "write_virtual_registry",
            Scope::ReadObservability => "read_observability",
            Scope::WriteObservability => "write_observability",
            Scope::AiFeatures => "ai_features",
            Scope::Sudo => "sudo",
            Scope::AdminMode => "admin_mode",
            Scope::ReadServicePing => "read_service_ping",
        }
    }

    /// GitLab's one-line description, shown in prompts and help.
    pub fn description(self) -> &'static str {
        match self {
            Scope::Api => "Full read and write access to the API",
            Scope::ReadApi => "Read access to the API",
            Scope::ReadUser => "Read-only access to the user's profile",
            Scope::CreateRunner => "Create runners",
            Scope::ManageRunner => "Manage runners",
            Scope::K8sProxy => "Kubernetes API calls through the agent for Kubernetes",
            Scope::SelfRotate => "Rotate this token through the API",
            Scope::ReadRepository => "Read access (pull) to repositories",
            Scope::WriteRepository => "Read and write access (pull, push) to repositories",
            Scope::ReadRegistry => "Read access (pull) to container registry images",
            Scope::WriteRegistry => "Write access (push) to the container registry",
            Scope::ReadVirtualRegistry => "Read access to the dependency proxy",
            Scope::WriteVirtualRegistry => "Write access to the dependency proxy",
            Scope::ReadObservability => "Read access to observability data",
            Scope::WriteObservability => "Write access to observability data",
            Scope::AiFeatures => "Access to GitLab Duo features",
            Scope::Sudo => "Act as any user (administrators only)",
            Scope::AdminMode => "Admin Mode API calls (administrators only)",
            Scope::ReadServicePing => "Read Service Ping data (administrators only)",
        }
    }

    /// Scopes that only an owner with admin rights may hold.
    pub fn is_admin_only(self) -> bool {
        matches!(self, Scope::Sudo | Scope::AdminMode | Scope::ReadServicePing)
    }

    /// Project (bot) tokens may hold every non-admin scope except read_user.
    pub fn allowed_for_project(self) -> bool {
        !self.is_admin_only() && self != Scope::ReadUser
    }

    /// What the scope lets a token do in GitLab (`Gitlab::Auth.abilities_for_scopes`). Scopes
    /// outside that mapping (read_user, k8s_proxy, sudo, ...) carry no ability.
    pub fn abilities(self) -> &'static [Ability] {
        use Ability::*;
        match self {
            Scope::Api => {
                &[ReadProject, DownloadCode, ReadContainerImage, PushCode, CreateContainerImage, AdminContainerImage]
            }
            Scope::ReadApi => &[ReadProject, DownloadCode, ReadContainerImage],
            Scope::ReadRegistry => &[ReadContainerImage],
            Scope::WriteRegistry => &[CreateContainerImage],
            Scope::ReadVirtualRegistry => &[ReadDependencyProxy],
            Scope::WriteVirtualRegistry => &[WriteDependencyProxy],
            Scope::ReadRepository => &[DownloadCode],
            Scope::WriteRepository => &[DownloadCode, PushCode],
            Scope::CreateRunner => &[CreateInstanceRunner, CreateRunner],
            Scope::ManageRunner => &[AssignRunner, UpdateRunner, DeleteRunner],
            _ => &[],
        }
    }
}

/// An ability of GitLab's authentication result, named as in `Gitlab::Auth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ability {
    ReadProject,
    DownloadCode,
    PushCode,
    ReadContainerImage,
    CreateContainerImage,
    AdminContainerImage,
    ReadDependencyProxy,
    WriteDependencyProxy,
    CreateInstanceRunner,
    CreateRunner,
    AssignRunner,
    UpdateRunner,
    DeleteRunner,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let text = text.trim();
        Scope::ALL.into_iter().find(|s| s.as_str() == text).ok_or_else(|| {
            let shown = crate::domain::text::escape(text);
            let err = Error::data(format!("unknown scope '{shown}'"));
            match closest(text) {
                Some(s) => err.with_hint(format!("did you mean {s}?")),
                None => err.with_hint(format!("valid scopes: {}", names().join(", "))),
            }
        })
    }
}

pub fn names() -> Vec<&'static str> {
    Scope::ALL.iter().map(|s| s.as_str()).collect()
}

/// A sorted, de-duplicated set of scopes: the form in which they are stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scopes(Vec<Scope>);

impl Scopes {
    /// Parses one or more arguments, each possibly comma-separated (`--scopes a,b --scopes c`).
    pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Self> {
        let mut scopes = Vec::new();
        for arg in args {
            for part in arg.as_ref().split(',') {
                if part.trim().is_empty() {
                    continue;
                }
                scopes.push(part.parse::<Scope>()?);
            }
        }
        if scopes.is_empty() {
            return Err(Error::data("at least one scope is required")
                .with_hint(format!("valid scopes: {}", names().join(", "))));
        }
        Ok(Self::from_vec(scopes))
    }

    pub fn from_vec(mut scopes: Vec<Scope>) -> Self {
        scopes.sort();
        scopes.dedup();
        Scopes(scopes)
    }

    /// Reads the stored form, which patctl itself wrote.
    pub fn from_stored(text: &str) -> Result<Self> {
        Self::parse(&[text]).map_err(|e| Error::io(format!("corrupt scope list in database: {e}")))
    }

    /// The names, in order: what JSON holds (token records and audit details alike).
    pub fn names(&self) -> Vec<&'static str> {
        self.iter().map(Scope::as_str).collect()
    }

    /// The stored and displayed form: comma-separated, in GitLab's order.
    pub fn joined(&self) -> String {
        let names: Vec<&str> = self.0.iter().map(|s| s.as_str()).collect();
        names.join(",")
    }

    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }

    /// May a token holding these scopes do what `wanted` allows? Holding it does; otherwise the
    /// held scopes must carry every ability of `wanted` (a scope without abilities is only
    /// granted by itself).
    pub fn grants(&self, wanted: Scope) -> bool {
        let needed = wanted.abilities();
        self.0.contains(&wanted)
            || (!needed.is_empty()
                && needed.iter().all(|ability| self.iter().any(|held| held.abilities().contains(ability))))
    }

    /// Refuses admin-only scopes for an owner without admin rights.
    pub fn check_owner(&self, owner: &str, owner_is_admin: bool) -> Result<()> {
        match self.iter().find(|s| s.is_admin_only()) {
            Some(s) if !owner_is_admin => {
                Err(Error::data(format!("scope {s} needs an owner with admin rights, and '{owner}' is not an admin"))
                    .with_hint(format!("drop {s}, or choose an admin user")))
            }
            _ => Ok(()),
        }
    }

    /// Refuses scopes a project token may not hold.
    pub fn check_project(&self) -> Result<()> {
        self.check_resource("project")
    }

    /// Refuses scopes a group token may not hold: the same as a project token's (GitLab's
    /// resource access tokens share one list).
    pub fn check_group(&self) -> Result<()> {
        self.check_resource("group")
    }

    fn check_resource(&self, kind: &str) -> Result<()> {
        match self.iter().find(|s| !s.allowed_for_project()) {
            Some(s) => {
                Err(Error::data(format!("scope {s} is not allowed for {kind} access tokens")).with_hint(format!(
                    "{kind} tokens may use: {}",
                    Scope::ALL
                        .iter()
                        .filter(|s| s.allowed_for_project())
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )))
            }
            None => Ok(()),
        }
    }
}

/// The valid scope nearest to a misspelling, if any is near enough to be a plausible typo.
fn closest(text: &str) -> Option<Scope> {
    let text = text.to_ascii_lowercase();
    let name = crate::domain::text::suggest(&text, Scope::ALL.iter().map(|s| s.as_str()))?;
    name.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comma_separated_and_repeated_and_folds_duplicates() {
        let scopes = Scopes::parse(&["read_user,read_repository", "read_user", " api "]).unwrap();
        assert_eq!(scopes.joined(), "api,read_user,read_repository");
    }

    #[test]
    fn unknown_scope_suggests_the_closest() {
        let err = Scopes::parse(&["read_repo"]).unwrap_err();
        assert_eq!(err.exit(), crate::error::Exit::Data);
        assert_eq!(err.hint(), Some("did you mean read_repository?"));
        let err = Scopes::parse(&["raed_user"]).unwrap_err();
        assert_eq!(err.hint(), Some("did you mean read_user?"));
    }

    #[test]
    fn far_off_scope_lists_the_valid_ones() {
        let err = Scopes::parse(&["everything"]).unwrap_err();
        assert!(err.hint().unwrap().starts_with("valid scopes: api, read_api"));
    }

    #[test]
    fn empty_scope_list_is_refused() {
        assert!(Scopes::parse(&[",", ""]).is_err());
    }

    #[test]
    fn admin_scopes_need_an_admin() {
        let scopes = Scopes::parse(&["api,sudo"]).unwrap();
        assert!(scopes.check_owner("bob", false).is_err());
        assert!(scopes.check_owner("root", true).is_ok());
    }

    #[test]
    fn project_tokens_refuse_read_user_and_admin_scopes() {
        for bad in ["read_user", "sudo", "admin_mode", "read_service_ping"] {
            assert!(Scopes::parse(&[bad]).unwrap().check_project().is_err(), "{bad}");
        }
        assert!(Scopes::parse(&["api,read_repository,self_rotate"]).unwrap().check_project().is_ok());
    }

    /// The README's table: for each wanted scope, the single held scopes that grant it.
    #[test]
    fn scopes_grant_by_gitlab_abilities() {
        let granted_by = |wanted: Scope| -> Vec<&str> {
            Scope::ALL
                .into_iter()
                .filter(|held| Scopes::from_vec(vec![*held]).grants(wanted))
                .map(Scope::as_str)
                .collect()
        };
        assert_eq!(granted_by(Scope::Api), ["api"]);
        assert_eq!(granted_by(Scope::ReadApi), ["api", "read_api"]);
        assert_eq!(granted_by(Scope::ReadRepository), ["api", "read_api", "read_repository", "write_repository"]);
        assert_eq!(granted_by(Scope::WriteRepository), ["api", "write_repository"]);
        assert_eq!(granted_by(Scope::ReadRegistry), ["api", "read_api", "read_registry"]);
        assert_eq!(granted_by(Scope::WriteRegistry), ["api", "write_registry"]);
        for only_itself in [Scope::ReadUser, Scope::ReadVirtualRegistry, Scope::CreateRunner, Scope::Sudo] {
            assert_eq!(granted_by(only_itself), [only_itself.as_str()]);
        }
        // Abilities add up: read_repository and read_registry together still lack read_project.
        assert!(!Scopes::parse(&["read_repository,read_registry"]).unwrap().grants(Scope::ReadApi));
    }

    #[test]
    fn stored_form_round_trips() {
        for s in Scope::ALL {
            assert_eq!(s.as_str().parse::<Scope>().unwrap(), s);
        }
        let scopes = Scopes::parse(&["write_repository,api"]).unwrap();
        assert_eq!(Scopes::from_stored(&scopes.joined()).unwrap(), scopes);
    }
    #[test]
    fn every_scope_has_its_own_description() {
        assert_eq!(Scope::Api.description(), "Full read and write access to the API");
        let mut descriptions: Vec<&str> = Scope::ALL.iter().map(|s| s.description()).collect();
        assert!(descriptions.iter().all(|d| !d.is_empty() && d.len() > 10));
        descriptions.sort_unstable();
        descriptions.dedup();
        assert_eq!(descriptions.len(), Scope::ALL.len());
    }

    /// `Gitlab::Auth.abilities_for_scopes` for the scopes whose abilities no other scope shares
    /// (so `grants` alone cannot tell them from a scope without abilities).
    #[test]
    fn runner_and_dependency_proxy_scopes_carry_gitlabs_abilities() {
        use Ability::*;
        assert_eq!(Scope::ReadVirtualRegistry.abilities(), [ReadDependencyProxy]);
        assert_eq!(Scope::WriteVirtualRegistry.abilities(), [WriteDependencyProxy]);
        assert_eq!(Scope::CreateRunner.abilities(), [CreateInstanceRunner, CreateRunner]);
        assert_eq!(Scope::ManageRunner.abilities(), [AssignRunner, UpdateRunner, DeleteRunner]);
        assert!(Scope::ReadUser.abilities().is_empty());
    }
}
