//! AWS WAF Classic (JSON protocol): web ACLs with their logging configuration, rules
//! with their conditions, and rule groups with their rules. The same API exists twice:
//! `waf` (global, for CloudFront) and `waf-regional` (per region, for ALBs and API
//! Gateway), read by the collectors `waf` and `wafregional`.

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{Api, ApiError, ErrorKind, Protocol, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const WAF: Service = Service {
    signing_name: "waf",
    endpoint_prefix: "waf",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AWSWAF_20150824",
    },
    global: Some(("waf.amazonaws.com", "us-east-1")),
};

pub const WAF_REGIONAL: Service = Service {
    signing_name: "waf-regional",
    endpoint_prefix: "waf-regional",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AWSWAF_Regional_20161128",
    },
    global: None,
};

/// One flavour of WAF Classic: its API and the resource types and ARNs it yields.
struct Flavour {
    service: &'static Service,
    /// The ARN service part: `waf` or `waf-regional`.
    arn_service: &'static str,
    web_acl: &'static str,
    rule: &'static str,
    rule_group: &'static str,
}

const GLOBAL: Flavour = Flavour {
    service: &WAF,
    arn_service: "waf",
    web_acl: "AWS::WAF::WebACL",
    rule: "AWS::WAF::Rule",
    rule_group: "AWS::WAF::RuleGroup",
};

const REGIONAL: Flavour = Flavour {
    service: &WAF_REGIONAL,
    arn_service: "waf-regional",
    web_acl: "AWS::WAFRegional::WebACL",
    rule: "AWS::WAFRegional::Rule",
    rule_group: "AWS::WAFRegional::RuleGroup",
};

/// AWS's answer for a missing item, including a web ACL without logging.
const NONEXISTENT: &str = "WAFNonexistentItemException";

pub async fn collect_global(ctx: &Context<'_>, out: &mut Collected) {
    collect(ctx, out, &GLOBAL, "").await
}

pub async fn collect_regional(ctx: &Context<'_>, out: &mut Collected) {
    collect(ctx, out, &REGIONAL, ctx.region).await
}

/// Every page of a WAF Classic list call (`Limit` + `NextMarker`).
async fn list_all(
    api: &Api,
    operation: &str,
    input: Value,
    list: &str,
) -> Result<Vec<Value>, ApiError> {
    let mut input = input;
    input["Limit"] = json!(100);
    api.list(operation, input, "NextMarker", "NextMarker", list)
        .await
}

async fn collect(ctx: &Context<'_>, out: &mut Collected, flavour: &Flavour, arn_region: &str) {
    let api = ctx.clients.api(flavour.service, ctx.region);
    let _permit = ctx.permit(flavour.service.signing_name, ctx.region).await;
    let arn = |kind: &str, id: &str| {
        format!(
            "arn:aws:{}:{arn_region}:{}:{kind}/{id}",
            flavour.arn_service, ctx.account_id
        )
    };
    let acls = list_all(&api, "ListWebACLs", json!({}), "WebACLs").await;
    // The service itself did not answer (after the retries): its other lists would
    // fail the same way, so they are not tried. A denial is specific to the call.
    if let Err(e) = &acls {
        if e.kind() != ErrorKind::AccessDenied {
            for rtype in [flavour.web_acl, flavour.rule, flavour.rule_group] {
                out.fail(rtype, ctx.region, e.to_string());
            }
            return;
        }
    }
    let mut push = |rtype: &str, arn: String, name: &Value, attrs: Value| {
        let name = name
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| arn.clone());
        out.resources
            .push(ctx.resource(arn, rtype, ctx.region, name, BTreeMap::new(), attrs));
    };
    let mut failures = Vec::new();

    match acls {
        Err(e) => failures.push((flavour.web_acl, e.to_string())),
        Ok(acls) => {
            for summary in acls {
                let id = summary["WebACLId"].as_str().unwrap_or_default();
                let mut errors = Errors::default();
                let acl = match api.call("GetWebACL", &json!({"WebACLId": id})).await {
                    Ok(a) if a["WebACL"].is_object() => a["WebACL"].clone(),
                    // An answer without its WebACL leaves the rules unknown, said so.
                    Ok(_) => {
                        errors.note("Rules", "GetWebACL: the answer has no WebACL".into());
                        Value::Null
                    }
                    Err(e) => {
                        errors.record_api("Rules", &e);
                        Value::Null
                    }
                };
                let acl_arn = acl["WebACLArn"]
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| arn("webacl", id));
                let logging = match api
                    .call("GetLoggingConfiguration", &json!({"ResourceArn": acl_arn}))
                    .await
                {
                    Ok(l) => l
                        .get("LoggingConfiguration")
                        .cloned()
                        .unwrap_or(Value::Null),
                    Err(e) if e.code == NONEXISTENT => Value::Null,
                    Err(e) => {
                        errors.record_api("logging_configuration", &e);
                        Value::Null
                    }
                };
                let attrs = errors.attach(web_acl_document(&summary, &acl, logging));
                push(flavour.web_acl, acl_arn, &summary["Name"], attrs);
            }
        }
    }

    match list_all(&api, "ListRules", json!({}), "Rules").await {
        Err(e) => failures.push((flavour.rule, e.to_string())),
        Ok(rules) => {
            for summary in rules {
                let id = summary["RuleId"].as_str().unwrap_or_default();
                let mut errors = Errors::default();
                let predicates = match api.call("GetRule", &json!({"RuleId": id})).await {
                    Ok(r) if r["Rule"]["Predicates"].is_array() => r["Rule"]["Predicates"].clone(),
                    Ok(_) => {
                        errors.note(
                            "Predicates",
                            "GetRule: the answer has no Rule.Predicates".into(),
                        );
                        Value::Null
                    }
                    Err(e) => {
                        errors.record_api("Predicates", &e);
                        Value::Null
                    }
                };
                let attrs = errors.attach(json!({
                    "RuleId": id, "Name": summary["Name"], "Predicates": predicates,
                }));
                push(flavour.rule, arn("rule", id), &summary["Name"], attrs);
            }
        }
    }

    match list_all(&api, "ListRuleGroups", json!({}), "RuleGroups").await {
        Err(e) => failures.push((flavour.rule_group, e.to_string())),
        Ok(groups) => {
            for summary in groups {
                let id = summary["RuleGroupId"].as_str().unwrap_or_default();
                let mut errors = Errors::default();
                let activated = match list_all(
                    &api,
                    "ListActivatedRulesInRuleGroup",
                    json!({"RuleGroupId": id}),
                    "ActivatedRules",
                )
                .await
                {
                    Ok(r) => Value::Array(r),
                    Err(e) => {
                        errors.record_api("activated_rules", &e);
                        Value::Null
                    }
                };
                let attrs = errors.attach(json!({
                    "RuleGroupId": id, "Name": summary["Name"], "activated_rules": activated,
                }));
                push(
                    flavour.rule_group,
                    arn("rulegroup", id),
                    &summary["Name"],
                    attrs,
                );
            }
        }
    }
    for (rtype, reason) in failures {
        out.fail(rtype, ctx.region, reason);
    }
}

/// The resource attributes of one web ACL (see docs/resources.md).
fn web_acl_document(summary: &Value, acl: &Value, logging: Value) -> Value {
    json!({
        "WebACLId": summary["WebACLId"],
        "Name": summary["Name"],
        "WebACLArn": acl.get("WebACLArn").cloned().unwrap_or(Value::Null),
        "DefaultAction": acl.get("DefaultAction").cloned().unwrap_or(Value::Null),
        "Rules": acl.get("Rules").cloned().unwrap_or(Value::Null),
        "logging_configuration": logging,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // moto does not emulate WAF Classic: the mapping is checked on a GetWebACL answer
    // as the WAF Classic API reference shows it.
    #[test]
    fn web_acl_rules_and_logging_are_kept() {
        let summary =
            json!({"WebACLId": "example1ds3t-46da-4fdb-b8d5-abc321j569j5", "Name": "edge"});
        let acl = json!({"WebACL": {
            "WebACLId": "example1ds3t-46da-4fdb-b8d5-abc321j569j5",
            "Name": "edge", "MetricName": "edge",
            "DefaultAction": {"Type": "ALLOW"},
            "Rules": [{"Priority": 1, "RuleId": "WAFRule-1-Example", "Action": {"Type": "BLOCK"}, "Type": "REGULAR"}],
            "WebACLArn": "arn:aws:waf::123456789012:webacl/example1ds3t-46da-4fdb-b8d5-abc321j569j5"
        }});
        let doc = web_acl_document(
            &summary,
            &acl["WebACL"],
            json!({"LogDestinationConfigs": ["arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-edge"]}),
        );
        assert_eq!(doc["Rules"][0]["RuleId"], "WAFRule-1-Example");
        assert_eq!(doc["DefaultAction"]["Type"], "ALLOW");
        assert_eq!(
            doc["WebACLArn"],
            "arn:aws:waf::123456789012:webacl/example1ds3t-46da-4fdb-b8d5-abc321j569j5"
        );
        assert!(doc["logging_configuration"]["LogDestinationConfigs"].is_array());
        // A GetWebACL that failed leaves the rules unknown, never empty.
        assert_eq!(
            web_acl_document(&summary, &Value::Null, Value::Null)["Rules"],
            Value::Null
        );
    }
}
