//! Classic Load Balancers (regional, query protocol): listeners and attributes.

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{Api, Protocol, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const ELB: Service = elastic_load_balancing("2012-06-01");

/// Classic (2012-06-01) and v2 (2015-12-01) are two API versions of one service.
pub(super) const fn elastic_load_balancing(version: &'static str) -> Service {
    Service {
        signing_name: "elasticloadbalancing",
        endpoint_prefix: "elasticloadbalancing",
        protocol: Protocol::Query { version },
        global: None,
    }
}

/// Every page of DescribeLoadBalancers (both versions page with Marker/NextMarker), or
/// None after recording that the type could not be listed.
pub(super) async fn describe_load_balancers(
    api: &Api,
    out: &mut Collected,
    region: &str,
    resource_type: &str,
    list: &str,
) -> Option<Vec<Value>> {
    match api
        .list(
            "DescribeLoadBalancers",
            json!({}),
            "Marker",
            "NextMarker",
            list,
        )
        .await
    {
        Ok(l) => Some(l),
        Err(e) => {
            out.fail(resource_type, region, e.to_string());
            None
        }
    }
}

const TYPE: &str = "AWS::ElasticLoadBalancing::LoadBalancer";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ELB, ctx.region);
    let _permit = ctx.permit(ELB.signing_name, ctx.region).await;
    let Some(lbs) =
        describe_load_balancers(&api, out, ctx.region, TYPE, "LoadBalancerDescriptions").await
    else {
        return;
    };
    for lb in lbs {
        let name = lb["LoadBalancerName"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let mut errors = Errors::default();
        let attributes = match api
            .call(
                "DescribeLoadBalancerAttributes",
                &json!({"LoadBalancerName": name}),
            )
            .await
        {
            Ok(a) => a["LoadBalancerAttributes"].clone(),
            Err(e) => {
                for attribute in ["AccessLog", "ConnectionDraining", "desync_mitigation_mode"] {
                    errors.record_api(attribute, &e);
                }
                Value::Null
            }
        };
        let arn = format!(
            "arn:aws:elasticloadbalancing:{}:{}:loadbalancer/{name}",
            ctx.region, ctx.account_id
        );
        let attrs = errors.attach(document(&lb, &attributes));
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, name, BTreeMap::new(), attrs));
    }
}

/// A list field, `[]` when absent (AWS omits empty lists in query answers).
fn list(v: &Value, k: &str) -> Value {
    v.get(k)
        .filter(|l| l.is_array())
        .cloned()
        .unwrap_or(json!([]))
}

/// The resource attributes of one Classic Load Balancer (see docs/resources.md).
fn document(lb: &Value, attributes: &Value) -> Value {
    let field = |v: &Value, k: &str| v.get(k).cloned().unwrap_or(Value::Null);
    let desync = attributes["AdditionalAttributes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|kv| kv["Key"] == "elb.http.desyncmitigationmode")
        .map(|kv| kv["Value"].clone())
        .unwrap_or(Value::Null);
    json!({
        "LoadBalancerName": field(lb, "LoadBalancerName"),
        "DNSName": field(lb, "DNSName"),
        "Scheme": field(lb, "Scheme"),
        "VPCId": field(lb, "VPCId"),
        "Subnets": list(lb, "Subnets"),
        "SecurityGroups": list(lb, "SecurityGroups"),
        "Instances": list(lb, "Instances"),
        "ListenerDescriptions": lb.get("ListenerDescriptions").cloned().filter(|l| !l.is_null()).unwrap_or(json!([])),
        "AccessLog": field(attributes, "AccessLog"),
        "ConnectionDraining": field(attributes, "ConnectionDraining"),
        "CrossZoneLoadBalancing": field(attributes, "CrossZoneLoadBalancing"),
        "desync_mitigation_mode": desync,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::shapes::decode_answer;

    // The shapes of DescribeLoadBalancers and DescribeLoadBalancerAttributes answers as
    // the ELB API reference shows them, decoded as the collector decodes them.
    #[test]
    fn listeners_access_log_and_desync_mode_are_read() {
        let lb = decode_answer(&ELB, "DescribeLoadBalancers", "/", br#"<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions>
<member><LoadBalancerName>legacy</LoadBalancerName><Scheme>internet-facing</Scheme>
<ListenerDescriptions><member><PolicyNames/><Listener><Protocol>HTTPS</Protocol><LoadBalancerPort>443</LoadBalancerPort>
<InstanceProtocol>HTTP</InstanceProtocol><InstancePort>80</InstancePort>
<SSLCertificateId>arn:aws:iam::123456789012:server-certificate/old</SSLCertificateId></Listener></member></ListenerDescriptions>
</member></LoadBalancerDescriptions></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>"#).unwrap();
        let attrs = decode_answer(&ELB, "DescribeLoadBalancerAttributes", "/", br#"<DescribeLoadBalancerAttributesResponse><DescribeLoadBalancerAttributesResult>
<LoadBalancerAttributes><AccessLog><Enabled>false</Enabled></AccessLog>
<AdditionalAttributes><member><Key>elb.http.desyncmitigationmode</Key><Value>monitor</Value></member></AdditionalAttributes>
</LoadBalancerAttributes></DescribeLoadBalancerAttributesResult></DescribeLoadBalancerAttributesResponse>"#).unwrap();
        let doc = document(
            &lb["DescribeLoadBalancersResult"]["LoadBalancerDescriptions"][0],
            &attrs["DescribeLoadBalancerAttributesResult"]["LoadBalancerAttributes"],
        );
        assert_eq!(doc["desync_mitigation_mode"], "monitor");
        assert_eq!(doc["AccessLog"]["Enabled"], false);
        let l = &doc["ListenerDescriptions"][0]["Listener"];
        assert_eq!(l["LoadBalancerPort"], 443);
        assert!(l["SSLCertificateId"].as_str().unwrap().contains(":iam::"));
        assert_eq!(
            document(&json!({}), &Value::Null)["ListenerDescriptions"],
            json!([])
        );
    }
}
