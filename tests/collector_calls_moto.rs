//! Every AWS call the collectors make is declared in the resource-type manifest
//! (`shared/data/resource_types.json`), on a type of the collector that makes it: the scan
//! role's permissions are derived from those declarations (infra/tests), so a call made
//! but not declared would be refused in a real account.
//!
//! Each collector runs once against the seeded demo account in moto_server with its own
//! call counter (the one behind `scan --verbose`), with every attribute planned. A call
//! moto does not implement is still counted: the counter records operations started.
//! What this cannot see: calls only made for resources the seed does not create; the
//! test prints the declared calls no collector made so a reader can judge them.

use crate::support;
use parapet::aws::{CallCounter, Limiter, Sessions};
use parapet::collect::{self, call_plan::AttributePlan, Collected, Context, Scope, COLLECTORS};
use parapet::manifest::manifest;
use parapet::model::GLOBAL_REGION;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use support::*;

const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";

/// The call counter names an SDK client's operations by the SDK's service id; the
/// manifest names every call by the service's API name, as `aws::api` calls are counted.
const SDK_SERVICE_NAMES: &[(&str, &str)] = &[
    ("accessanalyzer", "access-analyzer"),
    ("cloudwatch logs", "logs"),
    ("config service", "config"),
    ("efs", "elasticfilesystem"),
    ("s3 control", "s3control"),
];

/// `service:Operation`, as the manifest names a call.
fn call_name(service: &str, operation: &str) -> String {
    let service = SDK_SERVICE_NAMES
        .iter()
        .find(|(sdk, _)| *sdk == service)
        .map_or(service, |(_, api)| api);
    format!("{service}:{operation}")
}

/// Runs one collector for a full scan of `REGION` (every attribute planned): what it
/// collected, or why it failed, and the calls it made.
async fn run(
    sessions: Arc<Sessions>,
    collector: &'static str,
    scope: Scope,
) -> (anyhow::Result<Collected>, BTreeSet<String>) {
    let counter = CallCounter::default();
    let clients = sessions
        .clients(None, None, Limiter::new(4), counter.clone())
        .await
        .expect("clients");
    let regions = vec![REGION.to_string()];
    let plan = AttributePlan::everything();
    let ctx = Context {
        clients: &clients,
        account_id: ACCOUNT,
        region: if scope == Scope::Global {
            GLOBAL_REGION
        } else {
            REGION
        },
        regions: &regions,
        home_region: REGION,
        scan_id: "calls",
        now: chrono::Utc::now(),
        only: None,
        resume_after: None,
        stop_at: None,
        plan: &plan,
        sink: None,
    };
    let collected = collect::collect(collector, &ctx).await;
    let calls = counter
        .per_operation()
        .into_keys()
        .map(|(service, operation)| call_name(&service, &operation))
        .collect();
    (collected, calls)
}

/// Sessions against `moto` with the emulator's credentials.
async fn sessions(moto: &Moto) -> Arc<Sessions> {
    Arc::new(moto_sessions(moto, REGION).await)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_call_a_collector_makes_is_declared_on_its_types() {
    let moto = Moto::start();
    seed(&moto);
    let sessions = sessions(&moto).await;

    let mut runs = tokio::task::JoinSet::new();
    for c in COLLECTORS.iter() {
        let sessions = sessions.clone();
        // A collector's failures (moto lacks some operations) are beside the point here:
        // the calls it started are counted either way.
        runs.spawn(async move { (c.name, run(sessions, c.name, c.scope).await.1) });
    }
    let mut made: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    while let Some(run) = runs.join_next().await {
        let (name, calls) = run.expect("collector run");
        made.insert(name, calls);
    }

    // The planner's region discovery runs with the target role too.
    let counter = CallCounter::default();
    let clients = sessions
        .clients(None, None, Limiter::new(4), counter.clone())
        .await
        .unwrap();
    parapet::pipeline::discover_regions(&clients, REGION)
        .await
        .expect("regions");
    let planner: BTreeSet<String> = counter
        .per_operation()
        .into_keys()
        .map(|(s, o)| call_name(&s, &o))
        .collect();

    let declared_by = |collector: &str| -> BTreeSet<&str> {
        manifest()
            .resource_types
            .iter()
            .filter(|e| e.collector == collector)
            .flat_map(|e| e.operations.iter().map(|o| o.call.as_str()))
            .collect()
    };
    let everything: BTreeSet<&str> = manifest()
        .resource_types
        .iter()
        .flat_map(|e| e.operations.iter().map(|o| o.call.as_str()))
        .collect();
    let mut undeclared = Vec::new();
    let mut unseen = Vec::new();
    for (collector, calls) in &made {
        let declared = declared_by(collector);
        undeclared.extend(
            calls
                .iter()
                .filter(|c| !declared.contains(c.as_str()))
                .map(|c| format!("{collector}: {c}")),
        );
        unseen.extend(
            declared
                .iter()
                .filter(|d| !calls.contains(**d))
                .map(|d| format!("{collector}: {d}")),
        );
    }
    undeclared.extend(
        planner
            .iter()
            .filter(|c| !everything.contains(c.as_str()))
            .map(|c| format!("planner: {c}")),
    );
    let seen: usize = made.values().map(BTreeSet::len).sum();
    eprintln!(
        "{seen} calls seen over {} collectors; declared but not made against the seed ({}):\n  {}",
        made.len(),
        unseen.len(),
        unseen.join("\n  ")
    );
    assert!(
        undeclared.is_empty(),
        "calls made but not declared in shared/data/resource_types.json (collector: call):\n  {}",
        undeclared.join("\n  ")
    );
    assert_eq!(made.len(), COLLECTORS.len());
    // Not vacuous: the counter saw most collectors' calls.
    assert!(seen > 120, "only {seen} calls counted");
    assert!(planner.contains("ec2:DescribeRegions"), "{planner:?}");
}

const INTERNET_GATEWAY_SETUP: &str = r#"
import boto3, sys
ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1")
vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
edge = ec2.create_internet_gateway(TagSpecifications=[{"ResourceType": "internet-gateway",
    "Tags": [{"Key": "Name", "Value": "edge"}]}])["InternetGateway"]["InternetGatewayId"]
ec2.attach_internet_gateway(InternetGatewayId=edge, VpcId=vpc)
spare = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
print(vpc, edge, spare)
"#;

/// The type added to show how (docs/architecture.md): the manifest entry, one function
/// in `collect/ec2/`, and its line in the EC2 collector's list of standalone types.
#[tokio::test(flavor = "multi_thread")]
async fn internet_gateways_are_collected_with_their_vpc() {
    let moto = Moto::start();
    let created = python(&["-c", INTERNET_GATEWAY_SETUP, &moto.url]);
    let [vpc, edge, spare] = created.split_whitespace().collect::<Vec<_>>()[..] else {
        panic!("setup printed {created:?}");
    };
    let (collected, calls) = run(sessions(&moto).await, "ec2", Scope::Regional).await;
    let collected = collected.expect("the ec2 collector runs");
    assert!(calls.contains("ec2:DescribeInternetGateways"), "{calls:?}");
    assert!(
        !collected
            .failures
            .iter()
            .any(|f| f.resource_type == "AWS::EC2::InternetGateway"),
        "{:?}",
        collected.failures
    );
    let gateway = |id: &str| {
        collected
            .resources
            .iter()
            .find(|r| r.resource_type == "AWS::EC2::InternetGateway" && r.arn.ends_with(id))
            .unwrap_or_else(|| panic!("no internet gateway {id}"))
    };
    let attached = gateway(edge);
    assert_eq!(
        attached.arn,
        format!("arn:aws:ec2:{REGION}:{ACCOUNT}:internet-gateway/{edge}")
    );
    assert_eq!(attached.name, "edge");
    assert_eq!(attached.attributes["InternetGatewayId"], edge);
    let attachments = attached.attributes["Attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 1, "{attachments:?}");
    assert_eq!(attachments[0]["VpcId"], vpc);
    // AWS reports an attached internet gateway as "available"; its spelling is moto's here.
    assert!(attachments[0]["State"].is_string(), "{attachments:?}");
    assert_eq!(
        gateway(spare).attributes["Attachments"],
        serde_json::json!([])
    );
}
