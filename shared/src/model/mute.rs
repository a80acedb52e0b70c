use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A rule that mutes findings: the finding keeps its status but shows as MUTED and is left
/// out of scores. Matching follows Prowler's mutelist (see `crate::mute`): every listed
/// criterion must match, and a matching exception keeps the finding unmuted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MuteRule {
    pub id: String,
    /// Account ids, or `*` for any.
    pub accounts: Vec<String>,
    /// Control ids, exact or glob (`s3_*`, `*`).
    pub controls: Vec<String>,
    /// Regions: `*`, an exact name, or a regex (`eu-.*`).
    pub regions: Vec<String>,
    /// Regexes searched in the resource ARN and name; `*` matches every resource.
    pub resources: Vec<String>,
    /// `key=value` regexes; every one must match one of the resource's tags.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub exceptions: MuteExceptions,
    pub reason: String,
    /// After this instant the rule no longer applies.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

/// Findings a rule would match but must not mute. An exception applies when every
/// criterion it lists matches (unlisted criteria match anything).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MuteExceptions {
    #[serde(default)]
    pub accounts: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub resources: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl MuteExceptions {
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
            && self.regions.is_empty()
            && self.resources.is_empty()
            && self.tags.is_empty()
    }
}

impl MuteRule {
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at.is_some_and(|at| at <= now)
    }
}

/// A control taken out of a benchmark's or an account's scores (it does not apply there,
/// or is covered another way). Its findings are still stored and shown, marked masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mask {
    pub control_id: String,
    /// The benchmark it is masked in; `None` = every benchmark.
    pub benchmark: Option<String>,
    /// The account it is masked for; `None` = every account.
    pub account_id: Option<String>,
    pub reason: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

impl Mask {
    /// Whether this mask removes `control_id` from `benchmark`'s score for `account_id`.
    pub fn covers(&self, control_id: &str, benchmark: &str, account_id: &str) -> bool {
        self.control_id == control_id
            && self.benchmark.as_deref().is_none_or(|b| b == benchmark)
            && self.account_id.as_deref().is_none_or(|a| a == account_id)
    }
}
