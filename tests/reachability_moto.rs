//! Internet reachability over what the collectors really read from moto_server (issue
//! 21): a VPC with an attached internet gateway, a public and a private subnet, and
//! instances, load balancers, a database and a REST API in them. The collectors run
//! against moto; `graph::reachability` judges their documents. Everything this needs is
//! emulated by moto (interfaces with public addresses, route tables and associations,
//! the default NACL, load balancer subnets, the DB subnet group, the REST API's endpoint
//! configuration); IPv6 addresses and Elastic IPs on secondary addresses are covered by
//! the replay fixtures instead (`shared/src/collect/replay_tests.rs`).

use crate::support;
use parapet::aws::{CallCounter, Limiter};
use parapet::collect::{self, call_plan::AttributePlan, Context};
use parapet::graph::reachability::{self, EntryKind, InternetEntry, Protocol};
use parapet::model::Resource;
use support::*;

const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";

const SEED: &str = r#"
import json, sys, boto3
url = sys.argv[1]
c = lambda name: boto3.client(name, endpoint_url=url, region_name="us-east-1")
ec2 = c("ec2")
vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
subnet = lambda cidr, zone: ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=zone)["Subnet"]["SubnetId"]
public, public_b, private = subnet("10.20.1.0/24", "us-east-1a"), subnet("10.20.2.0/24", "us-east-1b"), subnet("10.20.3.0/24", "us-east-1a")
# Only the public subnets use the table with a default route to the internet gateway;
# the private one keeps the VPC's main table (local route only).
rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
ec2.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
for s in (public, public_b):
    ec2.associate_route_table(RouteTableId=rt, SubnetId=s)
# A table no subnet uses, with a route to a NAT gateway: only its document is checked.
nat = ec2.create_nat_gateway(SubnetId=public, AllocationId=ec2.allocate_address(Domain="vpc")["AllocationId"])
spare = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
ec2.create_route(RouteTableId=spare, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat["NatGateway"]["NatGatewayId"])
def group(name, port, cidr):
    g = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=g, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": cidr}]}])
    return g
ssh_world, ssh_internal = group("ssh-world", 22, "0.0.0.0/0"), group("ssh-internal", 22, "10.0.0.0/8")
web, db = group("web-world", 80, "0.0.0.0/0"), group("db-world", 5432, "0.0.0.0/0")
def instance(name, subnet, g):
    return ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "Groups": [g], "AssociatePublicIpAddress": True}],
        )["Instances"][0]["InstanceId"]
ids = {"open": instance("open", public, ssh_world), "internal": instance("internal", public, ssh_internal),
       "private": instance("private", private, ssh_world)}
elbv2 = c("elbv2")
lb = elbv2.create_load_balancer(Name="rch-alb", Subnets=[public, public_b], SecurityGroups=[web],
                                Scheme="internet-facing", Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
tg = elbv2.create_target_group(Name="rch-tg", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]
elbv2.create_listener(LoadBalancerArn=lb, Protocol="HTTP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}])
c("elb").create_load_balancer(LoadBalancerName="rch-classic", Subnets=[public], SecurityGroups=[web],
    Listeners=[{"Protocol": "TCP", "LoadBalancerPort": 80, "InstancePort": 80}], Scheme="internet-facing")
rds = c("rds")
rds.create_db_subnet_group(DBSubnetGroupName="rch-db", DBSubnetGroupDescription="db", SubnetIds=[public, public_b])
rds.create_db_instance(DBInstanceIdentifier="rch-db", Engine="postgres", DBInstanceClass="db.t3.micro",
    MasterUsername="admin1", MasterUserPassword="not-a-real-secret-1", AllocatedStorage=20,
    DBSubnetGroupName="rch-db", VpcSecurityGroupIds=[db], PubliclyAccessible=True, Port=5432)
api = c("apigateway")
for name, kind in [("rch-regional", "REGIONAL"), ("rch-private", "PRIVATE")]:
    rest = api.create_rest_api(name=name, endpointConfiguration={"types": [kind]})["id"]
    root = api.get_resources(restApiId=rest)["items"][0]["id"]
    api.put_method(restApiId=rest, resourceId=root, httpMethod="GET", authorizationType="NONE")
    api.put_integration(restApiId=rest, resourceId=root, httpMethod="GET", type="MOCK")
    api.create_deployment(restApiId=rest, stageName="prod")
print(json.dumps(ids))
"#;

/// The resources of the network collectors for a full scan of `REGION`. Listings moto
/// lacks fail inside a collector without stopping it; the types read here all list.
async fn collect_network(moto: &Moto) -> Vec<Resource> {
    let sessions = moto_sessions(moto, REGION).await;
    let clients = sessions
        .clients(None, None, Limiter::new(4), CallCounter::default())
        .await
        .expect("clients");
    let regions = vec![REGION.to_string()];
    let plan = AttributePlan::everything();
    let ctx = Context {
        clients: &clients,
        account_id: ACCOUNT,
        region: REGION,
        regions: &regions,
        home_region: REGION,
        scan_id: "reachability",
        now: chrono::Utc::now(),
        only: None,
        resume_after: None,
        stop_at: None,
        plan: &plan,
        sink: None,
    };
    let mut resources = Vec::new();
    for collector in ["ec2", "elbv2", "elb", "rds", "apigateway"] {
        let collected = collect::collect(collector, &ctx)
            .await
            .unwrap_or_else(|e| panic!("{collector}: {e:#}"));
        resources.extend(collected.resources);
    }
    resources
}

fn tcp_sources(entry: &InternetEntry, port: u16) -> Vec<String> {
    entry
        .ports
        .iter()
        .find(|p| p.protocol == Protocol::Tcp && p.from <= port && port <= p.to)
        .map(|p| p.sources.clone())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_public_instance_with_ssh_open_to_the_world_is_an_entry_on_port_22() {
    let moto = Moto::start();
    let ids: serde_json::Value = serde_json::from_str(&python(&["-c", SEED, &moto.url])).unwrap();
    let resources = collect_network(&moto).await;
    let spare = resources
        .iter()
        .filter(|r| r.resource_type == "AWS::EC2::RouteTable")
        .flat_map(|r| {
            r.attributes["Routes"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .find(|r| r["NatGatewayId"].is_string());
    let spare = spare.expect("a route to the NAT gateway, its target kept");
    assert_eq!(spare["DestinationCidrBlock"], "0.0.0.0/0");
    assert_eq!(spare["GatewayId"], serde_json::Value::Null, "{spare}");
    let found = reachability::internet_entries(&resources);
    // Every candidate is decided: the collectors keep every fact reachability reads.
    assert!(found.undetermined.is_empty(), "{:#?}", found.undetermined);
    let entry = |part: &str| found.entries.iter().find(|e| e.resource_arn.contains(part));
    let instance = |name: &str| format!("instance/{}", ids[name].as_str().unwrap());

    let open = entry(&instance("open")).unwrap_or_else(|| panic!("{:#?}", found.entries));
    assert_eq!(open.kind, EntryKind::Instance);
    assert_eq!(open.ports.len(), 1, "{open:#?}");
    assert_eq!(tcp_sources(open, 22), ["0.0.0.0/0"], "{open:#?}");
    // SSH open to 10.0.0.0/8 only, and a public address in a subnet without a route to
    // the internet gateway: neither is an entry.
    assert!(
        entry(&instance("internal")).is_none(),
        "{:#?}",
        found.entries
    );
    assert!(
        entry(&instance("private")).is_none(),
        "{:#?}",
        found.entries
    );

    let alb = entry("loadbalancer/app/rch-alb/")
        .unwrap_or_else(|| panic!("no ALB entry: {:#?}", found.entries));
    assert_eq!(alb.kind, EntryKind::LoadBalancer);
    assert_eq!(tcp_sources(alb, 80), ["0.0.0.0/0"]);
    let classic = entry(":loadbalancer/rch-classic").expect("classic load balancer entry");
    assert_eq!(tcp_sources(classic, 80), ["0.0.0.0/0"]);
    let db = entry(":db:rch-db").expect("database entry");
    assert_eq!(db.kind, EntryKind::Database);
    assert_eq!(tcp_sources(db, 5432), ["0.0.0.0/0"]);

    let apis: Vec<&InternetEntry> = found
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Api)
        .collect();
    // The REGIONAL API's stage is an entry on 443; the PRIVATE one's is not.
    assert_eq!(apis.len(), 1, "{apis:#?}");
    assert_eq!(tcp_sources(apis[0], 443), ["0.0.0.0/0"]);
    assert_eq!(found.entries.len(), 5, "{:#?}", found.entries);
}
