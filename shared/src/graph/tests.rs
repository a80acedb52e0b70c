//! The cases on hand-built resource documents: 1, 2, 3 and 6 with reachability
//! computed by `reachability` from the VPC's documents; 7 and 8 with the instance entry
//! given (`build_with_entries`: the network is not what they test). The other network
//! cases (4, 5) are `reachability`'s own tests.

use super::*;
use crate::model::{Finding, Resource, Severity, Status};
use serde_json::{json, Value};

const ACCOUNT: &str = "111111111111";
const INSTANCE: &str = "arn:aws:ec2:us-east-1:111111111111:instance/i-1";
const PROFILE: &str = "arn:aws:iam::111111111111:instance-profile/app";
const ROLE: &str = "arn:aws:iam::111111111111:role/app";
const ADMIN_ROLE: &str = "arn:aws:iam::111111111111:role/admin";
const BUCKET: &str = "arn:aws:s3:::jewel";
const KEY: &str = "arn:aws:kms:us-east-1:111111111111:key/k-1";
const FUNCTION: &str = "arn:aws:lambda:us-east-1:111111111111:function:f";
const ROOT: &str = "arn:aws:iam::111111111111:root";

fn resource(arn: &str, ty: &str, name: &str, region: &str, attributes: Value) -> Resource {
    Resource {
        arn: arn.into(),
        resource_type: ty.into(),
        account_id: ACCOUNT.into(),
        region: region.into(),
        name: name.into(),
        tags: Default::default(),
        attributes,
        collected_at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
        scan_id: "s".into(),
    }
}

fn instance(tokens: &str) -> Resource {
    instance_in("subnet-a", tokens)
}

const SSH_GROUP: &str = "arn:aws:ec2:us-east-1:111111111111:security-group/sg-ssh";

/// The instance of case 1: public IP, in `subnet`, SSH open to the world.
fn instance_in(subnet: &str, tokens: &str) -> Resource {
    resource(
        INSTANCE,
        "AWS::EC2::Instance",
        "i-1",
        "us-east-1",
        json!({
            "InstanceId": "i-1",
            "State": {"Name": "running"},
            "IamInstanceProfile": {"Arn": PROFILE, "Id": "AIP"},
            "MetadataOptions": {"HttpTokens": tokens, "HttpEndpoint": "enabled"},
            "PublicIpAddress": "203.0.113.10",
            "NetworkInterfaces": [{
                "NetworkInterfaceId": "eni-1", "SubnetId": subnet, "VpcId": "vpc-1", "Groups": [{"GroupId": "sg-ssh"}],
                "Association": {"PublicIp": "203.0.113.10"}, "Ipv6Addresses": [],
            }],
        }),
    )
}

/// The VPC: gateway igw-1 attached; subnet A routes 0.0.0.0/0 to it, subnet B
/// has only the local route; NACLs allow everything; sg-ssh admits the world on 22.
fn network() -> Vec<Resource> {
    let ec2 = |kind: &str, id: &str, ty: &str, a: Value| {
        resource(
            &format!("arn:aws:ec2:us-east-1:{ACCOUNT}:{kind}/{id}"),
            ty,
            id,
            "us-east-1",
            a,
        )
    };
    let local =
        json!({"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"});
    let open = |n: i64, egress: bool| json!({"RuleNumber": n, "Protocol": "-1", "RuleAction": "allow", "Egress": egress, "CidrBlock": "0.0.0.0/0"});
    vec![
        ec2(
            "subnet",
            "subnet-a",
            "AWS::EC2::Subnet",
            json!({"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}),
        ),
        ec2(
            "subnet",
            "subnet-b",
            "AWS::EC2::Subnet",
            json!({"SubnetId": "subnet-b", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24"}),
        ),
        ec2(
            "internet-gateway",
            "igw-1",
            "AWS::EC2::InternetGateway",
            json!({"InternetGatewayId": "igw-1", "Attachments": [{"VpcId": "vpc-1", "State": "available"}]}),
        ),
        ec2(
            "route-table",
            "rtb-a",
            "AWS::EC2::RouteTable",
            json!({"RouteTableId": "rtb-a", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-a", "Main": false}],
            "Routes": [local.clone(), {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]}),
        ),
        ec2(
            "route-table",
            "rtb-main",
            "AWS::EC2::RouteTable",
            json!({"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"SubnetId": null, "Main": true}], "Routes": [local]}),
        ),
        ec2(
            "network-acl",
            "acl-1",
            "AWS::EC2::NetworkAcl",
            json!({"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": true,
            "Entries": [open(100, false), open(100, true)], "Associations": [{"SubnetId": "subnet-a"}, {"SubnetId": "subnet-b"}]}),
        ),
        ec2(
            "security-group",
            "sg-ssh",
            "AWS::EC2::SecurityGroup",
            json!({"GroupId": "sg-ssh", "VpcId": "vpc-1",
            "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": []}],
            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}),
        ),
    ]
}

fn role(arn: &str, name: &str, trust: Value, statements: Value, profiles: &[&str]) -> Resource {
    resource(
        arn,
        "AWS::IAM::Role",
        name,
        "global",
        json!({
            "RoleName": name, "Arn": arn,
            "AssumeRolePolicyDocument": trust,
            "attached_policies": [],
            "inline_policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}],
            "instance_profiles": profiles,
        }),
    )
}

fn service_trust(service: &str) -> Value {
    json!({"Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})
}

fn bucket(policy: Value, account_block: Value) -> Resource {
    let mut b = resource(
        BUCKET,
        "AWS::S3::Bucket",
        "jewel",
        "us-east-1",
        json!({
            "policy": policy,
            "public_access_block": null,
            "account_public_access_block": account_block,
            "acl_grants": [],
            "ownership_controls": "BucketOwnerEnforced",
            "encryption": {"rules": [{"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": KEY}]},
        }),
    );
    b.tags.insert(CROWN_JEWEL_TAG.into(), "true".into());
    b
}

fn key() -> Resource {
    resource(
        KEY,
        "AWS::KMS::Key",
        "k-1",
        "us-east-1",
        json!({
            "KeyId": "k-1", "Arn": KEY, "KeyManager": "CUSTOMER",
            "policy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ROOT}, "Action": "kms:*", "Resource": "*"}]},
        }),
    )
}

fn finding(control_id: &str, arn: &str) -> Finding {
    let t = chrono::DateTime::from_timestamp(0, 0).unwrap();
    Finding {
        control_id: control_id.into(),
        resource_arn: arn.into(),
        resource_name: String::new(),
        resource_type: String::new(),
        account_id: ACCOUNT.into(),
        region: "us-east-1".into(),
        service: String::new(),
        severity: Severity::High,
        status: Status::Fail,
        reason: String::new(),
        scan_id: "s".into(),
        first_seen: t,
        last_seen: t,
        status_changed_at: t,
        muted: None,
    }
}

/// The instance's entry as `reachability` gives it for case 1's network (subnet A,
/// public IP, SSH open to the world).
fn ssh_entry() -> Entry {
    Entry {
        resource_arn: INSTANCE.into(),
        kind: "instance".into(),
        ports: vec!["tcp/22".into()],
        sources: vec!["0.0.0.0/0".into()],
        evidence: vec!["security group rule admits 0.0.0.0/0 on 22".into()],
        related: vec![SSH_GROUP.into()],
    }
}

fn reader_role() -> Resource {
    role(
        ROLE,
        "app",
        service_trust("ec2.amazonaws.com"),
        json!([
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": [BUCKET, format!("{BUCKET}/*")]},
            {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": KEY},
        ]),
        &[PROFILE],
    )
}

/// Case 1's account, the instance in `subnet`; reachability computed by `reachability`.
fn case_one_in(subnet: &str, tokens: &str) -> (Graph, PathReport) {
    let mut resources = vec![
        instance_in(subnet, tokens),
        reader_role(),
        bucket(Value::Null, Value::Null),
        key(),
    ];
    resources.extend(network());
    let findings = vec![
        finding("ec2_instance_port_ssh_exposed_to_internet", INSTANCE),
        finding("ec2_instance_imdsv2_enabled", INSTANCE),
        finding(
            "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
            SSH_GROUP,
        ),
        // Not about any edge of the path: must not be named.
        finding("ec2_instance_detailed_monitoring_enabled", INSTANCE),
    ];
    let graph = build(&resources, &findings, &Options::default()).unwrap();
    let report = attack_paths(&graph);
    (graph, report)
}

fn case_one(tokens: &str) -> (Graph, PathReport) {
    case_one_in("subnet-a", tokens)
}

fn path_to<'a>(report: &'a PathReport, source: &str, target: &str) -> Option<&'a AttackPath> {
    report
        .paths
        .iter()
        .find(|p| p.source == source && p.target == target)
}

fn hop_nodes(p: &AttackPath) -> Vec<&str> {
    let mut v = vec![p.source.as_str()];
    v.extend(p.hops.iter().map(|h| h.to.as_str()));
    v
}

#[test]
fn case_1_ssh_imdsv1_role_reading_the_bucket_is_one_critical_path() {
    let (_, report) = case_one("optional");
    let critical: Vec<_> = report
        .paths
        .iter()
        .filter(|p| p.severity == Band::Critical)
        .collect();
    assert_eq!(critical.len(), 1, "{:#?}", report.paths);
    let p = critical[0];
    assert_eq!(
        hop_nodes(p),
        vec![INTERNET, INSTANCE, PROFILE, ROLE, BUCKET]
    );
    let kinds: Vec<EdgeKind> = p.hops.iter().map(|h| h.kind).collect();
    assert_eq!(
        kinds,
        vec![
            EdgeKind::Reaches,
            EdgeKind::RunsAs,
            EdgeKind::RunsAs,
            EdgeKind::CanRead
        ]
    );
    let named =
        |hop: usize, control: &str| p.hops[hop].findings.iter().any(|f| f.control_id == control);
    assert!(
        named(0, "ec2_instance_port_ssh_exposed_to_internet"),
        "{:#?}",
        p.hops[0]
    );
    assert!(named(
        0,
        "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"
    ));
    assert!(named(1, "ec2_instance_imdsv2_enabled"), "{:#?}", p.hops[1]);
    assert!(!p
        .findings
        .iter()
        .any(|f| f.control_id.contains("monitoring")));
    // The key is reached too (decrypt), at a lower band.
    let key_path = path_to(&report, INTERNET, KEY).expect("path to the key");
    assert!(key_path.severity > Band::Critical);
    // Fixing the SSH exposure or the metadata service removes the bucket's path.
    let fixes: Vec<&str> = report
        .fix_first
        .iter()
        .map(|f| f.finding.control_id.as_str())
        .collect();
    assert!(
        fixes.contains(&"ec2_instance_port_ssh_exposed_to_internet"),
        "{fixes:?}"
    );
    assert!(report.fix_first[0].removes_score >= p.score);
}

#[test]
fn case_3_the_instance_in_the_unrouted_subnet_has_no_path() {
    let (graph, report) = case_one_in("subnet-b", "optional");
    assert!(
        !graph.edges.iter().any(|e| e.kind == EdgeKind::Reaches),
        "{:#?}",
        graph.edges
    );
    assert!(report.paths.is_empty(), "{report:#?}");
}

#[test]
fn case_2_imdsv2_drops_the_path_a_band() {
    let (_, v1) = case_one("optional");
    let (_, v2) = case_one("required");
    let before = path_to(&v1, INTERNET, BUCKET).unwrap();
    let after = path_to(&v2, INTERNET, BUCKET).unwrap();
    assert_eq!(before.severity, Band::Critical);
    assert_eq!(after.severity, Band::High, "{after:#?}");
    assert!(after.score < before.score);
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let (g1, r1) = case_one("optional");
    let (g2, r2) = case_one("optional");
    assert_eq!(to_json(&g1), to_json(&g2));
    assert_eq!(to_dot(&g1), to_dot(&g2));
    assert_eq!(to_mermaid(&g1), to_mermaid(&g2));
    assert_eq!(
        serde_json::to_string(&r1).unwrap(),
        serde_json::to_string(&r2).unwrap()
    );
}

#[test]
fn reading_a_bucket_encrypted_with_a_customer_key_takes_decrypt_on_it() {
    let no_decrypt = role(
        ROLE,
        "app",
        service_trust("ec2.amazonaws.com"),
        json!([
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": format!("{BUCKET}/*")},
        ]),
        &[PROFILE],
    );
    let resources = vec![
        instance("optional"),
        no_decrypt,
        bucket(Value::Null, Value::Null),
        key(),
    ];
    let graph = build_with_entries(&resources, &[], &[ssh_entry()], &Options::default()).unwrap();
    assert!(
        !graph
            .edges
            .iter()
            .any(|e| e.to == BUCKET && e.kind == EdgeKind::CanRead),
        "{:#?}",
        graph.edges
    );
    let (graph, _) = case_one("optional");
    let read = graph
        .edges
        .iter()
        .find(|e| e.to == BUCKET && e.kind == EdgeKind::CanRead)
        .unwrap();
    assert!(
        read.evidence
            .iter()
            .any(|e| e.contains("decrypts with the bucket's key")),
        "{read:#?}"
    );
}

#[test]
fn a_bucket_read_without_the_key_policy_delegating_gives_no_decrypt() {
    let mut k = key();
    k.attributes["policy"] = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:role/other"}, "Action": "kms:*", "Resource": "*"}]});
    let resources = vec![
        instance("optional"),
        reader_role(),
        bucket(Value::Null, Value::Null),
        k,
    ];
    let graph = build_with_entries(&resources, &[], &[ssh_entry()], &Options::default()).unwrap();
    assert!(
        !graph.edges.iter().any(|e| e.kind == EdgeKind::CanDecrypt),
        "{:#?}",
        graph.edges
    );
}

fn function(auth: &str, role_arn: &str) -> Resource {
    resource(
        FUNCTION,
        "AWS::Lambda::Function",
        "f",
        "us-east-1",
        json!({
            "FunctionName": "f", "FunctionArn": FUNCTION, "Role": role_arn,
            "function_url": {"FunctionUrl": "https://abc.lambda-url.us-east-1.on.aws/", "AuthType": auth},
            "policy": {"Statement": [{"Sid": "FunctionURLAllowPublicAccess", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl", "Resource": FUNCTION, "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": auth}}}]},
            "in_vpc": false,
        }),
    )
}

fn writer_role() -> Resource {
    role(
        ROLE,
        "app",
        service_trust("lambda.amazonaws.com"),
        json!([
            {"Effect": "Allow", "Action": "s3:PutObject", "Resource": format!("{BUCKET}/*")},
        ]),
        &[],
    )
}

#[test]
fn case_6_function_url_without_auth_whose_role_writes_the_bucket() {
    let resources = vec![
        function("NONE", ROLE),
        writer_role(),
        bucket(Value::Null, Value::Null),
    ];
    let graph = build(&resources, &[], &Options::default()).unwrap();
    let report = attack_paths(&graph);
    let p = path_to(&report, INTERNET, BUCKET).unwrap_or_else(|| panic!("{graph:#?}"));
    assert_eq!(hop_nodes(p), vec![INTERNET, FUNCTION, ROLE, BUCKET]);
    assert_eq!(p.hops.last().unwrap().kind, EdgeKind::CanWrite);

    let resources = vec![
        function("AWS_IAM", ROLE),
        writer_role(),
        bucket(Value::Null, Value::Null),
    ];
    let graph = build(&resources, &[], &Options::default()).unwrap();
    assert!(attack_paths(&graph).paths.is_empty(), "{graph:#?}");
}

#[test]
fn case_7_public_bucket_policy_unless_the_account_restricts_public_buckets() {
    let policy = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": format!("{BUCKET}/*")}]});
    let findings = vec![finding("s3_bucket_public_access", BUCKET)];
    let open = vec![bucket(
        policy.clone(),
        json!({"RestrictPublicBuckets": false}),
    )];
    let graph = build_with_entries(&open, &findings, &[], &Options::default()).unwrap();
    let report = attack_paths(&graph);
    let p = path_to(&report, INTERNET, BUCKET).expect("anonymous path");
    assert_eq!(p.hops.len(), 1);
    assert_eq!(p.hops[0].kind, EdgeKind::AnonymousAccess);
    assert_eq!(p.findings[0].control_id, "s3_bucket_public_access");

    let blocked = vec![bucket(policy, json!({"RestrictPublicBuckets": true}))];
    let graph = build_with_entries(&blocked, &findings, &[], &Options::default()).unwrap();
    assert!(attack_paths(&graph).paths.is_empty());
}

fn admin_role(trust: Value) -> Resource {
    role(
        ADMIN_ROLE,
        "admin",
        trust,
        json!([{"Effect": "Allow", "Action": "*", "Resource": "*"}]),
        &[],
    )
}

fn assuming_role() -> Resource {
    role(
        ROLE,
        "app",
        service_trust("ec2.amazonaws.com"),
        json!([
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": ADMIN_ROLE},
        ]),
        &[PROFILE],
    )
}

fn case_eight(trust: Value) -> PathReport {
    let resources = vec![instance("optional"), assuming_role(), admin_role(trust)];
    let graph = build_with_entries(&resources, &[], &[ssh_entry()], &Options::default()).unwrap();
    attack_paths(&graph)
}

#[test]
fn case_8_the_path_continues_through_an_assumable_admin_role() {
    let own_account = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": ROOT}, "Action": "sts:AssumeRole"}]});
    let report = case_eight(own_account);
    let p = path_to(&report, INTERNET, ROOT).unwrap_or_else(|| panic!("{report:#?}"));
    assert_eq!(
        hop_nodes(p),
        vec![INTERNET, INSTANCE, PROFILE, ROLE, ADMIN_ROLE, ROOT]
    );
    assert_eq!(p.hops[3].kind, EdgeKind::CanAssume);
    assert_eq!(p.hops[4].kind, EdgeKind::CanAdmin);
    assert!(path_to(&report, ANY_AWS_PRINCIPAL, ROOT).is_none());
}

#[test]
fn case_8_a_trust_policy_naming_another_account_stops_it() {
    let other = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"}, "Action": "sts:AssumeRole"}]});
    let report = case_eight(other);
    assert!(path_to(&report, INTERNET, ROOT).is_none(), "{report:#?}");
}

#[test]
fn case_8_a_trust_open_to_everyone_is_a_path_from_any_aws_principal() {
    let open = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]});
    let report = case_eight(open);
    let p = path_to(&report, ANY_AWS_PRINCIPAL, ROOT).unwrap_or_else(|| panic!("{report:#?}"));
    assert_eq!(hop_nodes(p), vec![ANY_AWS_PRINCIPAL, ADMIN_ROLE, ROOT]);
    // A condition pinning the caller's account closes it to other accounts.
    let pinned = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalAccount": ACCOUNT}}}]});
    let report = case_eight(pinned);
    assert!(path_to(&report, ANY_AWS_PRINCIPAL, ROOT).is_none());
    assert!(
        path_to(&report, INTERNET, ROOT).is_some(),
        "the account's own role still assumes it"
    );
}

#[test]
fn the_crown_jewel_option_replaces_the_default_targets() {
    let resources = vec![
        instance("optional"),
        reader_role(),
        bucket(Value::Null, Value::Null),
        key(),
    ];
    let mut b = resources.clone();
    b[2].tags.clear();
    let options = Options {
        crown_jewel: Some(regex::Regex::new("key/").unwrap()),
    };
    let graph = build_with_entries(&b, &[], &[ssh_entry()], &options).unwrap();
    let jewels: Vec<&str> = graph
        .nodes
        .iter()
        .filter(|n| n.crown_jewel.is_some())
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(jewels, vec![KEY]);
}

/// Every role can assume every other one: paths stay at most MAX_HOPS long and the
/// search ends (it never enumerates the factorially many paths).
#[test]
fn a_fully_connected_iam_graph_keeps_paths_bounded() {
    let n = 40;
    let arn = |i: usize| format!("arn:aws:iam::111111111111:role/r{i}");
    let trust = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": ROOT}, "Action": "sts:AssumeRole"}]});
    let mut resources: Vec<Resource> = (0..n)
        .map(|i| {
            role(
                &arn(i),
                &format!("r{i}"),
                trust.clone(),
                json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]),
                &[],
            )
        })
        .collect();
    // r0 is open to everyone, r{n-1} reads the bucket.
    resources[0].attributes["AssumeRolePolicyDocument"] =
        json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]});
    resources[n - 1].attributes["inline_policies"][0]["PolicyDocument"]["Statement"]
        .as_array_mut()
        .unwrap()
        .push(json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}));
    resources.push(bucket(Value::Null, Value::Null));
    let graph = build_with_entries(&resources, &[], &[], &Options::default()).unwrap();
    assert_eq!(
        graph
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::CanAssume)
            .count(),
        n * (n - 1) + 1
    );
    let report = attack_paths(&graph);
    let p = path_to(&report, ANY_AWS_PRINCIPAL, BUCKET).unwrap();
    assert_eq!(
        hop_nodes(p),
        vec![
            ANY_AWS_PRINCIPAL,
            arn(0).as_str(),
            arn(n - 1).as_str(),
            BUCKET
        ]
    );
    assert!(report.paths.iter().all(|p| p.hops.len() <= MAX_HOPS));
}

#[test]
fn attributes_the_scan_left_out_or_could_not_read_are_named() {
    let mut b = bucket(Value::Null, Value::Null);
    b.attributes.as_object_mut().unwrap().remove("policy");
    let mut k = key();
    k.attributes["policy"] = Value::Null;
    k.attributes["errors"] = json!({"policy": "AccessDenied: kms:GetKeyPolicy"});
    let graph = build_with_entries(&[b, k], &[], &[], &Options::default()).unwrap();
    assert_eq!(graph.notes.len(), 2, "{:?}", graph.notes);
    assert!(graph
        .notes
        .iter()
        .any(|n| n.contains("AWS::S3::Bucket `policy` was not collected")));
    assert!(graph
        .notes
        .iter()
        .any(|n| n.contains("AWS::KMS::Key `policy` could not be read")));
    let (graph, _) = case_one("optional");
    assert!(graph.notes.is_empty(), "{:?}", graph.notes);
}
