//! EC2 and VPC networking, volumes and instances (regional), read through `aws::api`
//! (EC2's query protocol). One Describe* page of up to 1,000 items per call: far fewer
//! calls than per-resource reads. Answers arrive in EC2's XML names (`groupSet`,
//! `ipAddress`, ...); the attributes keep the API's documented names, which the
//! controls read.
//!
//! This module holds what the types share: decoding EC2's XML fields, the listings (every
//! Describe* call of the region, run concurrently) and the joins between types (rules of
//! an instance's groups, public subnets from route tables, snapshots per volume). Each
//! submodule shapes one resource type, or a small family, from its listing.

mod client_vpn;
mod ebs;
mod images;
mod instances;
mod internet_gateways;
mod launch_templates;
mod network_acls;
mod region_settings;
mod routing;
mod security_groups;
mod transit_gateways;
mod vpcs;
mod vpn_connections;

pub use client_vpn::collect_client_vpn;

use super::api_support::listed;
use super::support::name_tag;
use super::{Collected, Context};
use crate::aws::{Api, ApiError, Protocol, Service};
use crate::model::Resource;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const EC2: Service = Service {
    signing_name: "ec2",
    endpoint_prefix: "ec2",
    protocol: Protocol::Ec2 {
        version: "2016-11-15",
    },
    global: None,
};

const INSTANCE: &str = "AWS::EC2::Instance";
const SECURITY_GROUP: &str = "AWS::EC2::SecurityGroup";
const NETWORK_ACL: &str = "AWS::EC2::NetworkAcl";
const SNAPSHOT: &str = "AWS::EC2::Snapshot";
const VOLUME: &str = "AWS::EC2::Volume";
const ROUTE_TABLE: &str = "AWS::EC2::RouteTable";
const SUBNET: &str = "AWS::EC2::Subnet";
const VPC: &str = "AWS::EC2::VPC";
const IMAGE: &str = "AWS::EC2::Image";
const TRANSIT_GATEWAY: &str = "AWS::EC2::TransitGateway";
const LAUNCH_TEMPLATE: &str = "AWS::EC2::LaunchTemplate";
const VPN_CONNECTION: &str = "AWS::EC2::VPNConnection";

/// The items of an XML list (`<groupSet><item>..</item></groupSet>`); an empty or
/// absent list is null.
fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    match v.get(key) {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

/// A text field (null when absent or not text).
fn text(v: &Value, key: &str) -> Value {
    match v.get(key) {
        Some(s @ Value::String(_)) => s.clone(),
        _ => Value::Null,
    }
}

/// A text field as `&str` ("" when absent), for ids and joins.
fn id<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A number field (`aws::shapes` types the model's integers as JSON numbers).
fn int(v: &Value, key: &str) -> Value {
    v.get(key)
        .filter(|n| n.is_number())
        .cloned()
        .unwrap_or(Value::Null)
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

/// The ARN of an EC2 resource of the task's region: `kind` is the ARN's resource kind
/// (`instance`, `security-group`, ...).
fn arn(ctx: &Context<'_>, kind: &str, id: &str) -> String {
    format!("arn:aws:ec2:{}:{}:{kind}/{id}", ctx.region, ctx.account_id)
}

/// A resource of the task's region named by its Name tag, else by `fallback` (its id).
fn resource(
    ctx: &Context<'_>,
    arn: String,
    resource_type: &str,
    item: &Value,
    fallback: &str,
    attrs: Value,
) -> Resource {
    ctx.resource(
        arn,
        resource_type,
        ctx.region,
        display_name(item, fallback),
        tags(item),
        attrs,
    )
}

/// A Describe* listing's answer, not yet recorded.
struct Answer {
    operation: &'static str,
    /// None when the plan skipped the call.
    items: Option<Result<Vec<Value>, ApiError>>,
}

impl Answer {
    /// The items, or None after recording that `resource_type` could not be listed.
    fn items_or_failure(
        self,
        out: &mut Collected,
        region: &str,
        resource_type: &str,
    ) -> Option<Vec<Value>> {
        listed(self.items?, out, resource_type, region, self.operation)
    }
}

/// Reads Describe* listings of the task's region.
struct Lister<'a> {
    ctx: &'a Context<'a>,
    api: &'a Api,
}

impl Lister<'_> {
    /// One of the region's EC2 call slots (`--calls-per-service`), held while a call or
    /// a sequence of per-resource calls runs. Never taken while one is held: with a
    /// single slot that would wait forever.
    async fn permit(&self) -> tokio::sync::OwnedSemaphorePermit {
        self.ctx.permit("ec2", self.ctx.region).await
    }

    /// Every page of a Describe* call (EC2's `NextToken` / `nextToken` paging).
    async fn all(&self, operation: &'static str, input: Value, list: &str) -> Answer {
        let _permit = self.permit().await;
        let items = self
            .api
            .list(operation, input, "NextToken", "nextToken", list)
            .await;
        Answer {
            operation,
            items: Some(items),
        }
    }

    /// `all` for a type no other type's attributes depend on: skipped when no selected
    /// control evaluates it.
    async fn needed(
        &self,
        resource_type: &str,
        operation: &'static str,
        input: Value,
        list: &str,
    ) -> Answer {
        if !self.ctx.needs_type(resource_type) {
            return Answer {
                operation,
                items: None,
            };
        }
        self.all(operation, input, list).await
    }
}

/// The listings of the types joined with one another. A type whose listing failed is
/// None, recorded as a collect failure of that type.
struct Listings {
    instances: Option<Vec<Value>>,
    groups: Option<Vec<Value>>,
    acls: Option<Vec<Value>>,
    snapshots: Option<Vec<Value>>,
    volumes: Option<Vec<Value>>,
    tables: Option<Vec<Value>>,
    subnets: Option<Vec<Value>>,
    flow_logs: Option<Vec<Value>>,
    /// Endpoints are joined onto their VPC; failing to list them marks that attribute
    /// only, not the VPC resource.
    endpoints: Result<Vec<Value>, String>,
    vpcs: Option<Vec<Value>>,
}

/// The joined types' Describe* listings, concurrently: EC2 paces each API action on its
/// own (`aws::limits`), so the listings do not slow one another. Failures are recorded
/// in a fixed order (the fields'), whatever order the answers came in.
async fn read_listings(ec2: &Lister<'_>, out: &mut Collected) -> Listings {
    let page = || json!({"MaxResults": 1000});
    // The account's own snapshots (the owner-id filter, unlike OwnerIds=self, is also
    // honoured by moto).
    let own_snapshots = json!({"MaxResults": 1000, "Filter.1.Name": "owner-id", "Filter.1.Value.1": ec2.ctx.account_id});
    let (instances, groups, acls, snapshots, volumes, tables, subnets, flow_logs, endpoints, vpcs) = futures::join!(
        ec2.all("DescribeInstances", page(), "reservationSet"),
        ec2.all("DescribeSecurityGroups", page(), "securityGroupInfo"),
        ec2.all("DescribeNetworkAcls", page(), "networkAclSet"),
        ec2.all("DescribeSnapshots", own_snapshots, "snapshotSet"),
        ec2.all("DescribeVolumes", page(), "volumeSet"),
        ec2.all(
            "DescribeRouteTables",
            json!({"MaxResults": 100}),
            "routeTableSet"
        ),
        ec2.all("DescribeSubnets", page(), "subnetSet"),
        ec2.all("DescribeFlowLogs", page(), "flowLogSet"),
        ec2.all("DescribeVpcEndpoints", page(), "vpcEndpointSet"),
        ec2.all("DescribeVpcs", page(), "vpcSet"),
    );
    let region = ec2.ctx.region;
    let mut rec =
        |answer: Answer, resource_type| answer.items_or_failure(out, region, resource_type);
    Listings {
        instances: rec(instances, INSTANCE).map(|r| instances::from_reservations(&r)),
        groups: rec(groups, SECURITY_GROUP),
        acls: rec(acls, NETWORK_ACL),
        snapshots: rec(snapshots, SNAPSHOT),
        volumes: rec(volumes, VOLUME),
        tables: rec(tables, ROUTE_TABLE),
        subnets: rec(subnets, SUBNET),
        flow_logs: rec(flow_logs, VPC),
        // `all` always reads (None is for skipped calls).
        endpoints: endpoints
            .items
            .unwrap_or(Ok(Vec::new()))
            .map_err(|e| e.to_string()),
        vpcs: rec(vpcs, VPC),
    }
}

/// A type no other type joins with: listed, read further and shaped on its own, its
/// resources and failures returned.
type Standalone<'a> = futures::future::BoxFuture<'a, Collected>;

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&EC2, ctx.region);
    // No permit for the whole task: each call (or sequence of per-resource calls) holds
    // one while it runs, so the listings below run concurrently yet never more than
    // `--calls-per-service` EC2 calls at once in the region.
    let ec2 = Lister { ctx, api: &api };
    // Adding a type that joins with no other: one entry here.
    let standalone: Vec<Standalone<'_>> = vec![
        Box::pin(images::collect(&ec2)),
        Box::pin(transit_gateways::collect(&ec2)),
        Box::pin(launch_templates::collect(&ec2)),
        Box::pin(vpn_connections::collect(&ec2)),
        Box::pin(internet_gateways::collect(&ec2)),
        Box::pin(region_settings::collect(&ec2)),
    ];
    let (joined, standalone) = futures::join!(
        joined_types(&ec2, out),
        futures::future::join_all(standalone)
    );
    out.resources.extend(joined);
    for part in standalone {
        out.resources.extend(part.resources);
        out.failures.extend(part.failures);
    }
}

/// The types shaped from one another's listings, in a fixed order.
async fn joined_types(ec2: &Lister<'_>, out: &mut Collected) -> Vec<Resource> {
    let (ctx, api) = (ec2.ctx, ec2.api);
    let l = read_listings(ec2, out).await;
    let (instances, snapshots) = (l.instances.as_deref(), l.snapshots.as_deref());
    // The reads that follow a listing (Systems Manager's agents, snapshot permissions,
    // AWS Backup's protected volumes), concurrently.
    let (instance_resources, snapshot_resources, volume_resources) = futures::join!(
        instances::resources(ctx, instances, l.groups.as_deref()),
        ebs::snapshots(ctx, api, snapshots),
        ebs::volumes(ctx, l.volumes.as_deref(), snapshots),
    );
    let public_subnets = routing::public_subnets(l.tables.as_deref(), l.subnets.as_deref());
    let network = vpcs::Network {
        flow_logs: l.flow_logs.as_deref(),
        endpoints: &l.endpoints,
        subnets: l.subnets.as_deref(),
        public_subnets: public_subnets.as_ref(),
    };
    let mut all = instance_resources;
    all.extend(security_groups::resources(
        ctx,
        l.groups.as_deref(),
        instances,
    ));
    all.extend(network_acls::resources(ctx, l.acls.as_deref()));
    all.extend(snapshot_resources);
    all.extend(volume_resources);
    all.extend(vpcs::resources(ctx, l.vpcs.as_deref(), &network));
    all.extend(routing::route_tables(ctx, l.tables.as_deref()));
    all.extend(routing::subnets(ctx, l.subnets.as_deref()));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An EC2 answer as `Api::call` returns it: typed by the model of the operation its
    /// root element names (`<DescribeVolumesResponse>`).
    pub(super) fn answer(xml: &str) -> Value {
        let root = xml.split('<').nth(1).unwrap_or_default();
        let root = root.split([' ', '>']).next().unwrap_or_default();
        let operation = root.trim_end_matches("Response");
        crate::aws::shapes::decode_answer(&EC2, operation, "/", xml.as_bytes()).unwrap()
    }

    #[test]
    fn numbers_flags_and_times_take_their_json_types() {
        let page = answer(
            r#"<DescribeVolumesResponse><volumeSet><item><size>8</size><encrypted>false</encrypted><iops>x</iops>
               <createTime>2024-11-25T10:00:00.000Z</createTime></item></volumeSet></DescribeVolumesResponse>"#,
        );
        let v = &items(&page, "volumeSet")[0];
        let snapshots = answer(
            r#"<DescribeSnapshotsResponse><snapshotSet><item><startTime>2024-11-25T10:00:00.250Z</startTime></item></snapshotSet></DescribeSnapshotsResponse>"#,
        );
        let s = &items(&snapshots, "snapshotSet")[0];
        assert_eq!(int(v, "size"), json!(8));
        assert_eq!(int(v, "iops"), Value::Null);
        assert_eq!(flag(v, "encrypted"), json!(false));
        assert_eq!(flag(v, "missing"), Value::Null);
        assert_eq!(time(v, "createTime"), json!("2024-11-25T10:00:00Z"));
        assert_eq!(time(s, "startTime"), json!("2024-11-25T10:00:00.250Z"));
    }

    /// With one EC2 call slot (`--calls-per-service 1`) the concurrent listings and the
    /// per-resource reads after them still all run: no step waits for a slot while
    /// holding one. Listings that fail are recorded in the fixed order whatever order
    /// their answers came in. Answers are AWS's documented shapes, served by the replay
    /// server; operations without one fail with HTTP 400.
    #[tokio::test]
    async fn one_call_slot_reads_everything_and_records_failures_in_order() {
        use crate::collect::{call_plan::AttributePlan, replay};
        let server = replay::Replay::serve(&[], &[]);
        const NS: &str = r#"xmlns="http://ec2.amazonaws.com/doc/2016-11-15/""#;
        server.answer_with("DescribeSnapshots", &format!(r#"<DescribeSnapshotsResponse {NS}><requestId>r</requestId><snapshotSet><item><snapshotId>snap-1</snapshotId><volumeId>vol-1</volumeId><status>completed</status><encrypted>false</encrypted></item></snapshotSet></DescribeSnapshotsResponse>"#));
        server.answer_with("DescribeSnapshotAttribute", &format!(r#"<DescribeSnapshotAttributeResponse {NS}><requestId>r</requestId><snapshotId>snap-1</snapshotId><createVolumePermission><item><group>all</group></item></createVolumePermission></DescribeSnapshotAttributeResponse>"#));
        server.answer_with("DescribeLaunchTemplates", &format!(r#"<DescribeLaunchTemplatesResponse {NS}><requestId>r</requestId><launchTemplates><item><launchTemplateId>lt-1</launchTemplateId><launchTemplateName>web</launchTemplateName><defaultVersionNumber>1</defaultVersionNumber></item></launchTemplates></DescribeLaunchTemplatesResponse>"#));
        server.answer_with("DescribeLaunchTemplateVersions", &format!(r#"<DescribeLaunchTemplateVersionsResponse {NS}><requestId>r</requestId><launchTemplateVersionSet><item><launchTemplateId>lt-1</launchTemplateId><versionNumber>1</versionNumber><launchTemplateData><networkInterfaceSet><item><associatePublicIpAddress>true</associatePublicIpAddress></item></networkInterfaceSet></launchTemplateData></item></launchTemplateVersionSet></DescribeLaunchTemplateVersionsResponse>"#));
        let mut clients = server.clients();
        clients.limiter = crate::aws::Limiter::new(1);
        let plan = AttributePlan::everything();
        let regions = vec![replay::REGION.to_string()];
        let ctx = replay::context(&clients, &plan, &regions, false);
        let run = crate::collect::collect("ec2", &ctx);
        let out = tokio::time::timeout(std::time::Duration::from_secs(60), run)
            .await
            .expect("the collector finishes with one call slot")
            .unwrap();

        let of = |t: &str| out.resources.iter().find(|r| r.resource_type == t).unwrap();
        assert_eq!(of(SNAPSHOT).attributes["public"], json!(true));
        assert_eq!(
            of(LAUNCH_TEMPLATE).attributes["default_version_network_interfaces"],
            json!([{"AssociatePublicIpAddress": true}])
        );
        let failed: Vec<&str> = out
            .failures
            .iter()
            .map(|f| f.resource_type.as_str())
            .collect();
        let joined = [
            INSTANCE,
            SECURITY_GROUP,
            NETWORK_ACL,
            VOLUME,
            ROUTE_TABLE,
            SUBNET,
            VPC,
            VPC,
        ];
        assert_eq!(failed[..joined.len()], joined, "{failed:?}");
        let standalone = [IMAGE, TRANSIT_GATEWAY, VPN_CONNECTION];
        let at = |t: &str| failed.iter().position(|f| *f == t).unwrap();
        assert!(
            standalone.windows(2).all(|w| at(w[0]) < at(w[1])),
            "{failed:?}"
        );
    }
}
