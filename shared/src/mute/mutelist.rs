//! The mutelist YAML file: Prowler's format, so existing files work unchanged, with
//! optional keys of ours on each check entry (`Reason`, `Expires`, `CreatedBy`).
//!
//! ```yaml
//! Mutelist:
//!   Accounts:
//!     "*":
//!       Checks:
//!         "s3_bucket_public_access":
//!           Regions: ["*"]
//!           Resources: ["^www-"]
//!           Tags: ["env=prod"]
//!           Exceptions: { Regions: ["eu-west-1"] }
//!           Reason: "the public website"
//!           Expires: 2027-01-31
//! ```

use crate::model::{MuteExceptions, MuteRule};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
#[error("mutelist {source_name}: {message}")]
pub struct MutelistError {
    pub source_name: String,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// `Allowlist` is the name older Prowler versions used.
    #[serde(alias = "Allowlist")]
    #[serde(rename = "Mutelist")]
    mutelist: Accounts,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Accounts {
    #[serde(rename = "Accounts")]
    accounts: BTreeMap<String, Checks>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Checks {
    #[serde(rename = "Checks")]
    checks: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Entry {
    regions: Vec<String>,
    resources: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    exceptions: Option<Exceptions>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    expires: Option<Expiry>,
    #[serde(default)]
    created_by: Option<String>,
}

/// `Expires` as written: text (a date or time), or anything else, refused with a message.
#[derive(Deserialize)]
#[serde(untagged)]
enum Expiry {
    Text(String),
    Other(serde::de::IgnoredAny),
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Exceptions {
    #[serde(default)]
    accounts: Vec<String>,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default)]
    resources: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
}

/// `2027-01-31` (the rule ends as that day starts, UTC) or an RFC 3339 instant.
pub fn parse_expiry(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight").and_utc())
        .map_err(|_| format!("expiry {text:?} is neither a date (2027-01-31) nor an RFC 3339 time"))
}

/// Reads a mutelist file's text into rules, one per account x check entry. Rule ids are
/// `<source_name>:<account>:<check>`. A rule without `Reason` or `Description` (plain
/// Prowler files have neither) gets a reason naming the file, so every mute says where
/// it came from.
pub fn parse_mutelist(
    source_name: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Vec<MuteRule>, MutelistError> {
    let err = |message: String| MutelistError {
        source_name: source_name.to_string(),
        message,
    };
    let file: File = crate::input::from_yaml(text).map_err(|e| err(e.to_string()))?;
    let mut rules = Vec::new();
    for (account, checks) in file.mutelist.accounts {
        if account != "*" && !(account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())) {
            return Err(err(format!(
                "account key {account:?} is neither `*` nor a 12-digit AWS account id"
            )));
        }
        for (check, entry) in checks.checks {
            let id = format!("{source_name}:{account}:{check}");
            let expires_at = match &entry.expires {
                None => None,
                Some(Expiry::Text(s)) => {
                    Some(parse_expiry(s).map_err(|e| err(format!("check {check:?}: {e}")))?)
                }
                Some(Expiry::Other(_)) => {
                    return Err(err(format!(
                        "check {check:?}: Expires must be a date or time in quotes"
                    )))
                }
            };
            if entry.resources.is_empty() || entry.regions.is_empty() {
                return Err(err(format!(
                    "check {check:?} of account {account:?}: Regions and Resources must list at least one pattern (`*` for all)"
                )));
            }
            let reason = entry
                .reason
                .or(entry.description)
                .filter(|r| !r.trim().is_empty())
                .unwrap_or_else(|| format!("listed in mutelist {source_name}"));
            let e = entry.exceptions.unwrap_or_default();
            rules.push(MuteRule {
                id,
                accounts: vec![account.clone()],
                controls: vec![check],
                regions: entry.regions,
                resources: entry.resources,
                tags: entry.tags,
                exceptions: MuteExceptions {
                    accounts: e.accounts,
                    regions: e.regions,
                    resources: e.resources,
                    tags: e.tags,
                },
                reason,
                expires_at,
                created_by: entry
                    .created_by
                    .unwrap_or_else(|| format!("mutelist {source_name}")),
                created_at: now,
            });
        }
    }
    // Compile once here so a bad regex is reported against the file, not at first use.
    super::MuteSet::new(&rules, now).map_err(|e| err(e.to_string()))?;
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROWLER: &str = r#"
Mutelist:
  Accounts:
    "*":
      Checks:
        "ecs_task_definitions_no_environment_secrets":
          Regions:
            - "*"
          Resources:
            - "*"
          Exceptions:
            Accounts:
              - "012345678901"
            Regions:
              - "eu-west-1"
    "123456789012":
      Checks:
        "*":
          Regions: ["*"]
          Resources: ["test"]
          Tags: ["environment=dev|environment=stg", "team=backend"]
          Description: "test resources of the backend team"
          Expires: "2027-01-31"
"#;

    #[test]
    fn reads_a_prowler_mutelist() {
        let rules = parse_mutelist("mute.yaml", PROWLER, Utc::now()).unwrap();
        assert_eq!(rules.len(), 2);
        let all = rules.iter().find(|r| r.accounts == ["*"]).unwrap();
        assert_eq!(
            all.controls,
            ["ecs_task_definitions_no_environment_secrets"]
        );
        assert_eq!(all.exceptions.regions, ["eu-west-1"]);
        assert_eq!(all.reason, "listed in mutelist mute.yaml");
        let one = rules
            .iter()
            .find(|r| r.accounts == ["123456789012"])
            .unwrap();
        assert_eq!(one.tags.len(), 2);
        assert_eq!(one.reason, "test resources of the backend team");
        assert_eq!(
            one.expires_at.unwrap().to_rfc3339(),
            "2027-01-31T00:00:00+00:00"
        );
        assert_eq!(one.id, "mute.yaml:123456789012:*");
    }

    #[test]
    fn expires_may_be_unquoted_but_must_be_text() {
        let unquoted = PROWLER.replace("\"2027-01-31\"", "2027-01-31");
        let rules = parse_mutelist("m.yaml", &unquoted, Utc::now()).unwrap();
        assert!(rules.iter().any(|r| r.expires_at.is_some()));
        let e = parse_mutelist(
            "m.yaml",
            &PROWLER.replace("\"2027-01-31\"", "[1]"),
            Utc::now(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("Expires must be a date"), "{e}");
    }

    #[test]
    fn the_old_allowlist_key_is_accepted() {
        let text = PROWLER.replace("Mutelist:", "Allowlist:");
        assert_eq!(
            parse_mutelist("a.yaml", &text, Utc::now()).unwrap().len(),
            2
        );
    }

    #[test]
    fn mistakes_are_named() {
        let e = parse_mutelist(
            "m.yaml",
            &PROWLER.replace(
                "Resources:\n            - \"*\"",
                "Resource:\n            - \"*\"",
            ),
            Utc::now(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("m.yaml") && e.contains("Resource"), "{e}");
        let e = parse_mutelist(
            "m.yaml",
            &PROWLER.replace("\"123456789012\":", "\"prod\":"),
            Utc::now(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("\"prod\""), "{e}");
        let e = parse_mutelist(
            "m.yaml",
            &PROWLER.replace("2027-01-31", "next week"),
            Utc::now(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("next week"), "{e}");
        let e = parse_mutelist(
            "m.yaml",
            &PROWLER.replace("[\"test\"]", "[\"(bad\"]"),
            Utc::now(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("(bad"), "{e}");
        assert!(parse_mutelist("m.yaml", "Accounts: {}", Utc::now()).is_err());
    }
}
