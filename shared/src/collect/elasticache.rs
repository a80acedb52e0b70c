//! ElastiCache cache clusters and replication groups (regional), read through `aws::api`
//! (query protocol). Whether a cluster's subnets are public comes from the VPC's route
//! tables (EC2 DescribeRouteTables).

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{api::Protocol, Service};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const ELASTICACHE: Service = Service {
    signing_name: "elasticache",
    endpoint_prefix: "elasticache",
    protocol: Protocol::Query {
        version: "2015-02-02",
    },
    global: None,
};

const CLUSTER: &str = "AWS::ElastiCache::CacheCluster";
const GROUP: &str = "AWS::ElastiCache::ReplicationGroup";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ELASTICACHE, ctx.region);
    let _permit = ctx.permit(ELASTICACHE.signing_name, ctx.region).await;
    match api
        .list(
            "DescribeReplicationGroups",
            json!({"MaxRecords": 100}),
            "Marker",
            "Marker",
            "ReplicationGroups",
        )
        .await
    {
        Ok(groups) => {
            for g in groups {
                let id = g["ReplicationGroupId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                let arn = g["ARN"].as_str().map(str::to_string).unwrap_or_else(|| {
                    format!(
                        "arn:aws:elasticache:{}:{}:replicationgroup:{id}",
                        ctx.region, ctx.account_id
                    )
                });
                out.resources
                    .push(ctx.resource(arn, GROUP, ctx.region, id, BTreeMap::new(), g));
            }
        }
        Err(e) => out.fail(GROUP, ctx.region, e.to_string()),
    }
    let clusters = match api
        .list(
            "DescribeCacheClusters",
            json!({"MaxRecords": 100}),
            "Marker",
            "Marker",
            "CacheClusters",
        )
        .await
    {
        Ok(c) => c,
        Err(e) => return out.fail(CLUSTER, ctx.region, e.to_string()),
    };
    if clusters.is_empty() {
        return;
    }
    // Subnet groups and route tables are read once for all clusters of the region.
    let subnet_groups: Result<HashMap<String, Value>, String> = api
        .list(
            "DescribeCacheSubnetGroups",
            json!({"MaxRecords": 100}),
            "Marker",
            "Marker",
            "CacheSubnetGroups",
        )
        .await
        .map(|groups| {
            groups
                .into_iter()
                .filter_map(|g| Some((g["CacheSubnetGroupName"].as_str()?.to_string(), g)))
                .collect()
        })
        .map_err(|e| e.to_string());
    let routes = route_tables(ctx).await;
    for mut c in clusters {
        let mut errors = Errors::default();
        let id = c["CacheClusterId"].as_str().unwrap_or_default().to_string();
        let arn = c["ARN"].as_str().map(str::to_string).unwrap_or_else(|| {
            format!(
                "arn:aws:elasticache:{}:{}:cluster:{id}",
                ctx.region, ctx.account_id
            )
        });
        let public = match (&subnet_groups, &routes, c["CacheSubnetGroupName"].as_str()) {
            // EC2-Classic clusters have no subnet group, hence no subnets.
            (_, _, None) => json!([]),
            (Err(e), _, _) | (_, Err(e), _) => {
                errors.note("public_subnets", e.clone());
                Value::Null
            }
            (Ok(groups), Ok(routes), Some(name)) => match groups.get(name) {
                Some(group) => json!(public_subnets_of(group, routes)),
                None => {
                    errors.note(
                        "public_subnets",
                        format!("subnet group {name} was not listed"),
                    );
                    Value::Null
                }
            },
        };
        if let Some(obj) = c.as_object_mut() {
            obj.insert("public_subnets".into(), public);
        }
        out.resources.push(ctx.resource(
            arn,
            CLUSTER,
            ctx.region,
            id,
            BTreeMap::new(),
            errors.attach(c),
        ));
    }
}

/// What the region's route tables say about subnets: which tables route to an internet
/// gateway, each subnet's own table, and each VPC's main table.
#[derive(Debug, Default)]
pub(crate) struct Routes {
    internet_tables: HashSet<String>,
    table_of_subnet: HashMap<String, String>,
    main_table_of_vpc: HashMap<String, String>,
}

impl Routes {
    /// A subnet is public when its route table (its own, else its VPC's main one) sends
    /// traffic to an internet gateway.
    pub(crate) fn is_public(&self, subnet: &str, vpc: &str) -> bool {
        self.table_of_subnet
            .get(subnet)
            .or_else(|| self.main_table_of_vpc.get(vpc))
            .is_some_and(|t| self.internet_tables.contains(t))
    }
}

async fn route_tables(ctx: &Context<'_>) -> Result<Routes, String> {
    let ec2 = ctx.clients.api(&super::ec2::EC2, ctx.region);
    let tables = ec2
        .list(
            "DescribeRouteTables",
            json!({"MaxResults": 100}),
            "NextToken",
            "nextToken",
            "routeTableSet",
        )
        .await
        .map_err(|e| e.to_string())?;
    let text = |v: &Value, key: &str| v[key].as_str().map(str::to_string);
    let list = |v: &Value, key: &str| v[key].as_array().cloned().unwrap_or_default();
    let mut routes = Routes::default();
    for t in tables {
        let id = text(&t, "routeTableId").unwrap_or_default();
        let to_internet = list(&t, "routeSet").iter().any(|r| {
            text(r, "gatewayId").is_some_and(|g| g.starts_with("igw-"))
                && (text(r, "destinationCidrBlock").as_deref() == Some("0.0.0.0/0")
                    || text(r, "destinationIpv6CidrBlock").as_deref() == Some("::/0"))
        });
        if to_internet {
            routes.internet_tables.insert(id.clone());
        }
        for a in list(&t, "associationSet") {
            if a["main"] == Value::Bool(true) {
                if let Some(vpc) = text(&t, "vpcId") {
                    routes.main_table_of_vpc.insert(vpc, id.clone());
                }
            } else if let Some(subnet) = text(&a, "subnetId") {
                routes.table_of_subnet.insert(subnet, id.clone());
            }
        }
    }
    Ok(routes)
}

/// The public subnets of a cache subnet group.
fn public_subnets_of(group: &Value, routes: &Routes) -> Vec<String> {
    let vpc = group["VpcId"].as_str().unwrap_or_default();
    group["Subnets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["SubnetIdentifier"].as_str())
        .filter(|s| routes.is_public(s, vpc))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::shapes::decode_answer;

    #[test]
    fn subnet_groups_decode_and_public_subnets_follow_route_tables() {
        // Abridged DescribeCacheSubnetGroups answer from the API reference.
        let xml = br#"<DescribeCacheSubnetGroupsResponse><DescribeCacheSubnetGroupsResult>
          <CacheSubnetGroups><CacheSubnetGroup>
            <CacheSubnetGroupName>cache</CacheSubnetGroupName><VpcId>vpc-1</VpcId>
            <Subnets><Subnet><SubnetIdentifier>subnet-own</SubnetIdentifier></Subnet>
              <Subnet><SubnetIdentifier>subnet-main</SubnetIdentifier></Subnet></Subnets>
          </CacheSubnetGroup></CacheSubnetGroups>
        </DescribeCacheSubnetGroupsResult></DescribeCacheSubnetGroupsResponse>"#;
        let v = decode_answer(&ELASTICACHE, "DescribeCacheSubnetGroups", "/", xml).unwrap();
        let group = &v["DescribeCacheSubnetGroupsResult"]["CacheSubnetGroups"][0];
        let mut routes = Routes::default();
        routes
            .table_of_subnet
            .insert("subnet-own".into(), "rtb-private".into());
        routes
            .main_table_of_vpc
            .insert("vpc-1".into(), "rtb-main".into());
        routes.internet_tables.insert("rtb-main".into());
        // subnet-main has no table of its own and inherits the main one, which is public.
        assert_eq!(public_subnets_of(group, &routes), ["subnet-main"]);
        routes.internet_tables.insert("rtb-private".into());
        assert_eq!(public_subnets_of(group, &routes).len(), 2);
    }
}
