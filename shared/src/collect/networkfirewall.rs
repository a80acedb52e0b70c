//! AWS Network Firewall firewalls (regional, JSON protocol): logging and the firewall
//! policy each one enforces.

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{Protocol, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const NETWORK_FIREWALL: Service = Service {
    signing_name: "network-firewall",
    endpoint_prefix: "network-firewall",
    protocol: Protocol::Json {
        version: "1.0",
        target_prefix: "NetworkFirewall_20201112",
    },
    global: None,
};

const TYPE: &str = "AWS::NetworkFirewall::Firewall";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&NETWORK_FIREWALL, ctx.region);
    let _permit = ctx.permit(NETWORK_FIREWALL.signing_name, ctx.region).await;
    let firewalls = match api
        .list(
            "ListFirewalls",
            json!({"MaxResults": 100}),
            "NextToken",
            "NextToken",
            "Firewalls",
        )
        .await
    {
        Ok(f) => f,
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    for summary in firewalls {
        let arn = summary["FirewallArn"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let mut errors = Errors::default();
        let firewall = match api
            .call("DescribeFirewall", &json!({"FirewallArn": arn}))
            .await
        {
            Ok(f) => f["Firewall"].clone(),
            Err(e) => {
                errors.record_api("FirewallPolicyArn", &e);
                Value::Null
            }
        };
        let logging = match api
            .call("DescribeLoggingConfiguration", &json!({"FirewallArn": arn}))
            .await
        {
            Ok(l) => l
                .get("LoggingConfiguration")
                .cloned()
                .unwrap_or(Value::Null),
            Err(e) => {
                errors.record_api("logging_configuration", &e);
                Value::Null
            }
        };
        let policy = match firewall["FirewallPolicyArn"].as_str() {
            Some(policy_arn) => match api
                .call(
                    "DescribeFirewallPolicy",
                    &json!({"FirewallPolicyArn": policy_arn}),
                )
                .await
            {
                Ok(p) => p["FirewallPolicy"].clone(),
                Err(e) => {
                    errors.record_api("firewall_policy", &e);
                    Value::Null
                }
            },
            None => {
                errors.note(
                    "firewall_policy",
                    "the firewall's policy ARN could not be read".into(),
                );
                Value::Null
            }
        };
        let name = summary["FirewallName"].as_str().unwrap_or(&arn).to_string();
        let attrs = errors.attach(document(&summary, &firewall, logging, policy));
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, name, BTreeMap::new(), attrs));
    }
}

/// The resource attributes of one firewall (see docs/resources.md).
fn document(summary: &Value, firewall: &Value, logging: Value, policy: Value) -> Value {
    let field = |k: &str| firewall.get(k).cloned().unwrap_or(Value::Null);
    json!({
        "FirewallName": summary["FirewallName"],
        "FirewallArn": summary["FirewallArn"],
        "FirewallPolicyArn": field("FirewallPolicyArn"),
        "VpcId": field("VpcId"),
        "DeleteProtection": field("DeleteProtection"),
        "logging_configuration": logging,
        "firewall_policy": policy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // moto has no DescribeFirewallPolicy: the policy mapping is checked on the answer
    // shape of the Network Firewall API reference.
    #[test]
    fn policy_and_logging_are_kept_as_the_api_returns_them() {
        let summary = json!({"FirewallName": "egress", "FirewallArn": "arn:aws:network-firewall:us-east-1:123456789012:firewall/egress"});
        let described = json!({"Firewall": {"FirewallName": "egress", "FirewallPolicyArn": "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/strict", "VpcId": "vpc-1", "DeleteProtection": true, "SubnetMappings": []}});
        let policy = json!({"FirewallPolicyResponse": {"FirewallPolicyName": "strict"}, "FirewallPolicy": {
            "StatelessDefaultActions": ["aws:forward_to_sfe"],
            "StatelessFragmentDefaultActions": ["aws:drop"],
            "StatefulRuleGroupReferences": [{"ResourceArn": "arn:aws:network-firewall:us-east-1:123456789012:stateful-rulegroup/domains"}]
        }});
        let logging = json!({"LogDestinationConfigs": [{"LogType": "ALERT", "LogDestinationType": "S3", "LogDestination": {"bucketName": "fw-logs"}}]});
        let doc = document(
            &summary,
            &described["Firewall"],
            logging,
            policy["FirewallPolicy"].clone(),
        );
        assert_eq!(
            doc["firewall_policy"]["StatelessFragmentDefaultActions"],
            json!(["aws:drop"])
        );
        assert_eq!(
            doc["logging_configuration"]["LogDestinationConfigs"][0]["LogType"],
            "ALERT"
        );
        assert_eq!(doc["VpcId"], "vpc-1");
    }
}
