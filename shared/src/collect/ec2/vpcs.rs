//! VPCs (`AWS::EC2::VPC`), joined with their flow logs, endpoints and subnets.

use super::{arn, flag, id, resource, text, VPC};
use crate::collect::support::Errors;
use crate::collect::Context;
use crate::model::Resource;
use serde_json::{json, Value};
use std::collections::HashSet;

/// What the VPCs are joined with, from other listings.
pub(super) struct Network<'a> {
    /// None when the flow logs could not be listed: then no VPC is shaped.
    pub flow_logs: Option<&'a [Value]>,
    pub endpoints: &'a Result<Vec<Value>, String>,
    pub subnets: Option<&'a [Value]>,
    /// None when the subnets or the route tables could not be listed.
    pub public_subnets: Option<&'a HashSet<String>>,
}

pub(super) fn resources(
    ctx: &Context<'_>,
    vpcs: Option<&[Value]>,
    network: &Network<'_>,
) -> Vec<Resource> {
    let (Some(vpcs), Some(flow_logs)) = (vpcs, network.flow_logs) else {
        return Vec::new();
    };
    vpcs.iter()
        .map(|v| {
            let vpc = id(v, "vpcId");
            let mut errors = Errors::default();
            let attrs = json!({
                "VpcId": vpc, "IsDefault": flag(v, "isDefault"), "CidrBlock": text(v, "cidrBlock"),
                "flow_logs": vpc_flow_logs(flow_logs, vpc),
                "endpoints": vpc_endpoints(network.endpoints, vpc, &mut errors),
                "subnets": vpc_subnets(network, vpc, &mut errors),
            });
            resource(ctx, arn(ctx, "vpc", vpc), VPC, v, vpc, errors.attach(attrs))
        })
        .collect()
}

fn vpc_flow_logs(flow_logs: &[Value], vpc: &str) -> Vec<Value> {
    flow_logs
        .iter()
        .filter(|f| id(f, "resourceId") == vpc)
        .map(|f| {
            json!({
                "FlowLogId": text(f, "flowLogId"), "FlowLogStatus": text(f, "flowLogStatus"),
                "TrafficType": text(f, "trafficType"),
                "LogDestinationType": text(f, "logDestinationType"),
            })
        })
        .collect()
}

fn vpc_endpoints(endpoints: &Result<Vec<Value>, String>, vpc: &str, errors: &mut Errors) -> Value {
    match endpoints {
        Ok(all) => all
            .iter()
            .filter(|e| id(e, "vpcId") == vpc)
            .map(|e| {
                json!({
                    "ServiceName": text(e, "serviceName"),
                    "VpcEndpointType": text(e, "vpcEndpointType"),
                    "State": text(e, "state"),
                })
            })
            .collect(),
        Err(reason) => {
            errors.note("endpoints", reason.clone());
            Value::Null
        }
    }
}

fn vpc_subnets(network: &Network<'_>, vpc: &str, errors: &mut Errors) -> Value {
    match (network.public_subnets, network.subnets) {
        (Some(public), Some(all)) => all
            .iter()
            .filter(|n| id(n, "vpcId") == vpc)
            .map(|n| {
                let subnet = id(n, "subnetId");
                json!({"SubnetId": subnet, "public": public.contains(subnet)})
            })
            .collect(),
        _ => {
            errors.note(
                "subnets",
                "the VPC's subnets or route tables could not be listed".into(),
            );
            Value::Null
        }
    }
}
