//! EC2 and VPC networking, volumes and instances (regional). One Describe* page of up to
//! 1,000 items per call: far fewer calls than per-resource reads.

use super::support::{epoch_ts, name_tag, ts, Errors};
use super::{Collected, Context};
use crate::aws::describe;
use aws_sdk_ec2::types::{IpPermission, Tag};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

fn tags(list: &[Tag]) -> BTreeMap<String, String> {
    list.iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

fn display_name(list: &[Tag], id: &str) -> String {
    name_tag(
        list.iter()
            .filter_map(|t| Some((t.key()?, t.value().unwrap_or_default()))),
    )
    .unwrap_or_else(|| id.to_string())
}

fn permissions(list: &[IpPermission]) -> Value {
    list.iter()
        .map(|p| {
            json!({
                "IpProtocol": p.ip_protocol(), "FromPort": p.from_port(), "ToPort": p.to_port(),
                "IpRanges": p.ip_ranges().iter().map(|r| json!({"CidrIp": r.cidr_ip()})).collect::<Vec<_>>(),
                "Ipv6Ranges": p.ipv6_ranges().iter().map(|r| json!({"CidrIpv6": r.cidr_ipv6()})).collect::<Vec<_>>(),
                "PrefixListIds": p.prefix_list_ids().iter().map(|r| json!({"PrefixListId": r.prefix_list_id()})).collect::<Vec<_>>(),
                "UserIdGroupPairs": p.user_id_group_pairs().iter().map(|r| json!({"GroupId": r.group_id()})).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// The subnets whose route table (their own, or the VPC's main one) sends some traffic
/// to an internet gateway: public subnets.
fn public_subnet_ids(
    tables: &[aws_sdk_ec2::types::RouteTable],
    subnets: &[aws_sdk_ec2::types::Subnet],
) -> std::collections::HashSet<String> {
    let to_internet = |t: &aws_sdk_ec2::types::RouteTable| {
        t.routes()
            .iter()
            .any(|r| r.gateway_id().is_some_and(|g| g.starts_with("igw-")))
    };
    let mut explicit = HashMap::new();
    let mut main = HashMap::new();
    for t in tables {
        for a in t.associations() {
            match a.subnet_id() {
                Some(subnet) => explicit.insert(subnet.to_string(), to_internet(t)),
                None if a.main() == Some(true) => {
                    main.insert(t.vpc_id().unwrap_or_default().to_string(), to_internet(t))
                }
                None => None,
            };
        }
    }
    subnets
        .iter()
        .filter_map(|n| {
            let id = n.subnet_id()?;
            let public = explicit
                .get(id)
                .or_else(|| main.get(n.vpc_id().unwrap_or_default()))
                .copied()
                .unwrap_or(false);
            public.then(|| id.to_string())
        })
        .collect()
}

/// Drains a paginated Describe* call, or records why the type could not be listed.
macro_rules! describe_all {
    ($out:expr, $ctx:expr, $rtype:expr, $op:literal, $call:expr, $items:ident) => {{
        let mut all = Vec::new();
        let mut pages = $call.into_paginator().send();
        let mut failed = false;
        while let Some(page) = pages.next().await {
            match page {
                Ok(p) => all.extend(p.$items().iter().cloned()),
                Err(e) => {
                    $out.fail(
                        $rtype,
                        $ctx.region,
                        format!("{} failed: {}", $op, describe(&e)),
                    );
                    failed = true;
                    break;
                }
            }
        }
        if failed {
            None
        } else {
            Some(all)
        }
    }};
}

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let ec2 = ctx.clients.ec2(ctx.region);
    let _permit = ctx.permit("ec2", ctx.region).await;
    let (region, account) = (ctx.region, ctx.account_id);
    let arn = |kind: &str, id: &str| format!("arn:aws:ec2:{region}:{account}:{kind}/{id}");

    let instances = describe_all!(
        out,
        ctx,
        "AWS::EC2::Instance",
        "DescribeInstances",
        ec2.describe_instances().max_results(1000),
        reservations
    );
    let groups = describe_all!(
        out,
        ctx,
        "AWS::EC2::SecurityGroup",
        "DescribeSecurityGroups",
        ec2.describe_security_groups().max_results(1000),
        security_groups
    );

    let group_rules: HashMap<String, Value> = groups
        .iter()
        .flatten()
        .map(|g| {
            (
                g.group_id().unwrap_or_default().to_string(),
                permissions(g.ip_permissions()),
            )
        })
        .collect();
    let mut instances_per_group: HashMap<String, u32> = HashMap::new();
    // Systems Manager's view of the region's instances, read only when there are some.
    let any_instance = instances
        .iter()
        .flatten()
        .flat_map(|r| r.instances())
        .filter_map(|i| i.instance_id())
        .any(|id| ctx.wants(id, &arn("instance", id)));
    let managed = if any_instance {
        Some(managed_instances(ctx).await)
    } else {
        None
    };

    for i in instances
        .iter()
        .flatten()
        .flat_map(|r| r.instances().iter())
    {
        let id = i.instance_id().unwrap_or_default();
        let sgs: Vec<Value> = i
            .security_groups()
            .iter()
            .map(|g| json!({"GroupId": g.group_id(), "GroupName": g.group_name()}))
            .collect();
        let mut rules = Vec::new();
        for g in i.security_groups() {
            let gid = g.group_id().unwrap_or_default();
            *instances_per_group.entry(gid.to_string()).or_default() += 1;
            if let Some(Value::Array(r)) = group_rules.get(gid) {
                rules.extend(r.iter().cloned());
            }
        }
        let mut errors = Errors::default();
        let ssm_managed = match &managed {
            Some(Ok(listed)) => listed.get(id).cloned().unwrap_or(Value::Null),
            Some(Err(e)) => {
                errors.record_api("ssm_managed", e);
                Value::Null
            }
            None => Value::Null,
        };
        let attrs = errors.attach(json!({
            "InstanceId": id,
            "State": {"Name": i.state().and_then(|s| s.name()).map(|n| n.as_str())},
            "MetadataOptions": i.metadata_options().map(|m| json!({
                "HttpTokens": m.http_tokens().map(|t| t.as_str()),
                "HttpEndpoint": m.http_endpoint().map(|t| t.as_str()),
            })),
            "IamInstanceProfile": i.iam_instance_profile().map(|p| json!({"Arn": p.arn(), "Id": p.id()})),
            "EnclaveOptions": {"Enabled": i.enclave_options().and_then(|e| e.enabled()).unwrap_or(false)},
            "CpuOptions": {"AmdSevSnp": i.cpu_options().and_then(|c| c.amd_sev_snp()).map(|s| s.as_str())},
            "PublicIpAddress": i.public_ip_address(),
            "Ipv6Address": i.ipv6_address(),
            "Monitoring": {"State": i.monitoring().and_then(|m| m.state()).map(|s| s.as_str())},
            "LaunchTime": ts(i.launch_time()),
            "SecurityGroups": sgs,
            "security_group_rules": rules,
            "ssm_managed": ssm_managed,
        }));
        out.resources.push(ctx.resource(
            arn("instance", id),
            "AWS::EC2::Instance",
            region,
            display_name(i.tags(), id),
            tags(i.tags()),
            attrs,
        ));
    }

    for g in groups.iter().flatten() {
        let id = g.group_id().unwrap_or_default();
        let attrs = json!({
            "GroupId": id, "GroupName": g.group_name(), "VpcId": g.vpc_id(), "Description": g.description(),
            "IpPermissions": permissions(g.ip_permissions()),
            "IpPermissionsEgress": permissions(g.ip_permissions_egress()),
            "is_default": g.group_name() == Some("default"),
            "attached_instances": instances_per_group.get(id).copied().unwrap_or(0),
        });
        let name = display_name(g.tags(), g.group_name().unwrap_or(id));
        out.resources.push(ctx.resource(
            arn("security-group", id),
            "AWS::EC2::SecurityGroup",
            region,
            name,
            tags(g.tags()),
            attrs,
        ));
    }

    if let Some(acls) = describe_all!(
        out,
        ctx,
        "AWS::EC2::NetworkAcl",
        "DescribeNetworkAcls",
        ec2.describe_network_acls().max_results(1000),
        network_acls
    ) {
        for a in acls {
            let id = a.network_acl_id().unwrap_or_default();
            let entries: Vec<Value> = a
                .entries()
                .iter()
                .map(|e| {
                    json!({
                        "RuleNumber": e.rule_number(), "Protocol": e.protocol(),
                        "RuleAction": e.rule_action().map(|r| r.as_str()), "Egress": e.egress(),
                        "CidrBlock": e.cidr_block(), "Ipv6CidrBlock": e.ipv6_cidr_block(),
                        "PortRange": e.port_range().map(|p| json!({"From": p.from(), "To": p.to()})),
                    })
                })
                .collect();
            let associations: Vec<Value> = a
                .associations()
                .iter()
                .map(|x| json!({"SubnetId": x.subnet_id()}))
                .collect();
            let attrs = json!({"NetworkAclId": id, "VpcId": a.vpc_id(), "IsDefault": a.is_default(), "Entries": entries, "Associations": associations});
            out.resources.push(ctx.resource(
                arn("network-acl", id),
                "AWS::EC2::NetworkAcl",
                region,
                display_name(a.tags(), id),
                tags(a.tags()),
                attrs,
            ));
        }
    }

    // The account's own snapshots (the owner-id filter, unlike OwnerIds=self, is also
    // honoured by moto). Whether one is public needs one DescribeSnapshotAttribute each.
    let snapshots = describe_all!(
        out,
        ctx,
        "AWS::EC2::Snapshot",
        "DescribeSnapshots",
        ec2.describe_snapshots().max_results(1000).filters(
            aws_sdk_ec2::types::Filter::builder()
                .name("owner-id")
                .values(ctx.account_id)
                .build()
        ),
        snapshots
    );
    let mut snapshots_per_volume: HashMap<String, u32> = HashMap::new();
    for snap in snapshots.iter().flatten() {
        let id = snap.snapshot_id().unwrap_or_default();
        if let Some(vol) = snap.volume_id() {
            *snapshots_per_volume.entry(vol.to_string()).or_default() += 1;
        }
        let mut errors = Errors::default();
        let (public, shared_with) = match ec2
            .describe_snapshot_attribute()
            .snapshot_id(id)
            .attribute(aws_sdk_ec2::types::SnapshotAttributeName::CreateVolumePermission)
            .send()
            .await
        {
            Ok(o) => {
                let perms = o.create_volume_permissions();
                let public = perms
                    .iter()
                    .any(|p| p.group().map(|g| g.as_str()) == Some("all"));
                let users: Vec<&str> = perms.iter().filter_map(|p| p.user_id()).collect();
                (json!(public), json!(users))
            }
            Err(e) => {
                errors.record("public", &e);
                errors.record("shared_with", &e);
                (Value::Null, Value::Null)
            }
        };
        let attrs = errors.attach(json!({
            "SnapshotId": id, "VolumeId": snap.volume_id(), "Encrypted": snap.encrypted(),
            "KmsKeyId": snap.kms_key_id(), "State": snap.state().map(|s| s.as_str()),
            "StartTime": ts(snap.start_time()), "public": public, "shared_with": shared_with,
        }));
        out.resources.push(ctx.resource(
            arn("snapshot", id),
            "AWS::EC2::Snapshot",
            region,
            display_name(snap.tags(), id),
            tags(snap.tags()),
            attrs,
        ));
    }

    if let Some(volumes) = describe_all!(
        out,
        ctx,
        "AWS::EC2::Volume",
        "DescribeVolumes",
        ec2.describe_volumes().max_results(1000),
        volumes
    ) {
        // One AWS Backup listing for the region's volumes, only when there are some.
        let backed_up = if volumes.is_empty() {
            Ok(Default::default())
        } else {
            super::backup_protection::protected_arns(ctx).await
        };
        for v in volumes {
            let id = v.volume_id().unwrap_or_default();
            let mut errors = Errors::default();
            let backup_protected = match &backed_up {
                Ok(arns) => json!(arns.contains(&arn("volume", id))),
                Err(e) => {
                    errors.record_api("backup_protected", e);
                    Value::Null
                }
            };
            // null when the snapshot listing failed: unknown, not zero.
            let snapshot_count = snapshots
                .as_ref()
                .map(|_| snapshots_per_volume.get(id).copied().unwrap_or(0));
            let attrs = json!({
                "VolumeId": id, "Encrypted": v.encrypted(), "KmsKeyId": v.kms_key_id(),
                "State": v.state().map(|s| s.as_str()), "Size": v.size(),
                "Attachments": v.attachments().iter().map(|a| json!({"InstanceId": a.instance_id()})).collect::<Vec<_>>(),
                "snapshot_count": snapshot_count,
                "backup_protected": backup_protected,
            });
            let attrs = errors.attach(attrs);
            out.resources.push(ctx.resource(
                arn("volume", id),
                "AWS::EC2::Volume",
                region,
                display_name(v.tags(), id),
                tags(v.tags()),
                attrs,
            ));
        }
    }

    let tables = describe_all!(
        out,
        ctx,
        "AWS::EC2::RouteTable",
        "DescribeRouteTables",
        ec2.describe_route_tables().max_results(100),
        route_tables
    );
    let subnets = describe_all!(
        out,
        ctx,
        "AWS::EC2::Subnet",
        "DescribeSubnets",
        ec2.describe_subnets().max_results(1000),
        subnets
    );
    let public_subnets = match (&tables, &subnets) {
        (Some(t), Some(n)) => Some(public_subnet_ids(t, n)),
        _ => None,
    };

    let flow_logs = describe_all!(
        out,
        ctx,
        "AWS::EC2::VPC",
        "DescribeFlowLogs",
        ec2.describe_flow_logs().max_results(1000),
        flow_logs
    );
    // Endpoints are joined onto their VPC; failing to list them marks that attribute
    // only, not the VPC resource.
    let endpoints: Result<Vec<aws_sdk_ec2::types::VpcEndpoint>, String> = ec2
        .describe_vpc_endpoints()
        .max_results(1000)
        .into_paginator()
        .send()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .map(|page| {
            page.map(|p| p.vpc_endpoints().to_vec())
                .map_err(|e| format!("DescribeVpcEndpoints failed: {}", describe(&e)))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(|pages| pages.concat());
    if let (Some(vpcs), Some(flow_logs)) = (
        describe_all!(
            out,
            ctx,
            "AWS::EC2::VPC",
            "DescribeVpcs",
            ec2.describe_vpcs().max_results(1000),
            vpcs
        ),
        flow_logs,
    ) {
        for v in vpcs {
            let id = v.vpc_id().unwrap_or_default();
            let logs: Vec<Value> = flow_logs
                .iter()
                .filter(|f| f.resource_id() == Some(id))
                .map(|f| {
                    json!({
                        "FlowLogId": f.flow_log_id(), "FlowLogStatus": f.flow_log_status(),
                        "TrafficType": f.traffic_type().map(|t| t.as_str()),
                        "LogDestinationType": f.log_destination_type().map(|t| t.as_str()),
                    })
                })
                .collect();
            let mut errors = Errors::default();
            let vpc_endpoints: Value = match &endpoints {
                Ok(all) => all
                    .iter()
                    .filter(|e| e.vpc_id() == Some(id))
                    .map(|e| {
                        json!({
                            "ServiceName": e.service_name(),
                            "VpcEndpointType": e.vpc_endpoint_type().map(|t| t.as_str()),
                            "State": e.state().map(|t| t.as_str()),
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
                    .filter(|n| n.vpc_id() == Some(id))
                    .map(|n| {
                        let subnet = n.subnet_id().unwrap_or_default();
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
            let attrs = errors.attach(json!({"VpcId": id, "IsDefault": v.is_default(), "CidrBlock": v.cidr_block(), "flow_logs": logs, "endpoints": vpc_endpoints, "subnets": vpc_subnets}));
            out.resources.push(ctx.resource(
                arn("vpc", id),
                "AWS::EC2::VPC",
                region,
                display_name(v.tags(), id),
                tags(v.tags()),
                attrs,
            ));
        }
    }

    if let Some(tables) = &tables {
        for t in tables {
            let id = t.route_table_id().unwrap_or_default();
            let routes: Vec<Value> = t
                .routes()
                .iter()
                .map(|r| {
                    json!({
                        "DestinationCidrBlock": r.destination_cidr_block(),
                        "DestinationIpv6CidrBlock": r.destination_ipv6_cidr_block(),
                        "DestinationPrefixListId": r.destination_prefix_list_id(),
                        "GatewayId": r.gateway_id(), "VpcPeeringConnectionId": r.vpc_peering_connection_id(),
                        "State": r.state().map(|s| s.as_str()),
                    })
                })
                .collect();
            let associations: Vec<Value> = t
                .associations()
                .iter()
                .map(|a| json!({"SubnetId": a.subnet_id(), "Main": a.main()}))
                .collect();
            let attrs = json!({"RouteTableId": id, "VpcId": t.vpc_id(), "Routes": routes, "Associations": associations});
            out.resources.push(ctx.resource(
                arn("route-table", id),
                "AWS::EC2::RouteTable",
                region,
                display_name(t.tags(), id),
                tags(t.tags()),
                attrs,
            ));
        }
    }
    if let Some(subnets) = &subnets {
        for n in subnets {
            let id = n.subnet_id().unwrap_or_default();
            let attrs = json!({
                "SubnetId": id, "VpcId": n.vpc_id(), "CidrBlock": n.cidr_block(),
                "AvailabilityZone": n.availability_zone(), "DefaultForAz": n.default_for_az(),
                "MapPublicIpOnLaunch": n.map_public_ip_on_launch(),
                "AssignIpv6AddressOnCreation": n.assign_ipv6_address_on_creation(),
            });
            out.resources.push(ctx.resource(
                arn("subnet", id),
                "AWS::EC2::Subnet",
                region,
                display_name(n.tags(), id),
                tags(n.tags()),
                attrs,
            ));
        }
    }
    if let Some(images) = describe_all!(
        out,
        ctx,
        "AWS::EC2::Image",
        "DescribeImages",
        ec2.describe_images().owners("self").max_results(1000),
        images
    ) {
        for i in images {
            let id = i.image_id().unwrap_or_default();
            let attrs = json!({
                "ImageId": id, "Name": i.name(), "Public": i.public(),
                "State": i.state().map(|s| s.as_str()),
            });
            out.resources.push(
                ctx.resource(
                    arn("image", id),
                    "AWS::EC2::Image",
                    region,
                    i.name()
                        .map(str::to_string)
                        .unwrap_or_else(|| id.to_string()),
                    tags(i.tags()),
                    attrs,
                ),
            );
        }
    }
    if let Some(gateways) = describe_all!(
        out,
        ctx,
        "AWS::EC2::TransitGateway",
        "DescribeTransitGateways",
        ec2.describe_transit_gateways().max_results(1000),
        transit_gateways
    ) {
        for g in gateways {
            let id = g.transit_gateway_id().unwrap_or_default();
            let o = g.options();
            let attrs = json!({
                "TransitGatewayId": id, "State": g.state().map(|s| s.as_str()),
                "Options": {
                    "AutoAcceptSharedAttachments": o.and_then(|o| o.auto_accept_shared_attachments()).map(|v| v.as_str()),
                    "DefaultRouteTableAssociation": o.and_then(|o| o.default_route_table_association()).map(|v| v.as_str()),
                },
            });
            out.resources.push(
                ctx.resource(
                    g.transit_gateway_arn()
                        .map(str::to_string)
                        .unwrap_or_else(|| arn("transit-gateway", id)),
                    "AWS::EC2::TransitGateway",
                    region,
                    display_name(g.tags(), id),
                    tags(g.tags()),
                    attrs,
                ),
            );
        }
    }
    // Launch templates: the default version's network interfaces say whether instances
    // launched from it get public addresses (one DescribeLaunchTemplateVersions each).
    if let Some(templates) = describe_all!(
        out,
        ctx,
        "AWS::EC2::LaunchTemplate",
        "DescribeLaunchTemplates",
        ec2.describe_launch_templates().max_results(200),
        launch_templates
    ) {
        for t in templates {
            let id = t.launch_template_id().unwrap_or_default();
            let mut errors = Errors::default();
            let interfaces: Value = match ec2
                .describe_launch_template_versions()
                .launch_template_id(id)
                .versions("$Default")
                .send()
                .await
            {
                Ok(o) => o
                    .launch_template_versions()
                    .first()
                    .and_then(|v| v.launch_template_data())
                    .map(|d| {
                        d.network_interfaces()
                            .iter()
                            .map(|n| json!({"AssociatePublicIpAddress": n.associate_public_ip_address()}))
                            .collect::<Vec<_>>()
                    })
                    .map(|v| json!(v))
                    .unwrap_or_else(|| json!([])),
                Err(e) => {
                    errors.record("default_version_network_interfaces", &e);
                    Value::Null
                }
            };
            let attrs = errors.attach(json!({
                "LaunchTemplateId": id, "LaunchTemplateName": t.launch_template_name(),
                "DefaultVersionNumber": t.default_version_number(),
                "default_version_network_interfaces": interfaces,
            }));
            out.resources.push(
                ctx.resource(
                    arn("launch-template", id),
                    "AWS::EC2::LaunchTemplate",
                    region,
                    t.launch_template_name()
                        .map(str::to_string)
                        .unwrap_or_else(|| id.to_string()),
                    tags(t.tags()),
                    attrs,
                ),
            );
        }
    }
    // DescribeVpnConnections has no pagination: one answer holds them all.
    match ec2.describe_vpn_connections().send().await {
        Ok(o) => {
            for c in o.vpn_connections() {
                let id = c.vpn_connection_id().unwrap_or_default();
                let telemetry: Vec<Value> = c
                    .vgw_telemetry()
                    .iter()
                    .map(|t| json!({"OutsideIpAddress": t.outside_ip_address(), "Status": t.status().map(|s| s.as_str())}))
                    .collect();
                let attrs = json!({
                    "VpnConnectionId": id, "State": c.state().map(|s| s.as_str()),
                    "VgwTelemetry": telemetry,
                });
                out.resources.push(ctx.resource(
                    arn("vpn-connection", id),
                    "AWS::EC2::VPNConnection",
                    region,
                    display_name(c.tags(), id),
                    tags(c.tags()),
                    attrs,
                ));
            }
        }
        Err(e) => out.fail(
            "AWS::EC2::VPNConnection",
            region,
            format!("DescribeVpnConnections failed: {}", describe(&e)),
        ),
    }
    if ctx.reads_account_settings() {
        region_settings(ctx, &ec2, out).await;
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
async fn region_settings(ctx: &Context<'_>, ec2: &aws_sdk_ec2::Client, out: &mut Collected) {
    let mut errors = Errors::default();
    let by_default = match ec2.get_ebs_encryption_by_default().send().await {
        Ok(o) => json!(o.ebs_encryption_by_default()),
        Err(e) => {
            errors.record("ebs_encryption_by_default", &e);
            Value::Null
        }
    };
    let default_key = match ec2.get_ebs_default_kms_key_id().send().await {
        Ok(o) => json!(o.kms_key_id()),
        Err(e) => {
            errors.record("ebs_default_kms_key_id", &e);
            Value::Null
        }
    };
    let snapshot_block = match ec2.get_snapshot_block_public_access_state().send().await {
        Ok(o) => json!(o.state().map(|s| s.as_str())),
        Err(e) => {
            errors.record("snapshot_block_public_access", &e);
            Value::Null
        }
    };
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
    let ec2 = ctx.clients.ec2(ctx.region);
    let _permit = ctx.permit("ec2", ctx.region).await;
    let Some(endpoints) = describe_all!(
        out,
        ctx,
        TYPE,
        "DescribeClientVpnEndpoints",
        ec2.describe_client_vpn_endpoints().max_results(1000),
        client_vpn_endpoints
    ) else {
        return;
    };
    for e in endpoints {
        let id = e.client_vpn_endpoint_id().unwrap_or_default();
        let logging = e.connection_log_options().map(|o| {
            json!({
                "Enabled": o.enabled(),
                "CloudwatchLogGroup": o.cloudwatch_log_group(),
                "CloudwatchLogStream": o.cloudwatch_log_stream(),
            })
        });
        let attrs = json!({
            "ClientVpnEndpointId": id,
            "VpcId": e.vpc_id(),
            "Status": e.status().and_then(|s| s.code()).map(|c| c.as_str()),
            "ConnectionLogOptions": logging,
        });
        out.resources.push(ctx.resource(
            format!(
                "arn:aws:ec2:{}:{}:client-vpn-endpoint/{id}",
                ctx.region, ctx.account_id
            ),
            TYPE,
            ctx.region,
            display_name(e.tags(), id),
            tags(e.tags()),
            attrs,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
