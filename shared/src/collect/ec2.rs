//! EC2 and VPC networking, volumes and instances (regional), read through `aws::api`
//! (EC2's query protocol). One Describe* page of up to 1,000 items per call: far fewer
//! calls than per-resource reads. Answers arrive in EC2's XML names (`groupSet`,
//! `ipAddress`, ...); the attributes keep the API's documented names, which the
//! controls read.

use super::api_support::listed;
use super::support::{epoch_ts, name_tag, Errors};
use super::{Collected, Context};
use crate::aws::{Api, Protocol, Service};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const EC2: Service = Service {
    signing_name: "ec2",
    endpoint_prefix: "ec2",
    protocol: Protocol::Ec2 {
        version: "2016-11-15",
    },
    global: None,
    xml_lists: &[],
};

/// The items of an XML list (`<groupSet><item>..</item></groupSet>`); an empty or
/// absent list is null.
fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    match v.get(key) {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

/// A text field. The XML reader turns the texts `true` and `false` into booleans, which
/// a name or a tag value may well be.
fn text(v: &Value, key: &str) -> Value {
    match v.get(key) {
        Some(s @ Value::String(_)) => s.clone(),
        Some(Value::Bool(b)) => Value::String(b.to_string()),
        _ => Value::Null,
    }
}

/// A text field as `&str` ("" when absent), for ids and joins.
fn id<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn int(v: &Value, key: &str) -> Value {
    v.get(key)
        .and_then(Value::as_str)
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map_or(Value::Null, Value::from)
}

fn flag(v: &Value, key: &str) -> Value {
    match v.get(key) {
        Some(b @ Value::Bool(_)) => b.clone(),
        _ => Value::Null,
    }
}

/// A timestamp as RFC 3339 UTC, the form the SDK-read collectors give.
fn time(v: &Value, key: &str) -> Value {
    v.get(key)
        .and_then(Value::as_str)
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s.trim()).ok())
        .map_or(Value::Null, |t| {
            Value::String(
                t.with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            )
        })
}

fn tags(item: &Value) -> BTreeMap<String, String> {
    items(item, "tagSet")
        .iter()
        .filter_map(|t| {
            let key = text(t, "key");
            let value = text(t, "value");
            Some((
                key.as_str()?.to_string(),
                value.as_str().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

fn display_name(item: &Value, fallback: &str) -> String {
    let tags = tags(item);
    name_tag(tags.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .unwrap_or_else(|| fallback.to_string())
}

fn permissions(list: &[Value]) -> Value {
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

/// Every page of a Describe* call, or None after recording that the type could not be
/// listed.
async fn describe_all(
    api: &Api,
    operation: &str,
    input: Value,
    list: &str,
    out: &mut Collected,
    region: &str,
    resource_type: &str,
) -> Option<Vec<Value>> {
    listed(
        api.list(operation, input, "NextToken", "nextToken", list)
            .await,
        out,
        resource_type,
        region,
        operation,
    )
}

const SNAPSHOT: &str = "AWS::EC2::Snapshot";
const TEMPLATE: &str = "AWS::EC2::LaunchTemplate";

/// `describe_all` for a type no other type's attributes depend on: skipped (None) when
/// no selected control evaluates it.
#[allow(clippy::too_many_arguments)]
async fn describe_needed(
    ctx: &Context<'_>,
    api: &Api,
    operation: &str,
    input: Value,
    list: &str,
    out: &mut Collected,
    region: &str,
    resource_type: &str,
) -> Option<Vec<Value>> {
    if !ctx.needs_type(resource_type) {
        return None;
    }
    describe_all(api, operation, input, list, out, region, resource_type).await
}

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&EC2, ctx.region);
    let _permit = ctx.permit("ec2", ctx.region).await;
    let (region, account) = (ctx.region, ctx.account_id);
    let arn = |kind: &str, id: &str| format!("arn:aws:ec2:{region}:{account}:{kind}/{id}");
    let page = json!({"MaxResults": 1000});

    let instances: Option<Vec<Value>> = describe_all(
        &api,
        "DescribeInstances",
        page.clone(),
        "reservationSet",
        out,
        region,
        "AWS::EC2::Instance",
    )
    .await
    .map(|reservations| {
        reservations
            .iter()
            .flat_map(|r| items(r, "instancesSet").iter().cloned())
            .collect()
    });
    let groups = describe_all(
        &api,
        "DescribeSecurityGroups",
        page.clone(),
        "securityGroupInfo",
        out,
        region,
        "AWS::EC2::SecurityGroup",
    )
    .await;

    let group_rules: HashMap<String, Value> = groups
        .iter()
        .flatten()
        .map(|g| {
            (
                id(g, "groupId").to_string(),
                permissions(items(g, "ipPermissions")),
            )
        })
        .collect();
    let mut instances_per_group: HashMap<String, u32> = HashMap::new();
    // Systems Manager's view of the region's instances, read only when there are some.
    let any_instance = instances.iter().flatten().any(|i| {
        let instance = id(i, "instanceId");
        ctx.wants(instance, &arn("instance", instance))
    });
    let managed = if any_instance {
        Some(managed_instances(ctx).await)
    } else {
        None
    };

    for i in instances.iter().flatten() {
        let instance = id(i, "instanceId");
        let sgs: Vec<Value> = items(i, "groupSet")
            .iter()
            .map(|g| json!({"GroupId": text(g, "groupId"), "GroupName": text(g, "groupName")}))
            .collect();
        let mut rules = Vec::new();
        for g in items(i, "groupSet") {
            let gid = id(g, "groupId");
            *instances_per_group.entry(gid.to_string()).or_default() += 1;
            if let Some(Value::Array(r)) = group_rules.get(gid) {
                rules.extend(r.iter().cloned());
            }
        }
        let mut errors = Errors::default();
        let ssm_managed = match &managed {
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
            "Monitoring": {"State": nested("monitoring").map_or(Value::Null, |m| text(m, "state"))},
            "LaunchTime": time(i, "launchTime"),
            "SecurityGroups": sgs,
            "security_group_rules": rules,
            "ssm_managed": ssm_managed,
        }));
        out.resources.push(ctx.resource(
            arn("instance", instance),
            "AWS::EC2::Instance",
            region,
            display_name(i, instance),
            tags(i),
            attrs,
        ));
    }

    for g in groups.iter().flatten() {
        let group = id(g, "groupId");
        let name = id(g, "groupName");
        let attrs = json!({
            "GroupId": group, "GroupName": text(g, "groupName"), "VpcId": text(g, "vpcId"),
            "Description": text(g, "groupDescription"),
            "IpPermissions": permissions(items(g, "ipPermissions")),
            "IpPermissionsEgress": permissions(items(g, "ipPermissionsEgress")),
            "is_default": name == "default",
            "attached_instances": instances_per_group.get(group).copied().unwrap_or(0),
        });
        out.resources.push(ctx.resource(
            arn("security-group", group),
            "AWS::EC2::SecurityGroup",
            region,
            display_name(g, if name.is_empty() { group } else { name }),
            tags(g),
            attrs,
        ));
    }

    if let Some(acls) = describe_all(
        &api,
        "DescribeNetworkAcls",
        page.clone(),
        "networkAclSet",
        out,
        region,
        "AWS::EC2::NetworkAcl",
    )
    .await
    {
        for a in acls {
            let acl = id(&a, "networkAclId");
            let entries: Vec<Value> = items(&a, "entrySet")
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
            let associations: Vec<Value> = items(&a, "associationSet")
                .iter()
                .map(|x| json!({"SubnetId": text(x, "subnetId")}))
                .collect();
            let attrs = json!({"NetworkAclId": acl, "VpcId": text(&a, "vpcId"), "IsDefault": flag(&a, "default"), "Entries": entries, "Associations": associations});
            out.resources.push(ctx.resource(
                arn("network-acl", acl),
                "AWS::EC2::NetworkAcl",
                region,
                display_name(&a, acl),
                tags(&a),
                attrs,
            ));
        }
    }

    // The account's own snapshots (the owner-id filter, unlike OwnerIds=self, is also
    // honoured by moto). Whether one is public needs one DescribeSnapshotAttribute each.
    let snapshots = describe_all(
        &api,
        "DescribeSnapshots",
        json!({"MaxResults": 1000, "Filter.1.Name": "owner-id", "Filter.1.Value.1": ctx.account_id}),
        "snapshotSet",
        out,
        region,
        "AWS::EC2::Snapshot",
    )
    .await;
    let mut snapshots_per_volume: HashMap<String, u32> = HashMap::new();
    for snap in snapshots.iter().flatten() {
        let snapshot = id(snap, "snapshotId");
        let volume = id(snap, "volumeId");
        if !volume.is_empty() {
            *snapshots_per_volume.entry(volume.to_string()).or_default() += 1;
        }
        let mut errors = Errors::default();
        let permissions_read = ctx.needs(SNAPSHOT, "public") || ctx.needs(SNAPSHOT, "shared_with");
        let (public, shared_with) = if !permissions_read {
            (Value::Null, Value::Null)
        } else {
            match api
                .call(
                    "DescribeSnapshotAttribute",
                    &json!({"SnapshotId": snapshot, "Attribute": "createVolumePermission"}),
                )
                .await
            {
                Ok(o) => {
                    let perms = items(&o, "createVolumePermission");
                    let public = perms.iter().any(|p| id(p, "group") == "all");
                    let users: Vec<&str> = perms
                        .iter()
                        .filter_map(|p| p.get("userId").and_then(Value::as_str))
                        .collect();
                    (json!(public), json!(users))
                }
                Err(e) => {
                    errors.record_api("public", &e);
                    errors.record_api("shared_with", &e);
                    (Value::Null, Value::Null)
                }
            }
        };
        let mut attrs = json!({
            "SnapshotId": snapshot, "VolumeId": text(snap, "volumeId"), "Encrypted": flag(snap, "encrypted"),
            "KmsKeyId": text(snap, "kmsKeyId"), "State": text(snap, "status"),
            "StartTime": time(snap, "startTime"), "public": public, "shared_with": shared_with,
        });
        ctx.keep_planned(SNAPSHOT, &mut attrs, &["public", "shared_with"]);
        let attrs = errors.attach(attrs);
        out.resources.push(ctx.resource(
            arn("snapshot", snapshot),
            "AWS::EC2::Snapshot",
            region,
            display_name(snap, snapshot),
            tags(snap),
            attrs,
        ));
    }

    if let Some(volumes) = describe_all(
        &api,
        "DescribeVolumes",
        page.clone(),
        "volumeSet",
        out,
        region,
        "AWS::EC2::Volume",
    )
    .await
    {
        // One AWS Backup listing for the region's volumes, only when there are some.
        let backed_up = if volumes.is_empty() {
            Ok(Default::default())
        } else {
            super::backup_protection::protected_arns(ctx).await
        };
        for v in volumes {
            let volume = id(&v, "volumeId");
            let mut errors = Errors::default();
            let backup_protected = match &backed_up {
                Ok(arns) => json!(arns.contains(&arn("volume", volume))),
                Err(e) => {
                    errors.record_api("backup_protected", e);
                    Value::Null
                }
            };
            // null when the snapshot listing failed: unknown, not zero.
            let snapshot_count = snapshots
                .as_ref()
                .map(|_| snapshots_per_volume.get(volume).copied().unwrap_or(0));
            let attrs = json!({
                "VolumeId": volume, "Encrypted": flag(&v, "encrypted"), "KmsKeyId": text(&v, "kmsKeyId"),
                "State": text(&v, "status"), "Size": int(&v, "size"),
                "Attachments": items(&v, "attachmentSet").iter().map(|a| json!({"InstanceId": text(a, "instanceId")})).collect::<Vec<_>>(),
                "snapshot_count": snapshot_count,
                "backup_protected": backup_protected,
            });
            let attrs = errors.attach(attrs);
            out.resources.push(ctx.resource(
                arn("volume", volume),
                "AWS::EC2::Volume",
                region,
                display_name(&v, volume),
                tags(&v),
                attrs,
            ));
        }
    }

    let tables = describe_all(
        &api,
        "DescribeRouteTables",
        json!({"MaxResults": 100}),
        "routeTableSet",
        out,
        region,
        "AWS::EC2::RouteTable",
    )
    .await;
    let subnets = describe_all(
        &api,
        "DescribeSubnets",
        page.clone(),
        "subnetSet",
        out,
        region,
        "AWS::EC2::Subnet",
    )
    .await;
    let public_subnets = match (&tables, &subnets) {
        (Some(t), Some(n)) => Some(public_subnet_ids(t, n)),
        _ => None,
    };

    let flow_logs = describe_all(
        &api,
        "DescribeFlowLogs",
        page.clone(),
        "flowLogSet",
        out,
        region,
        "AWS::EC2::VPC",
    )
    .await;
    // Endpoints are joined onto their VPC; failing to list them marks that attribute
    // only, not the VPC resource.
    let endpoints: Result<Vec<Value>, String> = api
        .list(
            "DescribeVpcEndpoints",
            page.clone(),
            "NextToken",
            "nextToken",
            "vpcEndpointSet",
        )
        .await
        .map_err(|e| e.to_string());
    let vpcs = describe_all(
        &api,
        "DescribeVpcs",
        page.clone(),
        "vpcSet",
        out,
        region,
        "AWS::EC2::VPC",
    )
    .await;
    if let (Some(vpcs), Some(flow_logs)) = (vpcs, flow_logs) {
        for v in vpcs {
            let vpc = id(&v, "vpcId");
            let logs: Vec<Value> = flow_logs
                .iter()
                .filter(|f| id(f, "resourceId") == vpc)
                .map(|f| {
                    json!({
                        "FlowLogId": text(f, "flowLogId"), "FlowLogStatus": text(f, "flowLogStatus"),
                        "TrafficType": text(f, "trafficType"),
                        "LogDestinationType": text(f, "logDestinationType"),
                    })
                })
                .collect();
            let mut errors = Errors::default();
            let vpc_endpoints: Value = match &endpoints {
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
            };
            let vpc_subnets = match (&public_subnets, &subnets) {
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
            };
            let attrs = errors.attach(json!({"VpcId": vpc, "IsDefault": flag(&v, "isDefault"), "CidrBlock": text(&v, "cidrBlock"), "flow_logs": logs, "endpoints": vpc_endpoints, "subnets": vpc_subnets}));
            out.resources.push(ctx.resource(
                arn("vpc", vpc),
                "AWS::EC2::VPC",
                region,
                display_name(&v, vpc),
                tags(&v),
                attrs,
            ));
        }
    }

    if let Some(tables) = &tables {
        for t in tables {
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
                    })
                })
                .collect();
            let associations: Vec<Value> = items(t, "associationSet")
                .iter()
                .map(|a| json!({"SubnetId": text(a, "subnetId"), "Main": flag(a, "main")}))
                .collect();
            let attrs = json!({"RouteTableId": table, "VpcId": text(t, "vpcId"), "Routes": routes, "Associations": associations});
            out.resources.push(ctx.resource(
                arn("route-table", table),
                "AWS::EC2::RouteTable",
                region,
                display_name(t, table),
                tags(t),
                attrs,
            ));
        }
    }
    if let Some(subnets) = &subnets {
        for n in subnets {
            let subnet = id(n, "subnetId");
            let attrs = json!({
                "SubnetId": subnet, "VpcId": text(n, "vpcId"), "CidrBlock": text(n, "cidrBlock"),
                "AvailabilityZone": text(n, "availabilityZone"), "DefaultForAz": flag(n, "defaultForAz"),
                "MapPublicIpOnLaunch": flag(n, "mapPublicIpOnLaunch"),
                "AssignIpv6AddressOnCreation": flag(n, "assignIpv6AddressOnCreation"),
            });
            out.resources.push(ctx.resource(
                arn("subnet", subnet),
                "AWS::EC2::Subnet",
                region,
                display_name(n, subnet),
                tags(n),
                attrs,
            ));
        }
    }
    if let Some(images) = describe_needed(
        ctx,
        &api,
        "DescribeImages",
        json!({"MaxResults": 1000, "Owner.1": "self"}),
        "imagesSet",
        out,
        region,
        "AWS::EC2::Image",
    )
    .await
    {
        for i in images {
            let image = id(&i, "imageId");
            let attrs = json!({
                "ImageId": image, "Name": text(&i, "name"), "Public": flag(&i, "isPublic"),
                "State": text(&i, "imageState"),
            });
            let name = text(&i, "name");
            out.resources.push(ctx.resource(
                arn("image", image),
                "AWS::EC2::Image",
                region,
                name.as_str().unwrap_or(image).to_string(),
                tags(&i),
                attrs,
            ));
        }
    }
    if let Some(gateways) = describe_needed(
        ctx,
        &api,
        "DescribeTransitGateways",
        page.clone(),
        "transitGatewaySet",
        out,
        region,
        "AWS::EC2::TransitGateway",
    )
    .await
    {
        for g in gateways {
            let gateway = id(&g, "transitGatewayId");
            let o = g.get("options").filter(|o| o.is_object());
            let attrs = json!({
                "TransitGatewayId": gateway, "State": text(&g, "state"),
                "Options": {
                    "AutoAcceptSharedAttachments": o.map_or(Value::Null, |o| text(o, "autoAcceptSharedAttachments")),
                    "DefaultRouteTableAssociation": o.map_or(Value::Null, |o| text(o, "defaultRouteTableAssociation")),
                },
            });
            let gateway_arn = id(&g, "transitGatewayArn");
            out.resources.push(ctx.resource(
                if gateway_arn.is_empty() {
                    arn("transit-gateway", gateway)
                } else {
                    gateway_arn.to_string()
                },
                "AWS::EC2::TransitGateway",
                region,
                display_name(&g, gateway),
                tags(&g),
                attrs,
            ));
        }
    }
    // Launch templates: the default version's network interfaces say whether instances
    // launched from it get public addresses (one DescribeLaunchTemplateVersions each).
    if let Some(templates) = describe_needed(
        ctx,
        &api,
        "DescribeLaunchTemplates",
        json!({"MaxResults": 200}),
        "launchTemplates",
        out,
        region,
        "AWS::EC2::LaunchTemplate",
    )
    .await
    {
        for t in templates {
            let template = id(&t, "launchTemplateId");
            let mut errors = Errors::default();
            let interfaces: Value = if !ctx.needs(TEMPLATE, "default_version_network_interfaces") {
                Value::Null
            } else {
                match api
                    .call(
                        "DescribeLaunchTemplateVersions",
                        &json!({"LaunchTemplateId": template, "LaunchTemplateVersion.1": "$Default"}),
                    )
                    .await
                {
                    Ok(o) => items(&o, "launchTemplateVersionSet")
                        .first()
                        .and_then(|v| v.get("launchTemplateData"))
                        .map(|d| {
                            items(d, "networkInterfaceSet")
                                .iter()
                                .map(|n| json!({"AssociatePublicIpAddress": flag(n, "associatePublicIpAddress")}))
                                .collect::<Vec<_>>()
                        })
                        .map_or_else(|| json!([]), |v| json!(v)),
                    Err(e) => {
                        errors.record_api("default_version_network_interfaces", &e);
                        Value::Null
                    }
                }
            };
            let mut attrs = json!({
                "LaunchTemplateId": template, "LaunchTemplateName": text(&t, "launchTemplateName"),
                "DefaultVersionNumber": int(&t, "defaultVersionNumber"),
                "default_version_network_interfaces": interfaces,
            });
            ctx.keep_planned(
                TEMPLATE,
                &mut attrs,
                &["default_version_network_interfaces"],
            );
            let attrs = errors.attach(attrs);
            let name = text(&t, "launchTemplateName");
            out.resources.push(ctx.resource(
                arn("launch-template", template),
                "AWS::EC2::LaunchTemplate",
                region,
                name.as_str().unwrap_or(template).to_string(),
                tags(&t),
                attrs,
            ));
        }
    }
    // DescribeVpnConnections has no pagination: one answer holds them all.
    if ctx.needs_type("AWS::EC2::VPNConnection") {
        match api.call("DescribeVpnConnections", &json!({})).await {
            Ok(o) => {
                for c in items(&o, "vpnConnectionSet") {
                    let connection = id(c, "vpnConnectionId");
                    let telemetry: Vec<Value> = items(c, "vgwTelemetry")
                        .iter()
                        .map(|t| json!({"OutsideIpAddress": text(t, "outsideIpAddress"), "Status": text(t, "status")}))
                        .collect();
                    let attrs = json!({
                        "VpnConnectionId": connection, "State": text(c, "state"),
                        "VgwTelemetry": telemetry,
                    });
                    out.resources.push(ctx.resource(
                        arn("vpn-connection", connection),
                        "AWS::EC2::VPNConnection",
                        region,
                        display_name(c, connection),
                        tags(c),
                        attrs,
                    ));
                }
            }
            Err(e) => out.fail("AWS::EC2::VPNConnection", region, e.to_string()),
        }
    }
    if ctx.reads_account_settings() {
        region_settings(ctx, out).await;
    }
}

/// The instances Systems Manager manages in the region, by instance id: its agent's
/// `PingStatus`, `LastPingDateTime`, `AgentVersion` and `PlatformType`.
async fn managed_instances(
    ctx: &Context<'_>,
) -> Result<HashMap<String, Value>, crate::aws::ApiError> {
    let ssm = ctx.clients.api(&super::ssm::SSM, ctx.region);
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
                "LastPingDateTime": epoch_ts(i.get("LastPingDateTime").unwrap_or(&Value::Null)),
                "AgentVersion": i.get("AgentVersion"),
                "PlatformType": i.get("PlatformType"),
            });
            Some((id, agent))
        })
        .collect()
}

/// Regional EBS defaults: three small Get calls, each allowed to fail on its own (an
/// unreadable setting goes to `errors`, so only the controls reading it report ERROR).
async fn region_settings(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&EC2, ctx.region);
    let mut errors = Errors::default();
    let mut setting = |answer: Result<Value, crate::aws::ApiError>, field: &str, attribute| {
        answer
            .map(|o| match o.get(field) {
                Some(b @ Value::Bool(_)) => b.clone(),
                _ => text(&o, field),
            })
            .unwrap_or_else(|e| {
                errors.record_api(attribute, &e);
                Value::Null
            })
    };
    let by_default = setting(
        api.call("GetEbsEncryptionByDefault", &json!({})).await,
        "ebsEncryptionByDefault",
        "ebs_encryption_by_default",
    );
    let default_key = setting(
        api.call("GetEbsDefaultKmsKeyId", &json!({})).await,
        "kmsKeyId",
        "ebs_default_kms_key_id",
    );
    let snapshot_block = setting(
        api.call("GetSnapshotBlockPublicAccessState", &json!({}))
            .await,
        "state",
        "snapshot_block_public_access",
    );
    let attrs = json!({
        "ebs_encryption_by_default": by_default,
        "ebs_default_kms_key_id": default_key,
        "snapshot_block_public_access": snapshot_block,
    });
    out.resources.push(ctx.region_settings(
        "Parapet::EC2::RegionSettings",
        "ec2",
        "settings",
        errors.attach(attrs),
    ));
}

/// Client VPN endpoints (collector `clientvpn`): their own collector so that only scans
/// evaluating them pay for the listing.
pub async fn collect_client_vpn(ctx: &Context<'_>, out: &mut Collected) {
    const TYPE: &str = "AWS::EC2::ClientVpnEndpoint";
    let api = ctx.clients.api(&EC2, ctx.region);
    let _permit = ctx.permit("ec2", ctx.region).await;
    let Some(endpoints) = describe_all(
        &api,
        "DescribeClientVpnEndpoints",
        json!({"MaxResults": 1000}),
        "clientVpnEndpoint",
        out,
        ctx.region,
        TYPE,
    )
    .await
    else {
        return;
    };
    for e in endpoints {
        let endpoint = id(&e, "clientVpnEndpointId");
        // Unlike the rest of EC2, this shape's XML names are capitalised.
        let logging = e
            .get("connectionLogOptions")
            .filter(|o| o.is_object())
            .map(|o| {
                json!({
                    "Enabled": flag(o, "Enabled"),
                    "CloudwatchLogGroup": text(o, "CloudwatchLogGroup"),
                    "CloudwatchLogStream": text(o, "CloudwatchLogStream"),
                })
            });
        let status = e.get("status").filter(|s| s.is_object());
        let attrs = json!({
            "ClientVpnEndpointId": endpoint,
            "VpcId": text(&e, "vpcId"),
            "Status": status.map_or(Value::Null, |s| text(s, "code")),
            "ConnectionLogOptions": logging,
        });
        out.resources.push(ctx.resource(
            format!(
                "arn:aws:ec2:{}:{}:client-vpn-endpoint/{endpoint}",
                ctx.region, ctx.account_id
            ),
            TYPE,
            ctx.region,
            display_name(&e, endpoint),
            tags(&e),
            attrs,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The root element's content of an EC2 answer, as `Api::call` returns it.
    fn answer(xml: &str) -> Value {
        match crate::aws::api::xml_to_json(xml.as_bytes(), &[]).unwrap() {
            Value::Object(m) => m.into_iter().next().unwrap().1,
            other => panic!("{other}"),
        }
    }

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
        // A text the XML reader took for a boolean is still text.
        assert_eq!(text(g, "groupDescription"), json!("true"));
        let tags = tags(g);
        assert_eq!((tags["Name"].as_str(), tags["public"].as_str()), ("web-tier", "true"));
        assert_eq!(display_name(g, "sg-1a2b3c4d"), "web-tier");
    }

    #[test]
    fn numbers_flags_and_times_take_their_json_types() {
        let v = answer(
            r#"<R><size>8</size><encrypted>false</encrypted><bad>x</bad>
               <launchTime>2024-11-25T10:00:00.000Z</launchTime><startTime>2024-11-25T10:00:00.250Z</startTime></R>"#,
        );
        assert_eq!(int(&v, "size"), json!(8));
        assert_eq!(int(&v, "bad"), Value::Null);
        assert_eq!(flag(&v, "encrypted"), json!(false));
        assert_eq!(flag(&v, "missing"), Value::Null);
        assert_eq!(time(&v, "launchTime"), json!("2024-11-25T10:00:00Z"));
        assert_eq!(time(&v, "startTime"), json!("2024-11-25T10:00:00.250Z"));
    }

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

    /// DescribeInstanceInformation's answer as AWS gives it (moto does not implement the
    /// operation): epoch-seconds timestamps, one entry per managed node, including
    /// non-EC2 nodes (`mi-` ids) that no instance will look up.
    #[test]
    fn agents_are_keyed_by_instance_id() {
        let answer: Value = serde_json::from_str(
            r#"{"InstanceInformationList": [
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
        let listed = answer["InstanceInformationList"].as_array().unwrap().clone();
        let agents = agents_by_instance(listed);
        assert_eq!(agents.len(), 3);
        assert_eq!(
            agents["i-0a1b2c3d4e5f60718"],
            json!({"PingStatus": "Online", "LastPingDateTime": "2024-11-25T00:00:00Z",
                   "AgentVersion": "3.3.987.0", "PlatformType": "Linux"})
        );
        assert_eq!(agents["i-0ffee0000000000aa"]["PingStatus"], "ConnectionLost");
    }
}
