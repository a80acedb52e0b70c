//! The network cases on hand-built documents (pure logic): a VPC 10.0.0.0/16
//! with gateway igw-1 attached; subnet A (10.0.1.0/24) routes 0.0.0.0/0 and ::/0 to it,
//! subnet B (10.0.2.0/24) has only the local route.

use super::*;
use serde_json::{json, Value};

const ACCOUNT: &str = "123456789012";

fn resource(kind: &str, id: &str, resource_type: &str, attributes: Value) -> Resource {
    Resource {
        arn: format!("arn:aws:ec2:us-east-1:{ACCOUNT}:{kind}/{id}"),
        resource_type: resource_type.into(),
        account_id: ACCOUNT.into(),
        region: "us-east-1".into(),
        name: id.into(),
        tags: Default::default(),
        attributes,
        collected_at: chrono::Utc::now(),
        scan_id: "scan".into(),
    }
}

fn allow_all(number: i64, egress: bool) -> Value {
    json!({"RuleNumber": number, "Protocol": "-1", "RuleAction": "allow", "Egress": egress, "CidrBlock": "0.0.0.0/0"})
}

fn deny_rest(egress: bool) -> Value {
    json!({"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": egress, "CidrBlock": "0.0.0.0/0"})
}

fn nacl(id: &str, subnets: &[&str], entries: Vec<Value>) -> Resource {
    let associations: Vec<Value> = subnets.iter().map(|s| json!({"SubnetId": s})).collect();
    resource(
        "network-acl",
        id,
        "AWS::EC2::NetworkAcl",
        json!({
            "NetworkAclId": id, "VpcId": "vpc-1", "IsDefault": false, "Entries": entries, "Associations": associations,
        }),
    )
}

fn open_nacl(id: &str, subnets: &[&str]) -> Resource {
    let mut entries = vec![
        allow_all(100, false),
        allow_all(100, true),
        deny_rest(false),
        deny_rest(true),
    ];
    for egress in [false, true] {
        entries.push(json!({"RuleNumber": 101, "Protocol": "-1", "RuleAction": "allow", "Egress": egress, "Ipv6CidrBlock": "::/0"}));
    }
    nacl(id, subnets, entries)
}

fn group(id: &str, ingress: Vec<Value>) -> Resource {
    resource(
        "security-group",
        id,
        "AWS::EC2::SecurityGroup",
        json!({
            "GroupId": id, "VpcId": "vpc-1", "IpPermissions": ingress,
            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
        }),
    )
}

fn tcp(port: i64, cidrs: &[&str]) -> Value {
    let v4: Vec<Value> = cidrs
        .iter()
        .filter(|c| !c.contains(':'))
        .map(|c| json!({"CidrIp": c}))
        .collect();
    let v6: Vec<Value> = cidrs
        .iter()
        .filter(|c| c.contains(':'))
        .map(|c| json!({"CidrIpv6": c}))
        .collect();
    json!({"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": v4, "Ipv6Ranges": v6})
}

fn from_group(port: i64, source: &str) -> Value {
    json!({"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "UserIdGroupPairs": [{"GroupId": source}]})
}

fn instance(
    id: &str,
    subnet: &str,
    groups: &[&str],
    public_ip: Option<&str>,
    ipv6: Option<&str>,
) -> Resource {
    let groups: Vec<Value> = groups.iter().map(|g| json!({"GroupId": g})).collect();
    let v6: Vec<Value> = ipv6.iter().map(|a| json!({"Ipv6Address": a})).collect();
    resource(
        "instance",
        id,
        "AWS::EC2::Instance",
        json!({
            "InstanceId": id, "State": {"Name": "running"}, "PublicIpAddress": public_ip,
            "NetworkInterfaces": [{
                "NetworkInterfaceId": format!("eni-{id}"), "SubnetId": subnet, "VpcId": "vpc-1", "Groups": groups,
                "Association": public_ip.map(|ip| json!({"PublicIp": ip})), "Ipv6Addresses": v6,
            }],
        }),
    )
}

/// The VPC of the issue, with `routes_a` as subnet A's routes and the gateway attached
/// or not; NACL and groups are added by each test.
fn vpc(routes_a: Vec<Value>, gateway_attached: bool) -> Vec<Resource> {
    let attachments = if gateway_attached {
        json!([{"VpcId": "vpc-1", "State": "available"}])
    } else {
        json!([])
    };
    let local =
        json!({"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"});
    let mut routes = vec![local.clone()];
    routes.extend(routes_a);
    vec![
        resource(
            "subnet",
            "subnet-a",
            "AWS::EC2::Subnet",
            json!({"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}),
        ),
        resource(
            "subnet",
            "subnet-b",
            "AWS::EC2::Subnet",
            json!({"SubnetId": "subnet-b", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24"}),
        ),
        resource(
            "internet-gateway",
            "igw-1",
            "AWS::EC2::InternetGateway",
            json!({"InternetGatewayId": "igw-1", "Attachments": attachments}),
        ),
        resource(
            "route-table",
            "rtb-a",
            "AWS::EC2::RouteTable",
            json!({
                "RouteTableId": "rtb-a", "VpcId": "vpc-1", "Routes": routes, "Associations": [{"SubnetId": "subnet-a", "Main": false}],
            }),
        ),
        resource(
            "route-table",
            "rtb-main",
            "AWS::EC2::RouteTable",
            json!({
                "RouteTableId": "rtb-main", "VpcId": "vpc-1", "Routes": [local], "Associations": [{"SubnetId": null, "Main": true}],
            }),
        ),
    ]
}

fn default_route() -> Vec<Value> {
    vec![
        json!({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}),
        json!({"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1", "State": "active"}),
    ]
}

/// The SSH instance in `subnet` behind `nacl_a` (and an open NACL on B).
fn ssh_case(
    subnet: &str,
    routes_a: Vec<Value>,
    gateway_attached: bool,
    nacl_a: Resource,
) -> Reachability {
    let mut docs = vec![
        nacl_a,
        open_nacl("acl-b", &["subnet-b"]),
        group("sg-ssh", vec![tcp(22, &["0.0.0.0/0"])]),
    ];
    docs.extend(vpc(routes_a, gateway_attached));
    docs.push(instance(
        "i-1",
        subnet,
        &["sg-ssh"],
        Some("54.0.0.10"),
        None,
    ));
    internet_entries(&docs)
}

/// Subnet A's NACL with `first` ahead of allow-all both ways and the final denies.
fn nacl_a_with(first: Value) -> Resource {
    nacl(
        "acl-a",
        &["subnet-a"],
        vec![
            first,
            allow_all(100, false),
            allow_all(100, true),
            deny_rest(false),
            deny_rest(true),
        ],
    )
}

/// The VPC with `routes_a`, subnet A's open NACL and group `sg-1` admitting `ingress`.
fn subnet_a_with_group(ingress: Vec<Value>, routes_a: Vec<Value>) -> Vec<Resource> {
    let mut docs = vec![open_nacl("acl-a", &["subnet-a"]), group("sg-1", ingress)];
    docs.extend(vpc(routes_a, true));
    docs
}

/// Instance `id` in subnet A behind group `sg-1`.
fn host_in_a(id: &str, public_ip: Option<&str>, ipv6: Option<&str>) -> Resource {
    instance(id, "subnet-a", &["sg-1"], public_ip, ipv6)
}

fn only_ports(r: &Reachability) -> Vec<(Protocol, u16, u16)> {
    assert_eq!(r.entries.len(), 1, "{r:#?}");
    r.entries[0]
        .ports
        .iter()
        .map(|p| (p.protocol, p.from, p.to))
        .collect()
}

#[test]
fn instance_in_the_routed_subnet_is_reachable_on_ssh_and_only_ssh() {
    let r = ssh_case(
        "subnet-a",
        default_route(),
        true,
        open_nacl("acl-a", &["subnet-a"]),
    );
    assert_eq!(only_ports(&r), [(Protocol::Tcp, 22, 22)]);
    let entry = &r.entries[0];
    assert_eq!(entry.kind, EntryKind::Instance);
    assert_eq!(entry.sources, ["0.0.0.0/0"]);
    assert_eq!(entry.ports[0].sources, ["0.0.0.0/0"]);
    let facts = serde_json::to_string(&entry.evidence).unwrap();
    for fact in [
        "\"public_address\"",
        "\"54.0.0.10\"",
        "\"rtb-a\"",
        "\"igw-1\"",
        "\"available\"",
        "\"acl-a\"",
        "\"sg-ssh\"",
    ] {
        assert!(facts.contains(fact), "{fact} missing from {facts}");
    }
    assert!(r.undetermined.is_empty());
}

#[test]
fn instance_in_the_unrouted_subnet_is_not_reachable() {
    let r = ssh_case(
        "subnet-b",
        default_route(),
        true,
        open_nacl("acl-a", &["subnet-a"]),
    );
    assert!(r.entries.is_empty() && r.undetermined.is_empty(), "{r:#?}");
}

#[test]
fn a_nacl_deny_ahead_of_allow_all_blocks_ssh() {
    let deny_ssh = json!({"RuleNumber": 90, "Protocol": "6", "RuleAction": "deny", "Egress": false,
        "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 22, "To": 22}});
    let acl = nacl_a_with(deny_ssh);
    let r = ssh_case("subnet-a", default_route(), true, acl);
    assert!(r.entries.is_empty(), "{r:#?}");
}

#[test]
fn a_deny_numbered_after_the_allow_does_not_block() {
    let late_deny = json!({"RuleNumber": 200, "Protocol": "6", "RuleAction": "deny", "Egress": false,
        "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 22, "To": 22}});
    let acl = nacl_a_with(late_deny);
    let r = ssh_case("subnet-a", default_route(), true, acl);
    assert_eq!(only_ports(&r), [(Protocol::Tcp, 22, 22)]);
}

#[test]
fn a_nacl_blocking_outbound_ephemeral_ports_blocks_ssh() {
    let deny_ephemeral = json!({"RuleNumber": 50, "Protocol": "6", "RuleAction": "deny", "Egress": true,
        "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 1024, "To": 65535}});
    let acl = nacl_a_with(deny_ephemeral);
    let r = ssh_case("subnet-a", default_route(), true, acl);
    assert!(r.entries.is_empty(), "{r:#?}");
}

#[test]
fn replies_on_part_of_the_ephemeral_range_are_enough() {
    // Only Linux clients' range is open outbound: a client choosing such a port connects.
    let linux = json!({"RuleNumber": 50, "Protocol": "6", "RuleAction": "allow", "Egress": true,
        "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 32768, "To": 60999}});
    let acl = nacl(
        "acl-a",
        &["subnet-a"],
        vec![
            linux,
            allow_all(100, false),
            deny_rest(false),
            deny_rest(true),
        ],
    );
    let r = ssh_case("subnet-a", default_route(), true, acl);
    assert_eq!(only_ports(&r), [(Protocol::Tcp, 22, 22)]);
    let facts = serde_json::to_string(&r.entries[0].evidence).unwrap();
    assert!(facts.contains("\"rule_number\":50"), "{facts}");
}

#[test]
fn a_detached_gateway_does_not_route() {
    let r = ssh_case(
        "subnet-a",
        default_route(),
        false,
        open_nacl("acl-a", &["subnet-a"]),
    );
    assert!(r.entries.is_empty(), "{r:#?}");
}

#[test]
fn a_blackhole_route_does_not_route() {
    let routes = vec![
        json!({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "blackhole"}),
    ];
    let r = ssh_case("subnet-a", routes, true, open_nacl("acl-a", &["subnet-a"]));
    assert!(r.entries.is_empty(), "{r:#?}");
}

#[test]
fn an_egress_only_gateway_never_counts_inbound() {
    let routes = vec![
        json!({"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1", "State": "active"}),
    ];
    let mut docs = subnet_a_with_group(vec![tcp(22, &["::/0"])], routes);
    docs.push(host_in_a("i-1", None, Some("2600:1f18::10")));
    let r = internet_entries(&docs);
    assert!(r.entries.is_empty(), "{r:#?}");
}

#[test]
fn a_more_specific_route_elsewhere_wins_for_its_sources() {
    // 198.51.100.7/32 goes to a NAT gateway and 203.0.113.0/24 is blackholed: replies to
    // them never reach the internet gateway, so only the rest of the internet reaches SSH.
    let mut routes = default_route();
    routes.push(json!({"DestinationCidrBlock": "198.51.100.7/32", "NatGatewayId": "nat-1", "State": "active"}));
    routes.push(json!({"DestinationCidrBlock": "203.0.113.0/24", "GatewayId": "igw-1", "State": "blackhole"}));
    let mut docs = subnet_a_with_group(
        vec![tcp(22, &["198.51.100.7/32", "203.0.113.0/24"])],
        routes.clone(),
    );
    docs.push(host_in_a("i-1", Some("54.0.0.10"), None));
    assert!(internet_entries(&docs).entries.is_empty());

    let mut docs = subnet_a_with_group(vec![tcp(22, &["0.0.0.0/0"])], routes);
    docs.push(host_in_a("i-1", Some("54.0.0.10"), None));
    let r = internet_entries(&docs);
    let sources = &r.entries[0].sources;
    assert!(sources.len() > 1, "{sources:?}");
    assert!(
        !sources
            .iter()
            .any(|s| s == "0.0.0.0/0" || s == "198.51.100.7/32"),
        "{sources:?}"
    );
}

#[test]
fn ipv6_only_exposure_is_found_and_kept_apart() {
    let mut docs = subnet_a_with_group(
        vec![tcp(443, &["::/0"]), tcp(22, &["0.0.0.0/0"])],
        default_route(),
    );
    // No public IPv4: SSH (IPv4-only rule) is not reachable, HTTPS over IPv6 is.
    docs.push(host_in_a("i-1", None, Some("2600:1f18::10")));
    let r = internet_entries(&docs);
    assert_eq!(only_ports(&r), [(Protocol::Tcp, 443, 443)]);
    assert_eq!(r.entries[0].sources, ["::/0"]);
}

#[test]
fn a_private_source_range_is_not_the_internet() {
    let mut docs = subnet_a_with_group(vec![tcp(22, &["10.0.0.0/8"])], default_route());
    docs.push(host_in_a("i-1", Some("54.0.0.10"), None));
    assert!(internet_entries(&docs).entries.is_empty());
}

fn alb(groups: &[&str]) -> Resource {
    Resource {
        arn: format!("arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/app/web/1"),
        resource_type: "AWS::ElasticLoadBalancingV2::LoadBalancer".into(),
        attributes: json!({
            "Type": "application", "Scheme": "internet-facing", "VpcId": "vpc-1", "SecurityGroups": groups,
            "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-a"}],
            "listeners": [{"Protocol": "HTTPS", "Port": 443}],
        }),
        ..resource("x", "x", "x", Value::Null)
    }
}

/// The case 5: an internet-facing ALB in A fronting an instance in B.
fn alb_case(app_rules: Vec<Value>) -> (Reachability, Network, Placement, Placement) {
    let mut docs = vec![
        open_nacl("acl-a", &["subnet-a"]),
        open_nacl("acl-b", &["subnet-b"]),
        group("sg-alb", vec![tcp(443, &["0.0.0.0/0"])]),
        group("sg-app", app_rules),
        alb(&["sg-alb"]),
        instance("i-app", "subnet-b", &["sg-app"], None, None),
    ];
    docs.extend(vpc(default_route(), true));
    let network = Network::index(&docs);
    let front = Placement::of(&docs[4]).unwrap();
    let back = Placement::of(&docs[5]).unwrap();
    (internet_entries_with(&network, &docs), network, front, back)
}

#[test]
fn an_internet_facing_alb_fronts_an_instance_whose_group_admits_the_albs() {
    let (r, network, front, back) = alb_case(vec![from_group(8080, "sg-alb")]);
    assert_eq!(only_ports(&r), [(Protocol::Tcp, 443, 443)]);
    assert_eq!(r.entries[0].kind, EntryKind::LoadBalancer);
    let evidence = network
        .fronts(&front, &back, Protocol::Tcp, 8080)
        .expect("the ALB reaches the app");
    let facts = serde_json::to_string(&evidence).unwrap();
    assert!(facts.contains("\"peer\":\"sg-alb\""), "{facts}");
    assert!(
        facts.contains("acl-b") && facts.contains("acl-a"),
        "{facts}"
    );
    assert!(network
        .admits(&front.groups, &back.groups, Protocol::Tcp, 8080)
        .is_some());
    assert!(network.fronts(&front, &back, Protocol::Tcp, 22).is_none());
}

#[test]
fn without_the_rule_the_alb_fronts_nothing() {
    let (_, network, front, back) = alb_case(vec![]);
    assert!(network.fronts(&front, &back, Protocol::Tcp, 8080).is_none());
    assert!(network
        .admits(&front.groups, &back.groups, Protocol::Tcp, 8080)
        .is_none());
}

#[test]
fn a_closed_nacl_between_the_subnets_stops_fronting() {
    let (_, _, front, back) = alb_case(vec![from_group(8080, "sg-alb")]);
    let mut docs = vec![
        open_nacl("acl-a", &["subnet-a"]),
        nacl(
            "acl-b",
            &["subnet-b"],
            vec![deny_rest(false), deny_rest(true)],
        ),
        group("sg-alb", vec![tcp(443, &["0.0.0.0/0"])]),
        group("sg-app", vec![from_group(8080, "sg-alb")]),
    ];
    docs.extend(vpc(default_route(), true));
    assert!(Network::index(&docs)
        .fronts(&front, &back, Protocol::Tcp, 8080)
        .is_none());
}

#[test]
fn missing_network_facts_are_reported_not_guessed() {
    let mut docs = vpc(default_route(), true);
    docs.push(group("sg-ssh", vec![tcp(22, &["0.0.0.0/0"])]));
    // No NACL document for subnet A, and an instance without subnet (today's collector).
    docs.push(instance(
        "i-1",
        "subnet-a",
        &["sg-ssh"],
        Some("54.0.0.10"),
        None,
    ));
    docs.push(resource(
        "instance",
        "i-2",
        "AWS::EC2::Instance",
        json!({
            "InstanceId": "i-2", "State": {"Name": "running"}, "PublicIpAddress": "54.0.0.11",
            "SecurityGroups": [{"GroupId": "sg-ssh"}],
        }),
    ));
    let r = internet_entries(&docs);
    assert!(r.entries.is_empty());
    let reasons: Vec<&str> = r.undetermined.iter().map(|u| u.reason.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons.iter().any(|x| x.contains("network ACL")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|x| x.contains("subnet is not collected")),
        "{reasons:?}"
    );
}

#[test]
fn function_urls_without_auth_and_a_public_grant_are_entries() {
    let function = |auth: &str, policy: Value| Resource {
        arn: format!("arn:aws:lambda:us-east-1:{ACCOUNT}:function:f"),
        resource_type: "AWS::Lambda::Function".into(),
        attributes: json!({"function_url": {"FunctionUrl": "https://x.lambda-url.us-east-1.on.aws/", "AuthType": auth}, "policy": policy}),
        ..resource("x", "x", "x", Value::Null)
    };
    let grant = json!({"Statement": [{"Sid": "url", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl",
        "Resource": "*", "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}]});
    let r = internet_entries(&[function("NONE", grant.clone())]);
    assert_eq!(only_ports(&r), [(Protocol::Tcp, 443, 443)]);
    assert_eq!(r.entries[0].kind, EntryKind::FunctionUrl);
    assert_eq!(r.entries[0].sources, ["0.0.0.0/0", "::/0"]);
    assert!(internet_entries(&[function("AWS_IAM", grant)])
        .entries
        .is_empty());
    assert!(internet_entries(&[function("NONE", Value::Null)])
        .entries
        .is_empty());
}

#[test]
fn apis_are_entries_unless_private() {
    let stage = |types: Value| Resource {
        arn: "arn:aws:apigateway:us-east-1::/restapis/a/stages/prod".into(),
        resource_type: "AWS::ApiGateway::Stage".into(),
        attributes: json!({"endpoint_configuration": {"types": types}}),
        ..resource("x", "x", "x", Value::Null)
    };
    assert_eq!(
        internet_entries(&[stage(json!(["REGIONAL"]))])
            .entries
            .len(),
        1
    );
    assert!(internet_entries(&[stage(json!(["PRIVATE"]))])
        .entries
        .is_empty());
}

#[test]
fn a_public_database_in_a_routed_subnet_is_an_entry() {
    let db = |subnet: &str| Resource {
        arn: format!("arn:aws:rds:us-east-1:{ACCOUNT}:db:d"),
        resource_type: "AWS::RDS::DBInstance".into(),
        attributes: json!({"PubliclyAccessible": true, "Endpoint": {"Port": 5432},
            "DBSubnetGroup": {"Subnets": [{"SubnetIdentifier": subnet}]},
            "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-db", "Status": "active"}]}),
        ..resource("x", "x", "x", Value::Null)
    };
    let base = || {
        let mut docs = vec![
            open_nacl("acl-a", &["subnet-a"]),
            open_nacl("acl-b", &["subnet-b"]),
            group("sg-db", vec![tcp(5432, &["0.0.0.0/0"])]),
        ];
        docs.extend(vpc(default_route(), true));
        docs
    };
    let mut docs = base();
    docs.push(db("subnet-a"));
    assert_eq!(
        only_ports(&internet_entries(&docs)),
        [(Protocol::Tcp, 5432, 5432)]
    );
    let mut docs = base();
    docs.push(db("subnet-b"));
    assert!(internet_entries(&docs).entries.is_empty());
}

#[test]
fn output_is_sorted_and_identical_whatever_the_input_order() {
    let mut docs = subnet_a_with_group(
        vec![tcp(22, &["0.0.0.0/0"]), tcp(80, &["0.0.0.0/0"])],
        default_route(),
    );
    docs.push(host_in_a("i-2", Some("54.0.0.11"), None));
    docs.push(host_in_a("i-1", Some("54.0.0.10"), None));
    let forward = serde_json::to_string(&internet_entries(&docs)).unwrap();
    docs.reverse();
    assert_eq!(
        forward,
        serde_json::to_string(&internet_entries(&docs)).unwrap()
    );
    let r = internet_entries(&docs);
    assert!(r.entries[0].resource_arn < r.entries[1].resource_arn);
    let ports: Vec<u16> = r.entries[0].ports.iter().map(|p| p.from).collect();
    assert_eq!(ports, [22, 80]);
    // Instances alike share one evaluation, but each keeps its own address.
    let first = serde_json::to_string(&r.entries[0].evidence).unwrap();
    assert!(
        first.contains("54.0.0.10") && !first.contains("54.0.0.11"),
        "{first}"
    );
}

#[test]
fn a_network_load_balancer_without_groups_is_filtered_by_its_nacl_only() {
    let nlb = |subnets: Value| Resource {
        arn: format!("arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:loadbalancer/net/dns/1"),
        resource_type: "AWS::ElasticLoadBalancingV2::LoadBalancer".into(),
        attributes: json!({"Type": "network", "Scheme": "internet-facing", "SecurityGroups": null,
            "AvailabilityZones": subnets, "listeners": [{"Protocol": "UDP", "Port": 53}, {"Protocol": "TCP", "Port": 853}]}),
        ..resource("x", "x", "x", Value::Null)
    };
    let deny_dns = json!({"RuleNumber": 10, "Protocol": "17", "RuleAction": "deny", "Egress": false,
        "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 53, "To": 53}});
    let mut docs = vec![
        nacl_a_with(deny_dns),
        nlb(json!([{"SubnetId": "subnet-a"}])),
    ];
    docs.extend(vpc(default_route(), true));
    // UDP 53 is denied by the NACL; TCP 853 passes with no group to stop it.
    assert_eq!(
        only_ports(&internet_entries(&docs)),
        [(Protocol::Tcp, 853, 853)]
    );

    // Today's collector keeps no subnets: reported, not guessed.
    docs[1] = nlb(Value::Null);
    let r = internet_entries(&docs);
    assert!(r.entries.is_empty());
    assert!(
        r.undetermined[0].reason.contains("AvailabilityZones"),
        "{r:?}"
    );
}
