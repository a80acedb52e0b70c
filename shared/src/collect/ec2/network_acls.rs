//! Network ACLs (`AWS::EC2::NetworkAcl`): their entries and subnet associations.

use super::{arn, flag, id, int, items, resource, text, NETWORK_ACL};
use crate::collect::Context;
use crate::model::Resource;
use serde_json::{json, Value};

pub(super) fn resources(ctx: &Context<'_>, acls: Option<&[Value]>) -> Vec<Resource> {
    acls.unwrap_or_default()
        .iter()
        .map(|a| network_acl(ctx, a))
        .collect()
}

fn network_acl(ctx: &Context<'_>, a: &Value) -> Resource {
    let acl = id(a, "networkAclId");
    let entries: Vec<Value> = items(a, "entrySet")
        .iter()
        .map(|e| {
            let ports = e.get("portRange").filter(|p| p.is_object());
            json!({
                "RuleNumber": int(e, "ruleNumber"), "Protocol": text(e, "protocol"),
                "RuleAction": text(e, "ruleAction"), "Egress": flag(e, "egress"),
                "CidrBlock": text(e, "cidrBlock"), "Ipv6CidrBlock": text(e, "ipv6CidrBlock"),
                "PortRange": ports.map(|p| json!({"From": int(p, "from"), "To": int(p, "to")})),
            })
        })
        .collect();
    let associations: Vec<Value> = items(a, "associationSet")
        .iter()
        .map(|x| json!({"SubnetId": text(x, "subnetId")}))
        .collect();
    let attrs = json!({"NetworkAclId": acl, "VpcId": text(a, "vpcId"), "IsDefault": flag(a, "default"), "Entries": entries, "Associations": associations});
    resource(
        ctx,
        arn(ctx, "network-acl", acl),
        NETWORK_ACL,
        a,
        acl,
        attrs,
    )
}
