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

    /// The reason an attribute could not be read, if the collector recorded one.
    pub fn attribute_error(&self, attribute: &str) -> Option<&str> {
        self.attributes
            .get("errors")
            .and_then(|e| e.get(attribute))
            .and_then(Value::as_str)
    }
}
