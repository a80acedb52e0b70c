//! Instances (`AWS::EC2::Instance`), joined with the rules of their security groups and
//! Systems Manager's view of their agent.

use super::security_groups::permissions;
use super::{arn, flag, id, items, resource, text, time, INSTANCE};
use crate::collect::support::Errors;
use crate::collect::Context;
use crate::model::Resource;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The instances of DescribeInstances' reservations.
pub(super) fn from_reservations(reservations: &[Value]) -> Vec<Value> {
    reservations
        .iter()
        .flat_map(|r| items(r, "instancesSet").iter().cloned())
        .collect()
}

/// The instances' resources. Systems Manager is asked about the region's agents once,
/// and only when some instance is wanted.
pub(super) async fn resources(
    ctx: &Context<'_>,
    instances: Option<&[Value]>,
    groups: Option<&[Value]>,
) -> Vec<Resource> {
    let instances = instances.unwrap_or_default();
    let any_wanted = instances.iter().any(|i| {
        let instance = id(i, "instanceId");
        ctx.wants(instance, &arn(ctx, "instance", instance))
    });
    let managed = if any_wanted {
        Some(managed_instances(ctx).await)
    } else {
        None
    };
    let group_rules = rules_by_group(groups.unwrap_or_default());
    instances
        .iter()
        .map(|i| instance(ctx, i, &group_rules, managed.as_ref()))
        .collect()
}

/// Each security group's inbound rules, by group id.
fn rules_by_group(groups: &[Value]) -> HashMap<String, Value> {
    groups
        .iter()
        .map(|g| {
            (
                id(g, "groupId").to_string(),
                permissions(items(g, "ipPermissions")),
            )
        })
        .collect()
}

type Agents = Result<HashMap<String, Value>, crate::aws::ApiError>;

fn instance(
    ctx: &Context<'_>,
    i: &Value,
    group_rules: &HashMap<String, Value>,
    managed: Option<&Agents>,
) -> Resource {
    let instance = id(i, "instanceId");
    let sgs: Vec<Value> = items(i, "groupSet")
        .iter()
        .map(|g| json!({"GroupId": text(g, "groupId"), "GroupName": text(g, "groupName")}))
        .collect();
    // The rules of every attached group, in the groups' order.
    let rules: Vec<Value> = items(i, "groupSet")
        .iter()
        .filter_map(|g| match group_rules.get(id(g, "groupId")) {
            Some(Value::Array(r)) => Some(r.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect();
    let mut errors = Errors::default();
    let ssm_managed = match managed {
        Some(Ok(listed)) => listed.get(instance).cloned().unwrap_or(Value::Null),
        Some(Err(e)) => {
            errors.record_api("ssm_managed", e);
            Value::Null
        }
        None => Value::Null,
    };
    let nested = |key: &str| i.get(key).filter(|v| v.is_object());
    let attrs = errors.attach(json!({
        "InstanceId": instance,
        "State": {"Name": nested("instanceState").map_or(Value::Null, |s| text(s, "name"))},
        "MetadataOptions": nested("metadataOptions").map(|m| json!({
            "HttpTokens": text(m, "httpTokens"),
            "HttpEndpoint": text(m, "httpEndpoint"),
        })),
        "IamInstanceProfile": nested("iamInstanceProfile").map(|p| json!({"Arn": text(p, "arn"), "Id": text(p, "id")})),
        "EnclaveOptions": {"Enabled": nested("enclaveOptions").and_then(|e| e.get("enabled")).and_then(Value::as_bool).unwrap_or(false)},
        "CpuOptions": {"AmdSevSnp": nested("cpuOptions").map_or(Value::Null, |c| text(c, "amdSevSnp"))},
        "PublicIpAddress": text(i, "ipAddress"),
        "Ipv6Address": text(i, "ipv6Address"),
        "SubnetId": text(i, "subnetId"),
        "VpcId": text(i, "vpcId"),
        "NetworkInterfaces": items(i, "networkInterfaceSet").iter().map(network_interface).collect::<Vec<_>>(),
        "Monitoring": {"State": nested("monitoring").map_or(Value::Null, |m| text(m, "state"))},
        "LaunchTime": time(i, "launchTime"),
        "SecurityGroups": sgs,
        "security_group_rules": rules,
        "ssm_managed": ssm_managed,
    }));
    resource(
        ctx,
        arn(ctx, "instance", instance),
        INSTANCE,
        i,
        instance,
        attrs,
    )
}

/// One attached interface as internet reachability reads it: its subnet, groups and
/// every public address (the primary association, Elastic IPs on secondary private
/// addresses, IPv6 addresses).
fn network_interface(n: &Value) -> Value {
    let public_ip = |x: &Value| {
        x.get("association")
            .filter(|a| a.is_object())
            .map(|a| json!({"PublicIp": text(a, "publicIp")}))
    };
    json!({
        "NetworkInterfaceId": text(n, "networkInterfaceId"),
        "SubnetId": text(n, "subnetId"),
        "VpcId": text(n, "vpcId"),
        "Groups": items(n, "groupSet").iter().map(|g| json!({"GroupId": text(g, "groupId")})).collect::<Vec<_>>(),
        "Association": public_ip(n),
        "PrivateIpAddresses": items(n, "privateIpAddressesSet").iter().map(|p| json!({
            "PrivateIpAddress": text(p, "privateIpAddress"),
            "Primary": flag(p, "primary"),
            "Association": public_ip(p),
        })).collect::<Vec<_>>(),
        "Ipv6Addresses": items(n, "ipv6AddressesSet").iter().map(|x| json!({"Ipv6Address": text(x, "ipv6Address")})).collect::<Vec<_>>(),
    })
}

/// The instances Systems Manager manages in the region, by instance id: its agent's
/// `PingStatus`, `LastPingDateTime`, `AgentVersion` and `PlatformType`.
async fn managed_instances(ctx: &Context<'_>) -> Agents {
    let ssm = ctx.clients.api(&crate::collect::ssm::SSM, ctx.region);
    let _permit = ctx.permit("ssm", ctx.region).await;
    let listed = ssm
        .list(
            "DescribeInstanceInformation",
            json!({"MaxResults": 50}),
            "NextToken",
            "NextToken",
            "InstanceInformationList",
        )
        .await?;
    Ok(agents_by_instance(listed))
}

fn agents_by_instance(listed: Vec<Value>) -> HashMap<String, Value> {
    listed
        .into_iter()
        .filter_map(|i| {
            let id = i.get("InstanceId")?.as_str()?.to_string();
            let agent = json!({
                "PingStatus": i.get("PingStatus"),
                "LastPingDateTime": i.get("LastPingDateTime"),
                "AgentVersion": i.get("AgentVersion"),
                "PlatformType": i.get("PlatformType"),
            });
            Some((id, agent))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DescribeInstanceInformation's answer as AWS gives it (moto does not implement the
    /// operation): epoch-seconds timestamps, one entry per managed node, including
    /// non-EC2 nodes (`mi-` ids) that no instance will look up.
    #[test]
    fn agents_are_keyed_by_instance_id() {
        let answer = crate::aws::shapes::decode_answer(
            &crate::collect::ssm::SSM,
            "DescribeInstanceInformation",
            "/",
            br#"{"InstanceInformationList": [
              {"InstanceId": "i-0a1b2c3d4e5f60718", "PingStatus": "Online",
               "LastPingDateTime": 1732492800.123, "AgentVersion": "3.3.987.0",
               "IsLatestVersion": false, "PlatformType": "Linux", "PlatformName": "Amazon Linux",
               "PlatformVersion": "2023", "ResourceType": "EC2Instance", "IPAddress": "10.0.1.12",
               "ComputerName": "ip-10-0-1-12.ec2.internal", "AssociationStatus": "Success"},
              {"InstanceId": "i-0ffee0000000000aa", "PingStatus": "ConnectionLost",
               "LastPingDateTime": 1729900800.0, "AgentVersion": "3.2.582.0",
               "PlatformType": "Windows", "ResourceType": "EC2Instance"},
              {"InstanceId": "mi-0123456789abcdef0", "PingStatus": "Online",
               "ResourceType": "ManagedInstance", "PlatformType": "Linux"}
            ]}"#,
        )
        .unwrap();
        let listed = answer["InstanceInformationList"]
            .as_array()
            .unwrap()
            .clone();
        let agents = agents_by_instance(listed);
        assert_eq!(agents.len(), 3);
        assert_eq!(
            agents["i-0a1b2c3d4e5f60718"],
            json!({"PingStatus": "Online", "LastPingDateTime": "2024-11-25T00:00:00Z",
                   "AgentVersion": "3.3.987.0", "PlatformType": "Linux"})
        );
        assert_eq!(
            agents["i-0ffee0000000000aa"]["PingStatus"],
            "ConnectionLost"
        );
    }
}
