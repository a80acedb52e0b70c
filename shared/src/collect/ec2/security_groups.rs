//! Security groups (`AWS::EC2::SecurityGroup`), with the number of instances attached.

use super::{arn, id, int, items, resource, text, SECURITY_GROUP};
use crate::collect::Context;
use crate::model::Resource;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Rules (`ipPermissions` or `ipPermissionsEgress`) in the API's documented names.
pub(super) fn permissions(list: &[Value]) -> Value {
    list.iter()
        .map(|p| {
            let each = |list: &str, field: &str, name: &str| {
                items(p, list)
                    .iter()
                    .map(|r| json!({ name: text(r, field) }))
                    .collect::<Vec<_>>()
            };
            json!({
                "IpProtocol": text(p, "ipProtocol"), "FromPort": int(p, "fromPort"), "ToPort": int(p, "toPort"),
                "IpRanges": each("ipRanges", "cidrIp", "CidrIp"),
                "Ipv6Ranges": each("ipv6Ranges", "cidrIpv6", "CidrIpv6"),
                "PrefixListIds": each("prefixListIds", "prefixListId", "PrefixListId"),
                "UserIdGroupPairs": each("groups", "groupId", "GroupId"),
            })
        })
        .collect()
}

/// How many of the instances each group is attached to, by group id.
fn instances_per_group(instances: &[Value]) -> HashMap<&str, u32> {
    let mut count = HashMap::new();
    for g in instances.iter().flat_map(|i| items(i, "groupSet")) {
        *count.entry(id(g, "groupId")).or_default() += 1;
    }
    count
}

pub(super) fn resources(
    ctx: &Context<'_>,
    groups: Option<&[Value]>,
    instances: Option<&[Value]>,
) -> Vec<Resource> {
    let attached = instances_per_group(instances.unwrap_or_default());
    groups
        .unwrap_or_default()
        .iter()
        .map(|g| {
            let group = id(g, "groupId");
            let name = id(g, "groupName");
            let attrs = json!({
                "GroupId": group, "GroupName": text(g, "groupName"), "VpcId": text(g, "vpcId"),
                "Description": text(g, "groupDescription"),
                "IpPermissions": permissions(items(g, "ipPermissions")),
                "IpPermissionsEgress": permissions(items(g, "ipPermissionsEgress")),
                "is_default": name == "default",
                "attached_instances": attached.get(group).copied().unwrap_or(0),
            });
            let fallback = if name.is_empty() { group } else { name };
            resource(
                ctx,
                arn(ctx, "security-group", group),
                SECURITY_GROUP,
                g,
                fallback,
                attrs,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::answer;
    use super::super::{display_name, tags};
    use super::*;

    /// A DescribeSecurityGroups answer in EC2's XML: lowerCamel names, `<item>` lists,
    /// numbers and booleans as text. The attributes come out with the API's documented
    /// names and JSON types, as the SDK gave them.
    #[test]
    fn security_groups_read_from_ec2_xml() {
        let page = answer(
            r#"<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
              <securityGroupInfo><item>
                <ownerId>123456789012</ownerId><groupId>sg-1a2b3c4d</groupId>
                <groupName>web</groupName><groupDescription>true</groupDescription>
                <vpcId>vpc-1a2b3c4d</vpcId>
                <ipPermissions>
                  <item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort>
                    <groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges>
                    <ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item></ipv6Ranges>
                    <prefixListIds/></item>
                  <item><ipProtocol>-1</ipProtocol>
                    <groups><item><userId>123456789012</userId><groupId>sg-9f8e7d6c</groupId></item></groups>
                    <ipRanges/><ipv6Ranges/><prefixListIds/></item>
                </ipPermissions>
                <ipPermissionsEgress/>
                <tagSet><item><key>Name</key><value>web-tier</value></item>
                  <item><key>public</key><value>true</value></item></tagSet>
              </item></securityGroupInfo>
            </DescribeSecurityGroupsResponse>"#,
        );
        let groups = items(&page, "securityGroupInfo");
        assert_eq!(groups.len(), 1);
        let g = &groups[0];
        assert_eq!(
            permissions(items(g, "ipPermissions")),
            json!([
                {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                 "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}],
                 "PrefixListIds": [], "UserIdGroupPairs": []},
                {"IpProtocol": "-1", "FromPort": null, "ToPort": null, "IpRanges": [],
                 "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": [{"GroupId": "sg-9f8e7d6c"}]},
            ])
        );
        assert_eq!(permissions(items(g, "ipPermissionsEgress")), json!([]));
        // Text the model types as a string stays text, even `true`.
        assert_eq!(text(g, "groupDescription"), json!("true"));
        let tags = tags(g);
        assert_eq!(
            (tags["Name"].as_str(), tags["public"].as_str()),
            ("web-tier", "true")
        );
        assert_eq!(display_name(g, "sg-1a2b3c4d"), "web-tier");
    }
}
