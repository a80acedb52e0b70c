//! Redshift provisioned clusters (regional), read through `aws::api` (query protocol).

use super::support::{tag_map, Errors};
use super::{Collected, Context};
use crate::aws::{api::Protocol, Api, Service};
use serde_json::{json, Value};
use std::collections::HashMap;

pub const REDSHIFT: Service = Service {
    signing_name: "redshift",
    endpoint_prefix: "redshift",
    protocol: Protocol::Query {
        version: "2012-12-01",
    },
    global: None,
};

const TYPE: &str = "AWS::Redshift::Cluster";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&REDSHIFT, ctx.region);
    let _permit = ctx.permit(REDSHIFT.signing_name, ctx.region).await;
    let clusters = match api
        .list(
            "DescribeClusters",
            json!({"MaxRecords": 100}),
            "Marker",
            "Marker",
            "Clusters",
        )
        .await
    {
        Ok(c) => c,
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    // Clusters often share a parameter group: read each group once.
    let mut require_ssl_of: HashMap<String, Result<bool, String>> = HashMap::new();
    for cluster in clusters {
        let mut errors = Errors::default();
        let id = cluster["ClusterIdentifier"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        // DescribeClusters gives the namespace ARN only; the cluster's own ARN is built.
        let arn = format!(
            "arn:aws:redshift:{}:{}:cluster:{id}",
            ctx.region, ctx.account_id
        );
        let logging_status = match api
            .call("DescribeLoggingStatus", &json!({"ClusterIdentifier": id}))
            .await
        {
            Ok(v) => v,
            Err(e) => {
                errors.record_api("logging_status", &e);
                Value::Null
            }
        };
        let mut require_ssl = Value::Bool(false);
        for group in parameter_groups(&cluster) {
            if !require_ssl_of.contains_key(&group) {
                let read = require_ssl_in(&api, &group).await;
                require_ssl_of.insert(group.clone(), read);
            }
            match &require_ssl_of[&group] {
                Ok(true) => require_ssl = Value::Bool(true),
                Ok(false) => {}
                Err(e) => {
                    errors.note("require_ssl", e.clone());
                    require_ssl = Value::Null;
                    break;
                }
            }
        }
        let tags = tag_map(&cluster["Tags"]);
        let mut attrs = cluster;
        if let Some(obj) = attrs.as_object_mut() {
            obj.insert("logging_status".into(), logging_status);
            obj.insert("require_ssl".into(), require_ssl);
        }
        let attrs = errors.attach(attrs);
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, id, tags, attrs));
    }
}

/// The names of the parameter groups a cluster uses.
fn parameter_groups(cluster: &Value) -> Vec<String> {
    cluster["ClusterParameterGroups"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["ParameterGroupName"].as_str().map(str::to_string))
        .collect()
}

/// Whether a parameter group sets `require_ssl` (clients must connect over TLS).
async fn require_ssl_in(api: &Api, group: &str) -> Result<bool, String> {
    let params = api
        .list(
            "DescribeClusterParameters",
            json!({"ParameterGroupName": group, "MaxRecords": 100}),
            "Marker",
            "Marker",
            "Parameters",
        )
        .await
        .map_err(|e| format!("DescribeClusterParameters {group}: {e}"))?;
    Ok(require_ssl_set(&params))
}

fn require_ssl_set(params: &[Value]) -> bool {
    params.iter().any(|p| {
        p["ParameterName"] == "require_ssl"
            && p["ParameterValue"]
                .as_str()
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::shapes::decode_answer;

    #[test]
    fn reads_clusters_and_parameters_from_the_query_answer() {
        // Shape of a real DescribeClusters answer (abridged from the API reference).
        let xml =
            br#"<DescribeClustersResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">
          <DescribeClustersResult><Clusters><Cluster>
            <ClusterIdentifier>wh</ClusterIdentifier><Encrypted>true</Encrypted>
            <AutomatedSnapshotRetentionPeriod>1</AutomatedSnapshotRetentionPeriod>
            <ClusterParameterGroups><ClusterParameterGroup>
              <ParameterGroupName>secure</ParameterGroupName>
            </ClusterParameterGroup></ClusterParameterGroups>
            <Tags><Tag><Key>env</Key><Value>prod</Value></Tag></Tags>
          </Cluster></Clusters></DescribeClustersResult></DescribeClustersResponse>"#;
        let v = decode_answer(&REDSHIFT, "DescribeClusters", "/", xml).unwrap();
        let clusters = &v["DescribeClustersResult"]["Clusters"];
        let c = &clusters[0];
        assert_eq!(c["Encrypted"], true);
        assert_eq!(c["AutomatedSnapshotRetentionPeriod"], 1);
        assert_eq!(parameter_groups(c), ["secure"]);
        assert_eq!(tag_map(&c["Tags"])["env"], "prod");
        let on = [json!({"ParameterName": "require_ssl", "ParameterValue": "true"})];
        let off = [json!({"ParameterName": "require_ssl", "ParameterValue": "false"})];
        assert!(require_ssl_set(&on));
        assert!(!require_ssl_set(&off));
        assert!(!require_ssl_set(&[]));
    }
}
