//! Application, Network and Gateway Load Balancers (regional, query protocol): their
//! attributes, listeners, the WAF web ACL in front of each ALB, and Shield Advanced
//! protection.

use super::support::Errors;
use super::{elb, shield, wafv2, Collected, Context};
use crate::aws::Service;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub const ELBV2: Service = elb::elastic_load_balancing("2015-12-01");

const TYPE: &str = "AWS::ElasticLoadBalancingV2::LoadBalancer";

/// The attributes read by calls of their own.
const PER_LOAD_BALANCER: &[&str] = &["attributes", "listeners", "web_acl_arn", "shield_advanced"];

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ELBV2, ctx.region);
    let _permit = ctx.permit(ELBV2.signing_name, ctx.region).await;
    let Some(lbs) =
        elb::describe_load_balancers(&api, out, ctx.region, TYPE, "LoadBalancers").await
    else {
        return;
    };
    if lbs.is_empty() {
        return;
    }
    // One Shield listing serves every load balancer of the region.
    let shield = if ctx.needs(TYPE, "shield_advanced") {
        shield::advanced_protection(ctx).await
    } else {
        // Not read: `keep_planned` drops the attribute.
        Ok(shield::Protection {
            subscribed: false,
            protected_arns: Default::default(),
        })
    };
    for lb in lbs {
        let mut errors = Errors::default();
        let arn = lb["LoadBalancerArn"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let attributes = if !ctx.needs(TYPE, "attributes") {
            Value::Null
        } else {
            match api
                .call(
                    "DescribeLoadBalancerAttributes",
                    &json!({"LoadBalancerArn": arn}),
                )
                .await
            {
                Ok(a) => key_values(&a["Attributes"]),
                Err(e) => {
                    errors.record_api("attributes", &e);
                    Value::Null
                }
            }
        };
        let listeners = if !ctx.needs(TYPE, "listeners") {
            Value::Null
        } else {
            match api
                .list(
                    "DescribeListeners",
                    json!({"LoadBalancerArn": arn}),
                    "Marker",
                    "NextMarker",
                    "Listeners",
                )
                .await
            {
                Ok(l) => Value::Array(l.iter().map(listener).collect()),
                Err(e) => {
                    errors.record_api("listeners", &e);
                    Value::Null
                }
            }
        };
        // Only Application Load Balancers can have a web ACL.
        let web_acl = if lb["Type"] == "application" && ctx.needs(TYPE, "web_acl_arn") {
            match wafv2::web_acl_for_resource(ctx, &arn).await {
                Ok(acl) => acl,
                Err(e) => {
                    errors.record_api("web_acl_arn", &e);
                    Value::Null
                }
            }
        } else {
            Value::Null
        };
        let shield_advanced = match &shield {
            Ok(s) => s.for_resource(&arn),
            Err(e) => {
                errors.record_api("shield_advanced", e);
                Value::Null
            }
        };
        let name = lb["LoadBalancerName"].as_str().unwrap_or(&arn).to_string();
        let mut attrs = document(&lb, attributes, listeners, web_acl, shield_advanced);
        // Read by calls of their own, made only when a selected control reads them.
        ctx.keep_planned(TYPE, &mut attrs, PER_LOAD_BALANCER);
        let attrs = errors.attach(attrs);
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, name, BTreeMap::new(), attrs));
    }
}

/// The resource attributes of one load balancer (see docs/resources.md).
fn document(
    lb: &Value,
    attributes: Value,
    listeners: Value,
    web_acl_arn: Value,
    shield_advanced: Value,
) -> Value {
    let field = |k: &str| lb.get(k).cloned().unwrap_or(Value::Null);
    json!({
        "LoadBalancerArn": field("LoadBalancerArn"),
        "LoadBalancerName": field("LoadBalancerName"),
        "DNSName": field("DNSName"),
        "Type": field("Type"),
        "Scheme": field("Scheme"),
        "VpcId": field("VpcId"),
        "State": field("State"),
        "SecurityGroups": field("SecurityGroups"),
        "IpAddressType": field("IpAddressType"),
        "AvailabilityZones": availability_zones(lb),
        "attributes": attributes,
        "listeners": listeners,
        "web_acl_arn": web_acl_arn,
        "shield_advanced": shield_advanced,
    })
}

/// The load balancer's subnets, one per zone (internet reachability judges each).
fn availability_zones(lb: &Value) -> Value {
    let zones = lb["AvailabilityZones"].as_array().into_iter().flatten();
    Value::Array(
        zones
            .map(|z| json!({"ZoneName": z.get("ZoneName"), "SubnetId": z.get("SubnetId")}))
            .collect(),
    )
}

fn listener(l: &Value) -> Value {
    let field = |k: &str| l.get(k).cloned().unwrap_or(Value::Null);
    json!({
        "ListenerArn": field("ListenerArn"),
        "Protocol": field("Protocol"),
        "Port": field("Port"),
        "SslPolicy": field("SslPolicy"),
        "Certificates": field("Certificates"),
    })
}

/// `[{Key, Value}]` as a map of key to (string) value.
fn key_values(list: &Value) -> Value {
    let mut map = Map::new();
    for kv in list.as_array().into_iter().flatten() {
        if let Some(k) = kv["Key"].as_str() {
            map.insert(k.to_string(), kv["Value"].clone());
        }
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::shapes::decode_answer;

    // A DescribeLoadBalancerAttributes answer as AWS documents it: attribute values are
    // strings in the model, "true" and "60" included.
    #[test]
    fn attribute_lists_become_string_maps() {
        let xml = br#"<DescribeLoadBalancerAttributesResponse><DescribeLoadBalancerAttributesResult><Attributes>
<member><Value>true</Value><Key>deletion_protection.enabled</Key></member>
<member><Value>60</Value><Key>idle_timeout.timeout_seconds</Key></member>
<member><Value/><Key>access_logs.s3.bucket</Key></member>
</Attributes></DescribeLoadBalancerAttributesResult></DescribeLoadBalancerAttributesResponse>"#;
        let v = decode_answer(&ELBV2, "DescribeLoadBalancerAttributes", "/", xml).unwrap();
        let r = &v["DescribeLoadBalancerAttributesResult"];
        let map = key_values(&r["Attributes"]);
        assert_eq!(map["deletion_protection.enabled"], "true");
        assert_eq!(map["idle_timeout.timeout_seconds"], "60");
        assert_eq!(map["access_logs.s3.bucket"], Value::Null);
    }
}
