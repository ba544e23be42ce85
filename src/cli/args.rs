//! Arguments several commands share, flattened into each (`#[command(flatten)]`).

use crate::cli::values::unnamed;
use crate::domain::expiry::{Date, ExpiryRequest, Span};

/// The expiry of a new token (`create`, `rotate`). Each command adds its own third choice to the
/// `expiry` group (`--no-expiry`, `--keep-lifetime`), and says its default.
#[derive(Debug, Clone, clap::Args)]
#[group(skip)]
pub struct ExpiryArgs {
    /// Expiry date; the token stops working at 00:00 UTC that day
    #[arg(long, value_name = "YYYY-MM-DD", group = "expiry", value_parser = unnamed::<Date>())]
    pub expires_at: Option<Date>,

    /// Expiry as a duration from today, in whole days: 30d, 2w, 6mo, 1y
    #[arg(long, value_name = "DURATION", group = "expiry", allow_hyphen_values = true, value_parser = unnamed::<Span>())]
    pub expires_in: Option<Span>,
}

impl ExpiryArgs {
    pub fn is_given(&self) -> bool {
        self.expires_at.is_some() || self.expires_in.is_some()
    }

    /// The request the flags make (clap keeps them exclusive); `never` is `--no-expiry`.
    pub fn request(&self, never: bool) -> ExpiryRequest {
        match (self.expires_at, self.expires_in) {
            (Some(Date(date)), _) => ExpiryRequest::At(date),
            (None, Some(span)) => ExpiryRequest::In(span),
            (None, None) if never => ExpiryRequest::Never,
            (None, None) => ExpiryRequest::Default,
        }
    }
}
