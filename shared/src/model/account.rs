use serde::{Deserialize, Serialize};

/// A registered target account and what to leave out of its scans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub account_id: String,
    #[serde(default)]
    pub role_arn: Option<String>,
    /// The CloudFormation stack that registered the account: only that stack may change
    /// or remove the registration. `None` for accounts registered with the CLI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_id: Option<String>,
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
    /// Whether CloudTrail events from the account trigger rescans.
    #[serde(default = "enabled")]
    pub realtime: bool,
}

impl Account {
    /// An account known only by id, scanned with the base credentials (the local CLI).
    pub fn local(account_id: &str) -> Self {
        Account {
            account_id: account_id.to_string(),
            role_arn: None,
            stack_id: None,
            regions: Vec::new(),
            excluded_regions: Vec::new(),
            excluded_resource_types: Vec::new(),
            excluded_resource_regexes: Vec::new(),
            enabled: true,
            realtime: true,
        }
    }

    /// Checks what a registration would otherwise fail on later, naming the bad field.
    pub fn validate(&self) -> Result<(), String> {
        if !(self.account_id.len() == 12 && self.account_id.bytes().all(|b| b.is_ascii_digit())) {
            return Err(format!(
                "account_id {:?} is not a 12-digit AWS account id",
                self.account_id
            ));
        }
        if let Some(role) = &self.role_arn {
            match role_account(role) {
                None => {
                    return Err(format!(
                    "role_arn {role:?} is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)"
                ))
                }
                // The scanner reaches an account only through a role of that account.
                Some(other) if other != self.account_id => {
                    return Err(format!(
                        "role_arn {role} is not a role of account {}",
                        self.account_id
                    ))
                }
                Some(_) => {}
            }
        }
        for r in &self.excluded_resource_regexes {
            regex::Regex::new(r)
                .map_err(|e| format!("excluded_resource_regexes: {r:?} is not a regex: {e}"))?;
        }
        Ok(())
    }

    /// Whether the account's exclusions leave this resource out of its scans.
    pub fn excludes(&self, resource_type: &str, arn: &str) -> bool {
        self.excluded_resource_types
            .iter()
            .any(|t| t == resource_type)
            || self
                .excluded_resource_regexes
                .iter()
                .filter_map(|r| regex::Regex::new(r).ok())
                .any(|r| r.is_match(arn))
    }
}

/// The account of an IAM role ARN, `None` when it is not one.
pub fn role_account(role_arn: &str) -> Option<&str> {
    let parts: Vec<&str> = role_arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", partition, "iam", "", account, resource]
            if !partition.is_empty()
                && is_account_id(account)
                && resource
                    .strip_prefix("role/")
                    .is_some_and(|n| !n.is_empty()) =>
        {
            Some(*account)
        }
        _ => None,
    }
}

/// Whether `s` is a 12-digit AWS account id.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

fn enabled() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_fields_and_applies_exclusions() {
        let mut a = Account::local("123456789012");
        a.excluded_resource_types = vec!["AWS::EC2::Volume".into()];
        a.excluded_resource_regexes = vec!["^arn:aws:s3:::scratch-".into()];
        assert!(a.validate().is_ok());
        assert!(a.excludes("AWS::EC2::Volume", "arn:aws:ec2:r:1:volume/v"));
        assert!(a.excludes("AWS::S3::Bucket", "arn:aws:s3:::scratch-1"));
        assert!(!a.excludes("AWS::S3::Bucket", "arn:aws:s3:::logs"));
        a.excluded_resource_regexes.push("(".into());
        assert!(a.validate().unwrap_err().contains("not a regex"));
        let mut b = Account::local("12");
        assert!(b.validate().unwrap_err().contains("12-digit"));
        b.account_id = "123456789012".into();
        b.role_arn = Some("role".into());
        assert!(b.validate().unwrap_err().contains("role_arn"));
        b.role_arn = Some("arn:aws:iam::123456789012:user/parapet-scan".into());
        assert!(b.validate().is_err());
        b.role_arn = Some("arn:aws:iam::210987654321:role/parapet-scan".into());
        assert!(b.validate().unwrap_err().contains("not a role of account"));
        assert_eq!(
            role_account("arn:aws-cn:iam::210987654321:role/path/parapet-scan"),
            Some("210987654321")
        );
    }
}
