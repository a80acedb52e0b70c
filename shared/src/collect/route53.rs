//! Route 53 hosted zones (global, REST-XML) with their DNS query logging.

use super::{Collected, Context};
use crate::aws::{Protocol, Service};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

pub const ROUTE53: Service = Service {
    signing_name: "route53",
    endpoint_prefix: "route53",
    protocol: Protocol::RestXml,
    global: Some(("route53.amazonaws.com", "us-east-1")),
};

const TYPE: &str = "AWS::Route53::HostedZone";
const API: &str = "/2013-04-01";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ROUTE53, ctx.home_region);
    let _permit = ctx.permit(ROUTE53.signing_name, "global").await;
    let zones = match api
        .rest_list(
            "ListHostedZones",
            &format!("{API}/hostedzone"),
            &[("maxitems", "100".into())],
            "marker",
            "NextMarker",
            "HostedZones",
        )
        .await
    {
        Ok(z) => z,
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    if zones.is_empty() {
        return;
    }
    // One listing of every query logging configuration, joined to the zones by id.
    let logging = api
        .rest_list(
            "ListQueryLoggingConfigs",
            &format!("{API}/queryloggingconfig"),
            &[("maxresults", "100".into())],
            "nexttoken",
            "NextToken",
            "QueryLoggingConfigs",
        )
        .await
        .map(|configs| logging_by_zone(&configs));
    for zone in zones {
        let id = zone_id(&zone["Id"]);
        let mut errors = super::Errors::default();
        let query_logging = match &logging {
            Ok(by_zone) => Value::Array(by_zone.get(&id).cloned().unwrap_or_default()),
            Err(e) => {
                errors.record_api("query_logging_configs", e);
                Value::Null
            }
        };
        let name = zone["Name"].as_str().unwrap_or(&id).to_string();
        let attrs = errors.attach(json!({
            "Id": id,
            "Name": zone["Name"],
            "Config": zone["Config"],
            "ResourceRecordSetCount": zone["ResourceRecordSetCount"],
            "query_logging_configs": query_logging,
        }));
        out.resources.push(ctx.resource(
            format!("arn:aws:route53:::hostedzone/{id}"),
            TYPE,
            ctx.region,
            name,
            BTreeMap::new(),
            attrs,
        ));
    }
}

/// `/hostedzone/Z1D633PJN98FT9` and `Z1D633PJN98FT9` both name the zone `Z1D633PJN98FT9`.
fn zone_id(id: &Value) -> String {
    let id = id.as_str().unwrap_or_default();
    id.rsplit('/').next().unwrap_or(id).to_string()
}

fn logging_by_zone(configs: &[Value]) -> HashMap<String, Vec<Value>> {
    let mut by_zone: HashMap<String, Vec<Value>> = HashMap::new();
    for c in configs {
        by_zone
            .entry(zone_id(&c["HostedZoneId"]))
            .or_default()
            .push(json!({
                "Id": c["Id"], "CloudWatchLogsLogGroupArn": c["CloudWatchLogsLogGroupArn"],
            }));
    }
    by_zone
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::shapes::decode_answer;

    // ListHostedZones and ListQueryLoggingConfigs answers as the Route 53 API reference
    // shows them, each with one item: the model keeps them lists.
    #[test]
    fn zones_and_logging_configs_decode_and_join() {
        let zones = decode_answer(&ROUTE53, "ListHostedZones", "/2013-04-01/hostedzone", br#"<?xml version="1.0" encoding="UTF-8"?>
<ListHostedZonesResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
  <HostedZones><HostedZone><Id>/hostedzone/Z1D633PJN98FT9</Id><Name>example.com.</Name>
    <CallerReference>2014-04-01</CallerReference><Config><Comment>public</Comment><PrivateZone>false</PrivateZone></Config>
    <ResourceRecordSetCount>17</ResourceRecordSetCount></HostedZone></HostedZones>
  <IsTruncated>false</IsTruncated><MaxItems>100</MaxItems>
</ListHostedZonesResponse>"#).unwrap();
        let zone = &zones["HostedZones"][0];
        assert_eq!(zone_id(&zone["Id"]), "Z1D633PJN98FT9");
        assert_eq!(zone["Config"]["PrivateZone"], false);
        let configs = decode_answer(&ROUTE53, "ListQueryLoggingConfigs", "/2013-04-01/queryloggingconfig", br#"<ListQueryLoggingConfigsResponse><QueryLoggingConfigs><QueryLoggingConfig>
<Id>87654321-dcba-1234-abcd-1a2b3c4d5e6f</Id><HostedZoneId>Z1D633PJN98FT9</HostedZoneId>
<CloudWatchLogsLogGroupArn>arn:aws:logs:us-east-1:111111111111:log-group:/aws/route53/example.com:*</CloudWatchLogsLogGroupArn>
</QueryLoggingConfig></QueryLoggingConfigs></ListQueryLoggingConfigsResponse>"#).unwrap();
        let list = configs["QueryLoggingConfigs"].as_array().unwrap();
        let by_zone = logging_by_zone(list);
        assert_eq!(by_zone["Z1D633PJN98FT9"].len(), 1);
    }
}
