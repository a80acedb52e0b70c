//! Which accounts an organization scan covers, and how each is reached: the active
//! accounts Organizations lists, narrowed by `--account` and `--exclude-account`, the
//! role ARN in each, and each account's ExternalId.

use anyhow::Context;
use parapet::aws::Clients;
use parapet::collect::ORGANIZATIONS;
use parapet::report::terminal_text;
use parapet::serverless::external_id::ExternalIdKey;
use serde_json::json;
use std::path::PathBuf;

/// The most accounts one organization scan lists: AWS's quota can be raised into the
/// thousands, and a listing that never ends is a fault, not an organization.
const MAX_ACCOUNTS: usize = 20_000;
/// ListAccounts answers at most 20 accounts a page.
const PAGE_SIZE: usize = 20;

/// The accounts of an organization that can be scanned.
#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    /// Active accounts, sorted.
    pub accounts: Vec<String>,
    /// The partition of the organization's ARNs (`aws`, `aws-cn`, `aws-us-gov`), for the
    /// role ARNs.
    pub partition: String,
}

/// A 12-digit AWS account id.
pub fn is_account_id(value: &str) -> bool {
    value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit())
}

/// `--account` and `--exclude-account` values.
pub fn account_id(value: &str) -> Result<String, String> {
    if is_account_id(value) {
        Ok(value.to_string())
    } else {
        Err(format!(
            "{:?} is not an AWS account id (12 digits)",
            value.chars().take(32).collect::<String>()
        ))
    }
}

/// `--role-name`: an IAM role name (1 to 64 of letters, digits and `+=,.@_-`). It becomes
/// part of every role ARN, so nothing else is let through.
pub fn role_name(value: &str) -> Result<String, String> {
    let ok = (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b));
    if ok {
        Ok(value.to_string())
    } else {
        Err(format!(
            "{:?} is not an IAM role name (1 to 64 letters, digits and +=,.@_-)",
            value.chars().take(80).collect::<String>()
        ))
    }
}

/// Lists the organization's active accounts (Organizations ListAccounts, every page) with
/// the credentials of its management account or a delegated administrator.
pub async fn list_active(clients: &Clients, home_region: &str) -> anyhow::Result<Organization> {
    let api = clients.api(&ORGANIZATIONS, home_region);
    let (mut accounts, mut partition, mut token) = (Vec::new(), None, None::<String>);
    for _ in 0..MAX_ACCOUNTS / PAGE_SIZE {
        let mut input = json!({ "MaxResults": PAGE_SIZE });
        if let Some(t) = &token {
            input["NextToken"] = json!(t);
        }
        let page = api.call("ListAccounts", &input).await.with_context(|| {
            "cannot list the organization's accounts (Organizations ListAccounts): --organization \
             needs the credentials of the management account or of a delegated administrator"
        })?;
        for account in page["Accounts"].as_array().into_iter().flatten() {
            partition = partition.or_else(|| arn_partition(account["Arn"].as_str()?));
            if let Some(id) = active_account_id(account) {
                accounts.push(id);
            }
        }
        token = page["NextToken"]
            .as_str()
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if token.is_none() {
            accounts.sort();
            accounts.dedup();
            let partition = partition.unwrap_or_else(|| "aws".into());
            return Ok(Organization {
                accounts,
                partition,
            });
        }
    }
    anyhow::bail!("Organizations ListAccounts listed more than {MAX_ACCOUNTS} accounts; narrow the scan with --account")
}

/// The id of an active account of a ListAccounts answer. `State` replaces the older
/// `Status`; either says whether the account is active (suspended and closing accounts
/// cannot be scanned). An id that is not 12 digits is named and left out.
fn active_account_id(account: &serde_json::Value) -> Option<String> {
    let state = account["State"].as_str().or(account["Status"].as_str());
    if state != Some("ACTIVE") {
        return None;
    }
    match account["Id"].as_str() {
        Some(id) if is_account_id(id) => Some(id.to_string()),
        other => {
            eprintln!(
                "skipping an account Organizations listed with an id that is not 12 digits: {:?}",
                terminal_text(
                    &other
                        .unwrap_or_default()
                        .chars()
                        .take(32)
                        .collect::<String>()
                )
            );
            None
        }
    }
}

/// The partition of an ARN (`arn:<partition>:...`), when it is a plausible one.
fn arn_partition(arn: &str) -> Option<String> {
    let partition = arn.strip_prefix("arn:")?.split(':').next()?;
    let plausible = (3..=16).contains(&partition.len())
        && partition
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-');
    plausible.then(|| partition.to_string())
}

/// The accounts to scan: those listed, only those of `only` when it names any, less
/// `excluded`. Also returns the accounts of `only` the organization did not list as
/// active, to report.
pub fn narrow(
    listed: &[String],
    only: &[String],
    excluded: &[String],
) -> (Vec<String>, Vec<String>) {
    let missing: Vec<String> = only
        .iter()
        .filter(|id| !listed.contains(id))
        .cloned()
        .collect();
    let chosen = listed
        .iter()
        .filter(|id| only.is_empty() || only.contains(id))
        .filter(|id| !excluded.contains(id))
        .cloned()
        .collect();
    (chosen, missing)
}

/// The role to assume in an account.
pub fn role_arn(partition: &str, account_id: &str, role_name: &str) -> String {
    format!("arn:{partition}:iam::{account_id}:role/{role_name}")
}

/// `--external-id-from`: where the accounts' ExternalIds come from.
#[derive(Debug, Clone, PartialEq)]
pub enum ExternalIdFrom {
    /// Derived per account from the installation's key secret (its ARN).
    KeySecret(String),
    /// One ExternalId for every account: the first line of this file.
    File(PathBuf),
    /// One ExternalId for every account: PARAPET_EXTERNAL_ID.
    Env,
}

impl ExternalIdFrom {
    pub fn parse(value: &str) -> Result<Self, String> {
        if let Some(arn) = value.strip_prefix("key-secret:") {
            if !arn.starts_with("arn:") || !arn.contains(":secretsmanager:") {
                return Err("key-secret: takes the ARN of the installation's ExternalId key secret (arn:aws:secretsmanager:...)".into());
            }
            return Ok(ExternalIdFrom::KeySecret(arn.to_string()));
        }
        if let Some(path) = value.strip_prefix("file:") {
            if path.is_empty() {
                return Err(
                    "file: takes the path of a file whose first line is the ExternalId".into(),
                );
            }
            return Ok(ExternalIdFrom::File(PathBuf::from(path)));
        }
        if value == "env" {
            return Ok(ExternalIdFrom::Env);
        }
        Err("expected key-secret:ARN, file:PATH or env".into())
    }
}

/// Each account's ExternalId. Deliberately not `Debug`: it holds one, or the key.
pub enum ExternalIds {
    /// The roles' trust policies ask none (`--no-external-id`).
    None,
    /// The same for every account.
    Same(String),
    /// Derived per account from the installation's key.
    Derived(ExternalIdKey),
}

impl ExternalIds {
    pub fn for_account(&self, account_id: &str) -> Option<String> {
        match self {
            ExternalIds::None => None,
            ExternalIds::Same(id) => Some(id.clone()),
            ExternalIds::Derived(key) => Some(key.derive(account_id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn narrows_to_the_accounts_asked_less_the_excluded_and_names_the_unknown() {
        let listed = ids(&["111111111111", "222222222222", "333333333333"]);
        let (all, missing) = narrow(&listed, &[], &ids(&["222222222222"]));
        assert_eq!(all, ids(&["111111111111", "333333333333"]));
        assert!(missing.is_empty());
        let (some, missing) = narrow(&listed, &ids(&["333333333333", "999999999999"]), &[]);
        assert_eq!(some, ids(&["333333333333"]));
        assert_eq!(missing, ids(&["999999999999"]));
    }

    #[test]
    fn keeps_only_active_accounts_with_real_ids() {
        let active = json!({"Id": "111111111111", "Status": "ACTIVE"});
        let suspended = json!({"Id": "222222222222", "Status": "SUSPENDED"});
        let closing = json!({"Id": "333333333333", "Status": "ACTIVE", "State": "PENDING_CLOSURE"});
        let new_field = json!({"Id": "444444444444", "State": "ACTIVE"});
        let forged = json!({"Id": "1111/../x", "Status": "ACTIVE"});
        let got: Vec<_> = [active, suspended, closing, new_field, forged]
            .iter()
            .map(active_account_id)
            .collect();
        assert_eq!(
            got,
            vec![
                Some("111111111111".into()),
                None,
                None,
                Some("444444444444".into()),
                None
            ]
        );
    }

    #[test]
    fn reads_the_partition_and_refuses_odd_names() {
        let arn = "arn:aws-us-gov:organizations::111111111111:account/o-abc/222222222222";
        assert_eq!(arn_partition(arn).as_deref(), Some("aws-us-gov"));
        assert_eq!(arn_partition("arn:a.b/c:x"), None);
        assert_eq!(arn_partition("not-an-arn"), None);
        assert_eq!(
            role_arn("aws", "222222222222", "parapet-scan"),
            "arn:aws:iam::222222222222:role/parapet-scan"
        );
        assert!(role_name("parapet-scan").is_ok());
        assert!(role_name("a/../b").is_err() && role_name("").is_err());
        assert!(account_id("12345678901").is_err() && account_id("123456789012").is_ok());
    }

    #[test]
    fn parses_the_external_id_sources() {
        let arn = "arn:aws:secretsmanager:us-east-1:111111111111:secret:k-AbCdEf";
        assert_eq!(
            ExternalIdFrom::parse(&format!("key-secret:{arn}")),
            Ok(ExternalIdFrom::KeySecret(arn.into()))
        );
        assert_eq!(
            ExternalIdFrom::parse("file:/tmp/id"),
            Ok(ExternalIdFrom::File("/tmp/id".into()))
        );
        assert_eq!(ExternalIdFrom::parse("env"), Ok(ExternalIdFrom::Env));
        assert!(ExternalIdFrom::parse("key-secret:nope").is_err());
        assert!(ExternalIdFrom::parse("plain-value").is_err());
    }
}
