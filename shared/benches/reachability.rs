//! Internet reachability benchmark: `graph::reachability::internet_entries` over a
//! synthetic region of 10,000 resources (10 VPCs of 10 subnets, half of them routed to
//! an attached internet gateway, NACLs of 12 rules, 200 security groups, 9,300
//! instances with a public address in 1,400 distinct subnet/group placements, 200 load
//! balancers, 100 public databases). Prints the median of 5 runs and the growth of the
//! process's peak resident memory.
//!
//!     cargo bench -p parapet --no-default-features --bench reachability

use chrono::Utc;
use parapet::graph::reachability::internet_entries;
use parapet::model::Resource;
use serde_json::{json, Value};
use std::time::Instant;

fn doc(kind: &str, id: &str, resource_type: &str, attributes: Value) -> Resource {
    Resource {
        arn: format!("arn:aws:ec2:us-east-1:123456789012:{kind}/{id}"),
        resource_type: resource_type.into(),
        account_id: "123456789012".into(),
        region: "us-east-1".into(),
        name: id.into(),
        tags: Default::default(),
        attributes,
        collected_at: Utc::now(),
        scan_id: "bench".into(),
    }
}

fn nacl_entries() -> Vec<Value> {
    let mut entries = Vec::new();
    for egress in [false, true] {
        for (i, port) in [22, 3389, 445, 23, 135].iter().enumerate() {
            entries.push(json!({"RuleNumber": 10 + i as i64, "Protocol": "6", "RuleAction": "deny", "Egress": egress,
                "CidrBlock": "0.0.0.0/0", "PortRange": {"From": port, "To": port}}));
        }
        entries.push(json!({"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": egress, "CidrBlock": "0.0.0.0/0"}));
    }
    entries
}

fn network() -> Vec<Resource> {
    let mut docs = Vec::new();
    for v in 0..10 {
        let vpc = format!("vpc-{v}");
        let local = json!({"DestinationCidrBlock": format!("10.{v}.0.0/16"), "GatewayId": "local", "State": "active"});
        let default = json!({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": format!("igw-{v}"), "State": "active"});
        let nat = json!({"DestinationCidrBlock": "198.51.100.0/24", "NatGatewayId": "nat-1", "State": "active"});
        let public: Vec<Value> = (0..5)
            .map(|s| json!({"SubnetId": format!("subnet-{v}-{s}"), "Main": false}))
            .collect();
        docs.push(doc("route-table", &format!("rtb-{v}-public"), "AWS::EC2::RouteTable",
            json!({"RouteTableId": format!("rtb-{v}-public"), "VpcId": vpc, "Routes": [local, default, nat], "Associations": public})));
        docs.push(doc("route-table", &format!("rtb-{v}-main"), "AWS::EC2::RouteTable",
            json!({"RouteTableId": format!("rtb-{v}-main"), "VpcId": vpc, "Routes": [local], "Associations": [{"Main": true}]})));
        docs.push(doc("internet-gateway", &format!("igw-{v}"), "AWS::EC2::InternetGateway",
            json!({"InternetGatewayId": format!("igw-{v}"), "Attachments": [{"VpcId": vpc, "State": "available"}]})));
        let subnets: Vec<Value> = (0..10)
            .map(|s| json!({"SubnetId": format!("subnet-{v}-{s}")}))
            .collect();
        docs.push(doc("network-acl", &format!("acl-{v}"), "AWS::EC2::NetworkAcl",
            json!({"NetworkAclId": format!("acl-{v}"), "VpcId": vpc, "IsDefault": true, "Entries": nacl_entries(), "Associations": subnets})));
        for s in 0..10 {
            let id = format!("subnet-{v}-{s}");
            docs.push(doc(
                "subnet",
                &id,
                "AWS::EC2::Subnet",
                json!({"SubnetId": id, "VpcId": vpc, "CidrBlock": format!("10.{v}.{s}.0/24")}),
            ));
        }
    }
    for g in 0..200 {
        let id = format!("sg-{g}");
        let rule = |port: i64, cidr: &str| json!({"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": cidr}]});
        let ingress = vec![
            rule(22, "0.0.0.0/0"),
            rule(443, "0.0.0.0/0"),
            rule(5432, "10.0.0.0/8"),
            json!({"IpProtocol": "tcp", "FromPort": 8000, "ToPort": 9000, "IpRanges": [{"CidrIp": "203.0.113.0/24"}]}),
        ];
        docs.push(doc("security-group", &id, "AWS::EC2::SecurityGroup",
            json!({"GroupId": id, "VpcId": format!("vpc-{}", g % 10), "IpPermissions": ingress, "IpPermissionsEgress": []})));
    }
    docs
}

fn region() -> Vec<Resource> {
    let mut docs = network();
    for i in 0..9300 {
        let (v, s, g) = (i % 10, (i / 7) % 10, i % 200);
        docs.push(doc("instance", &format!("i-{i:05}"), "AWS::EC2::Instance", json!({
            "State": {"Name": "running"},
            "NetworkInterfaces": [{"NetworkInterfaceId": format!("eni-{i}"), "SubnetId": format!("subnet-{v}-{s}"),
                "Groups": [{"GroupId": format!("sg-{g}")}], "Association": {"PublicIp": format!("54.0.{}.{}", i / 256, i % 256)}}],
        })));
    }
    for i in 0..200 {
        let v = i % 10;
        docs.push(doc("loadbalancer", &format!("lb-{i}"), "AWS::ElasticLoadBalancingV2::LoadBalancer", json!({
            "Type": "application", "Scheme": "internet-facing", "SecurityGroups": [format!("sg-{}", i % 200)],
            "AvailabilityZones": [{"SubnetId": format!("subnet-{v}-0")}, {"SubnetId": format!("subnet-{v}-1")}],
            "listeners": [{"Protocol": "HTTPS", "Port": 443}],
        })));
    }
    for i in 0..100 {
        let v = i % 10;
        docs.push(doc("db", &format!("db-{i}"), "AWS::RDS::DBInstance", json!({
            "PubliclyAccessible": true, "Endpoint": {"Port": 5432},
            "DBSubnetGroup": {"Subnets": [{"SubnetIdentifier": format!("subnet-{v}-0")}, {"SubnetIdentifier": format!("subnet-{v}-9")}]},
            "VpcSecurityGroups": [{"VpcSecurityGroupId": format!("sg-{}", i % 200)}],
        })));
    }
    docs
}

/// Peak resident memory of the process so far, in MB (Linux).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    parapet::allocator::return_freed_memory_promptly();
    let docs = region();
    let placements: std::collections::HashSet<String> = docs
        .iter()
        .filter_map(|r| r.attributes.pointer("/NetworkInterfaces/0"))
        .map(|n| format!("{}/{}", n["SubnetId"], n["Groups"]))
        .collect();
    let before = peak_mb();
    let mut times = Vec::new();
    let mut entries = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let found = internet_entries(&docs);
        times.push(start.elapsed());
        entries = found.entries.len();
        assert!(
            found.undetermined.is_empty(),
            "{:?}",
            found.undetermined.first()
        );
    }
    times.sort();
    println!(
        "internet_entries over {} resources ({} distinct instance placements): {} entries, median {:.1} ms (min {:.1}, max {:.1}), peak RSS +{:.1} MB",
        docs.len(),
        placements.len(),
        entries,
        times[2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3,
        peak_mb() - before,
    );
}
