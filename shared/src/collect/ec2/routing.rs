//! Route tables (`AWS::EC2::RouteTable`) and subnets (`AWS::EC2::Subnet`), and which
//! subnets are public by their routes.

use super::{arn, flag, id, items, resource, text, ROUTE_TABLE, SUBNET};
use crate::collect::Context;
use crate::model::Resource;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// The public subnets' ids, or None when the route tables or the subnets could not be
/// listed (unknown, not "none").
pub(super) fn public_subnets(
    tables: Option<&[Value]>,
    subnets: Option<&[Value]>,
) -> Option<HashSet<String>> {
    Some(public_subnet_ids(tables?, subnets?))
}

/// The subnets whose route table (their own, or the VPC's main one) sends some traffic
/// to an internet gateway: public subnets.
fn public_subnet_ids(tables: &[Value], subnets: &[Value]) -> HashSet<String> {
    let to_internet = |t: &Value| {
        items(t, "routeSet")
            .iter()
            .any(|r| id(r, "gatewayId").starts_with("igw-"))
    };
    let mut explicit = HashMap::new();
    let mut main = HashMap::new();
    for t in tables {
        for a in items(t, "associationSet") {
            match a.get("subnetId").and_then(Value::as_str) {
                Some(subnet) => {
                    explicit.insert(subnet.to_string(), to_internet(t));
                }
                None if a.get("main") == Some(&Value::Bool(true)) => {
                    main.insert(id(t, "vpcId").to_string(), to_internet(t));
                }
                None => {}
            }
        }
    }
    subnets
        .iter()
        .filter_map(|n| {
            let subnet = n.get("subnetId")?.as_str()?;
            let public = explicit
                .get(subnet)
                .or_else(|| main.get(id(n, "vpcId")))
                .copied()
                .unwrap_or(false);
            public.then(|| subnet.to_string())
        })
        .collect()
}

pub(super) fn route_tables(ctx: &Context<'_>, tables: Option<&[Value]>) -> Vec<Resource> {
    tables
        .unwrap_or_default()
        .iter()
        .map(|t| route_table(ctx, t))
        .collect()
}

fn route_table(ctx: &Context<'_>, t: &Value) -> Resource {
    let table = id(t, "routeTableId");
    let routes: Vec<Value> = items(t, "routeSet")
        .iter()
        .map(|r| {
            json!({
                "DestinationCidrBlock": text(r, "destinationCidrBlock"),
                "DestinationIpv6CidrBlock": text(r, "destinationIpv6CidrBlock"),
                "DestinationPrefixListId": text(r, "destinationPrefixListId"),
                "GatewayId": text(r, "gatewayId"), "VpcPeeringConnectionId": text(r, "vpcPeeringConnectionId"),
                "State": text(r, "state"),
                // Targets other than a gateway: they take traffic away from the internet
                // gateway for their prefix, and name the evidence.
                "NatGatewayId": text(r, "natGatewayId"),
                "EgressOnlyInternetGatewayId": text(r, "egressOnlyInternetGatewayId"),
                "TransitGatewayId": text(r, "transitGatewayId"),
                "NetworkInterfaceId": text(r, "networkInterfaceId"),
                "InstanceId": text(r, "instanceId"),
            })
        })
        .collect();
    let associations: Vec<Value> = items(t, "associationSet")
        .iter()
        .map(|a| json!({"SubnetId": text(a, "subnetId"), "Main": flag(a, "main")}))
        .collect();
    let attrs = json!({"RouteTableId": table, "VpcId": text(t, "vpcId"), "Routes": routes, "Associations": associations});
    resource(
        ctx,
        arn(ctx, "route-table", table),
        ROUTE_TABLE,
        t,
        table,
        attrs,
    )
}

pub(super) fn subnets(ctx: &Context<'_>, subnets: Option<&[Value]>) -> Vec<Resource> {
    subnets
        .unwrap_or_default()
        .iter()
        .map(|n| {
            let subnet = id(n, "subnetId");
            let attrs = json!({
                "SubnetId": subnet, "VpcId": text(n, "vpcId"), "CidrBlock": text(n, "cidrBlock"),
                "AvailabilityZone": text(n, "availabilityZone"), "DefaultForAz": flag(n, "defaultForAz"),
                "MapPublicIpOnLaunch": flag(n, "mapPublicIpOnLaunch"),
                "AssignIpv6AddressOnCreation": flag(n, "assignIpv6AddressOnCreation"),
            });
            resource(ctx, arn(ctx, "subnet", subnet), SUBNET, n, subnet, attrs)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A subnet is public through its own table, else through its VPC's main one.
    #[test]
    fn public_subnets_follow_explicit_then_main_route_tables() {
        let tables = [
            json!({"vpcId": "vpc-1", "routeSet": [{"gatewayId": "igw-1"}],
                   "associationSet": [{"main": true}]}),
            json!({"vpcId": "vpc-1", "routeSet": [{"gatewayId": "local"}],
                   "associationSet": [{"subnetId": "subnet-private", "main": false}]}),
        ];
        let subnets = [
            json!({"subnetId": "subnet-private", "vpcId": "vpc-1"}),
            json!({"subnetId": "subnet-implicit", "vpcId": "vpc-1"}),
        ];
        let public = public_subnet_ids(&tables, &subnets);
        assert_eq!(public, HashSet::from(["subnet-implicit".to_string()]));
    }
}
