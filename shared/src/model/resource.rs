use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// One inventoried thing: an AWS resource, or an account/region-level settings document.
/// `attributes` follows `docs/resources.md` for each `resource_type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub arn: String,
    pub resource_type: String,
    pub account_id: String,
    pub region: String,
    pub name: String,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    pub attributes: Value,
    pub collected_at: DateTime<Utc>,
    pub scan_id: String,
}

impl Resource {
    /// The service part of the ARN (`s3`, `ec2`, ...), used to group findings.
    pub fn service(&self) -> &str {
        self.arn.split(':').nth(2).unwrap_or("")
    }

    /// Whether a resource id from a CloudTrail event names this resource: its ARN, its
    /// name, or the last part of its ARN (a key id, a security group id, a trail name).
    pub fn matches_id(&self, id: &str) -> bool {
        !id.is_empty()
            && (self.arn == id
                || self.name == id
                || self
                    .arn
                    .rsplit(['/', ':'])
                    .next()
                    .is_some_and(|tail| tail == id))
    }

    /// The reason an attribute could not be read, if the collector recorded one.
    pub fn attribute_error(&self, attribute: &str) -> Option<&str> {
        self.attributes
            .get("errors")
            .and_then(|e| e.get(attribute))
            .and_then(Value::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_ids_by_arn_name_or_arn_tail() {
        let r = Resource {
            arn: "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0abc".into(),
            resource_type: "AWS::EC2::SecurityGroup".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            name: "web".into(),
            tags: Default::default(),
            attributes: Value::Null,
            collected_at: Utc::now(),
            scan_id: "s".into(),
        };
        assert!(r.matches_id("sg-0abc"));
        assert!(r.matches_id("web"));
        assert!(r.matches_id(&r.arn.clone()));
        assert!(!r.matches_id("sg-0ab"));
        assert!(!r.matches_id(""));
    }
}
