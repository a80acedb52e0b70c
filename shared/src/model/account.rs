use serde::{Deserialize, Serialize};

/// A registered target account and what to leave out of its scans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub account_id: String,
    #[serde(default)]
    pub role_arn: Option<String>,
    #[serde(default)]
    pub external_id: Option<String>,
    /// Regions to scan; empty means every region enabled in the account.
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub excluded_regions: Vec<String>,
    #[serde(default)]
    pub excluded_resource_types: Vec<String>,
    /// Resources whose ARN matches one of these regexes are not stored nor evaluated.
    #[serde(default)]
    pub excluded_resource_regexes: Vec<String>,
    #[serde(default = "enabled")]
    pub enabled: bool,
}

fn enabled() -> bool {
    true
}
