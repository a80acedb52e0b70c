//! Shield Advanced (global, us-east-1): whether the account subscribes and which
//! resources it protects. Read by the collectors of protectable resources, which record
//! the fact on each resource.

use super::Context;
use crate::aws::{ApiError, Protocol, Service};
use serde_json::{json, Value};
use std::collections::HashSet;

pub const SHIELD: Service = Service {
    signing_name: "shield",
    endpoint_prefix: "shield",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AWSShield_20160616",
    },
    global: Some(("shield.us-east-1.amazonaws.com", "us-east-1")),
};

/// The account's Shield Advanced state.
#[derive(Debug, Clone, PartialEq)]
pub struct Protection {
    pub subscribed: bool,
    pub protected_arns: HashSet<String>,
}

impl Protection {
    /// `{"subscribed": bool, "protected": bool}` for one resource.
    pub fn for_resource(&self, arn: &str) -> Value {
        json!({"subscribed": self.subscribed, "protected": self.protected_arns.contains(arn)})
    }
}

/// DescribeSubscription and ListProtections. AWS answers both with
/// ResourceNotFoundException when there is no subscription or no protection.
pub async fn advanced_protection(ctx: &Context<'_>) -> Result<Protection, ApiError> {
    let api = ctx.clients.api(&SHIELD, "us-east-1");
    let not_found = |e: &ApiError| e.code == "ResourceNotFoundException";
    let subscribed = match api.call("DescribeSubscription", &json!({})).await {
        Ok(s) => s.get("Subscription").is_some_and(|s| !s.is_null()),
        Err(e) if not_found(&e) => false,
        Err(e) => return Err(e),
    };
    let protections = match api
        .list(
            "ListProtections",
            json!({}),
            "NextToken",
            "NextToken",
            "Protections",
        )
        .await
    {
        Ok(p) => p,
        Err(e) if not_found(&e) => Vec::new(),
        Err(e) => return Err(e),
    };
    Ok(Protection {
        subscribed,
        protected_arns: protections
            .iter()
            .filter_map(|p| p["ResourceArn"].as_str().map(str::to_string))
            .collect(),
    })
}
