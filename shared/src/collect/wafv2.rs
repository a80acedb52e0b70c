//! AWS WAF (v2) web ACLs (regional; the CLOUDFRONT scope is read in us-east-1 only,
//! where AWS keeps it), with their rules and logging configuration.

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{ApiError, Protocol, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const WAFV2: Service = Service {
    signing_name: "wafv2",
    endpoint_prefix: "wafv2",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AWSWAF_20190729",
    },
    global: None,
};

const TYPE: &str = "AWS::WAFv2::WebACL";

/// AWS's answer when an item (or a logging configuration) does not exist.
const NONEXISTENT: &str = "WAFNonexistentItemException";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&WAFV2, ctx.region);
    let _permit = ctx.permit(WAFV2.signing_name, ctx.region).await;
    let mut scopes = vec!["REGIONAL"];
    if ctx.region == "us-east-1" {
        scopes.push("CLOUDFRONT");
    }
    for scope in scopes {
        let acls = match api
            .list(
                "ListWebACLs",
                json!({"Scope": scope, "Limit": 100}),
                "NextMarker",
                "NextMarker",
                "WebACLs",
            )
            .await
        {
            Ok(a) => a,
            Err(e) => return out.fail(TYPE, ctx.region, format!("{e} (scope {scope})")),
        };
        for summary in acls {
            let mut errors = Errors::default();
            let arn = summary["ARN"].as_str().unwrap_or_default().to_string();
            let name = summary["Name"].as_str().unwrap_or(&arn).to_string();
            let acl = match api
                .call(
                    "GetWebACL",
                    &json!({"Name": summary["Name"], "Id": summary["Id"], "Scope": scope}),
                )
                .await
            {
                Ok(a) => a["WebACL"].clone(),
                Err(e) => {
                    errors.record_api("Rules", &e);
                    errors.record_api("VisibilityConfig", &e);
                    Value::Null
                }
            };
            let logging = match logging_configuration(&api, &arn).await {
                Ok(l) => l,
                Err(e) => {
                    errors.record_api("logging_configuration", &e);
                    Value::Null
                }
            };
            let attrs = errors.attach(document(&summary, &acl, scope, logging));
            out.resources
                .push(ctx.resource(arn, TYPE, ctx.region, name, BTreeMap::new(), attrs));
        }
    }
}

/// The resource attributes of one web ACL (see docs/resources.md).
fn document(summary: &Value, acl: &Value, scope: &str, logging: Value) -> Value {
    let field = |k: &str| acl.get(k).cloned().unwrap_or(Value::Null);
    json!({
        "Name": summary["Name"],
        "Id": summary["Id"],
        "ARN": summary["ARN"],
        "DefaultAction": field("DefaultAction"),
        "Rules": field("Rules"),
        "VisibilityConfig": field("VisibilityConfig"),
        "PreProcessFirewallManagerRuleGroups": field("PreProcessFirewallManagerRuleGroups"),
        "PostProcessFirewallManagerRuleGroups": field("PostProcessFirewallManagerRuleGroups"),
        "ManagedByFirewallManager": field("ManagedByFirewallManager"),
        "scope": scope,
        "logging_configuration": logging,
    })
}

/// GetLoggingConfiguration's `LoggingConfiguration`, or null when logging is off.
pub(super) async fn logging_configuration(
    api: &crate::aws::Api,
    arn: &str,
) -> Result<Value, ApiError> {
    match api
        .call("GetLoggingConfiguration", &json!({"ResourceArn": arn}))
        .await
    {
        Ok(l) => Ok(l
            .get("LoggingConfiguration")
            .cloned()
            .unwrap_or(Value::Null)),
        Err(e) if e.code == NONEXISTENT => Ok(Value::Null),
        Err(e) => Err(e),
    }
}

/// The ARN of the web ACL protecting a resource (an ALB, API Gateway stage, ...), or
/// null when it has none.
pub(super) async fn web_acl_for_resource(ctx: &Context<'_>, arn: &str) -> Result<Value, ApiError> {
    let api = ctx.clients.api(&WAFV2, ctx.region);
    match api
        .call("GetWebACLForResource", &json!({"ResourceArn": arn}))
        .await
    {
        Ok(a) => Ok(a
            .get("WebACL")
            .and_then(|w| w.get("ARN"))
            .cloned()
            .unwrap_or(Value::Null)),
        Err(e) if e.code == NONEXISTENT => Ok(Value::Null),
        Err(e) => Err(e),
    }
}
