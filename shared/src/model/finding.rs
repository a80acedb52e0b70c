use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The outcome of one control on one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Pass,
    Fail,
    /// A person must verify this; the APIs cannot decide it.
    Info,
    /// Could not be evaluated (access denied, API unavailable); never counted as PASS or FAIL.
    Error,
    /// The control does not apply to this resource.
    Skipped,
    /// Matched a mute rule; the finding keeps the status it would have had.
    Muted,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Pass,
        Status::Fail,
        Status::Info,
        Status::Error,
        Status::Skipped,
        Status::Muted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Info => "INFO",
            Status::Error => "ERROR",
            Status::Skipped => "SKIPPED",
            Status::Muted => "MUTED",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown status {s:?} (expected PASS, FAIL, INFO, ERROR, SKIPPED or MUTED)")
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Informational,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Informational,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Informational => "informational",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|sev| sev.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown severity {s:?} (expected critical, high, medium, low or informational)")
            })
    }
}

/// One control evaluated on one resource in one scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub control_id: String,
    pub resource_arn: String,
    /// The resource's readable name (bucket name, user name, Name tag, id).
    pub resource_name: String,
    pub resource_type: String,
    pub account_id: String,
    pub region: String,
    pub service: String,
    pub severity: Severity,
    pub status: Status,
    pub reason: String,
    pub scan_id: String,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub status_changed_at: DateTime<Utc>,
    /// Set when a mute rule matches. Muting is a view over the stored result: `status`
    /// keeps what the control decided, and the rules are applied when results are read,
    /// so removing or expiring a rule unmutes without rescanning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub muted: Option<MutedBy>,
}

/// Which rule muted a finding, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MutedBy {
    pub rule_id: String,
    pub reason: String,
}

impl Finding {
    /// The status reports show and scores count: MUTED when a rule matched, else `status`.
    pub fn shown_status(&self) -> Status {
        if self.muted.is_some() {
            Status::Muted
        } else {
            self.status
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips_through_text_and_json() {
        for st in Status::ALL {
            assert_eq!(st.as_str().parse::<Status>().unwrap(), st);
            let json = serde_json::to_string(&st).unwrap();
            assert_eq!(json, format!("\"{}\"", st.as_str()));
        }
        assert!("PASSED".parse::<Status>().is_err());
        assert_eq!("fail".parse::<Status>().unwrap(), Status::Fail);
    }

    #[test]
    fn severity_parses_case_insensitively_and_rejects_unknown() {
        assert_eq!("HIGH".parse::<Severity>().unwrap(), Severity::High);
        let err = "urgent".parse::<Severity>().unwrap_err();
        assert!(err.contains("urgent"));
    }
}
