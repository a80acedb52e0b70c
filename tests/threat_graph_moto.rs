//! The Threat Graph end to end (issue 21): resources seeded into moto_server, a real
//! `parapet scan` into SQLite, then `parapet paths`, `parapet graph` and `parapet report
//! --format html` read it back.
//!
//! Covered here: the instance cases 1-4 (an instance with a public address in a subnet
//! routed to an attached internet gateway, a security group open to the internet on SSH,
//! its instance profile's role reading a bucket, decrypting its key and reading a secret
//! is a path, scored by its metadata service setting; the same without the gateway
//! route, with the group open to 10.0.0.0/8 only, behind a NACL denying 22 first or
//! denying the ephemeral ports outbound, with a role granted nothing on the data, or on a
//! bucket whose key the role may not use, is not), case 6 (a function URL with auth NONE
//! whose role writes a bucket is a path; the same with AWS_IAM auth is not) and case 7 (a
//! bucket policy open to everyone is a path from the internet); the HTML report's
//! threat-path section as headless Chromium parses it. Not here: case 8 (role chains) is
//! in the unit tests, moto stores trust policies but does nothing the graph reads
//! differently from a hand-built role document; case 5 needs `fronts` edges, which wait
//! for load-balancer targets to be collected; case 9 needs the serverless rebuild of the
//! graph after events, not built yet (docs/threat-graph.md, next steps).

use crate::support;
use support::*;

const SEED: &str = r#"
import json, sys, boto3
url = sys.argv[1]
c = lambda name: boto3.client(name, endpoint_url=url, region_name="us-east-1")
doc = lambda *st: json.dumps({"Version": "2012-10-17", "Statement": list(st)})

s3 = c("s3")
for bucket in ["tg-jewel", "tg-other", "tg-public"]:
    s3.create_bucket(Bucket=bucket)
s3.put_bucket_policy(Bucket="tg-public", Policy=doc(
    {"Sid": "anyone-reads", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::tg-public/*"}))

iam = c("iam")
trust = doc({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"})
def writer(name, bucket):
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName="write", PolicyDocument=doc(
        {"Effect": "Allow", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/*"}))
    return arn

aws_lambda = c("lambda")
code = {"ZipFile": b"PK\x05\x06" + b"\x00" * 18}
for name, auth, bucket in [("tg-open", "NONE", "tg-jewel"), ("tg-signed", "AWS_IAM", "tg-other")]:
    aws_lambda.create_function(FunctionName=name, Runtime="python3.12", Role=writer(f"{name}-role", bucket),
                               Handler="app.handler", Code=code)
    aws_lambda.create_function_url_config(FunctionName=name, AuthType=auth)
    if auth == "NONE":
        # What the console adds with auth NONE: anyone may invoke the URL.
        aws_lambda.add_permission(FunctionName=name, StatementId="FunctionURLAllowPublicAccess",
                                  Action="lambda:InvokeFunctionUrl", Principal="*",
                                  FunctionUrlAuthType="NONE")
"#;

const ACCOUNT: &str = "123456789012";

fn path_nodes(p: &serde_json::Value) -> Vec<String> {
    let mut v = vec![p["source"].as_str().unwrap().to_string()];
    for h in p["hops"].as_array().unwrap() {
        v.push(h["to"].as_str().unwrap().to_string());
    }
    v
}

#[test]
fn a_scan_shows_the_function_url_path_and_the_public_bucket() {
    let moto = Moto::start();
    python(&["-c", SEED, &moto.url]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    scan_us_east_1_into(&moto, &db, &[]);
    let db = db.to_str().unwrap();

    let out = parapet(&["paths", "--format", "json", "--db", db]);
    assert!(out.status.success(), "paths failed: {}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let paths = report["paths"].as_array().unwrap();
    let find = |target: &str| {
        paths
            .iter()
            .find(|p| p["source"] == "internet" && p["target"] == target)
    };

    let function = format!("arn:aws:lambda:us-east-1:{ACCOUNT}:function:tg-open");
    let role = format!("arn:aws:iam::{ACCOUNT}:role/tg-open-role");
    let open =
        find("arn:aws:s3:::tg-jewel").unwrap_or_else(|| panic!("no path to tg-jewel: {report:#}"));
    assert_eq!(
        path_nodes(open),
        vec![
            "internet".to_string(),
            function,
            role,
            "arn:aws:s3:::tg-jewel".into()
        ]
    );
    assert_eq!(open["hops"][0]["kind"], "reaches");
    assert_eq!(open["hops"][2]["kind"], "can_write");
    assert_eq!(open["severity"], "critical", "{open:#}");
    // The URL's finding is what opens the first hop.
    assert!(
        open["hops"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["control_id"] == "awslambda_function_url_public"),
        "{open:#}"
    );

    // AWS_IAM auth: the other bucket has no path.
    assert!(find("arn:aws:s3:::tg-other").is_none(), "{report:#}");

    let public = find("arn:aws:s3:::tg-public")
        .unwrap_or_else(|| panic!("no path to tg-public: {report:#}"));
    assert_eq!(public["hops"].as_array().unwrap().len(), 1);
    assert_eq!(public["hops"][0]["kind"], "anonymous_access");

    // The same store, read twice: byte-identical.
    let again = parapet(&["paths", "--format", "json", "--db", db]);
    assert_eq!(stdout(&out), stdout(&again));
    let critical = parapet(&[
        "paths",
        "--min-severity",
        "critical",
        "--format",
        "json",
        "--db",
        db,
    ]);
    let critical: serde_json::Value = serde_json::from_str(&stdout(&critical)).unwrap();
    assert!(critical["paths"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["severity"] == "critical"));

    let table = parapet(&["paths", "--db", db]);
    assert!(table.status.success(), "paths (table): {}", stderr(&table));
    let table = stdout(&table);
    assert!(
        table.lines().any(|l| l.starts_with("critical")
            && l.contains("tg-open -[runs_as]-> tg-open-role -[can_write]-> tg-jewel")),
        "{table}"
    );
    assert!(table.contains("Fix first"), "{table}");

    for (format, marker) in [
        ("dot", "digraph threat_graph"),
        ("mermaid", "flowchart LR"),
        ("json", "\"edges\""),
    ] {
        let g = parapet(&["graph", "--format", format, "--db", db]);
        assert!(
            g.status.success(),
            "graph --format {format}: {}",
            stderr(&g)
        );
        assert!(stdout(&g).contains(marker), "{format}: {}", stdout(&g));
    }
}

/// One VPC with an attached internet gateway: a public subnet routed to it, a private
/// one on the main table (local route only). Five instances with a public address, each
/// with its own instance profile and role, each role reading its own bucket (`open` also
/// a secret), so every variant has a target only it can reach. The open instance's
/// profile and role have an IAM path of markup (AWS allows any printable character but
/// space there): the report must show it as text.
const INSTANCE_SEED: &str = r#"
import json, sys, boto3
url = sys.argv[1]
c = lambda name: boto3.client(name, endpoint_url=url, region_name="us-east-1")
doc = lambda *st: json.dumps({"Version": "2012-10-17", "Statement": list(st)})
ec2, s3, iam = c("ec2"), c("s3"), c("iam")
vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
subnet = lambda cidr: ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
public, private = subnet("10.30.1.0/24"), subnet("10.30.2.0/24")
deny22, noephemeral = subnet("10.30.3.0/24"), subnet("10.30.4.0/24")
rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
ec2.create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
for s in (public, deny22, noephemeral):
    ec2.associate_route_table(RouteTableId=rt, SubnetId=s)
# Two routed subnets whose NACL stops SSH: a deny of port 22 numbered before an allow of
# everything, and replies to the ephemeral ports denied on the way out.
def nacl(subnet, inbound, outbound):
    acl = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
    for egress, rules in ((False, inbound), (True, outbound)):
        for number, action, protocol, ports in rules:
            ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=number, Protocol=protocol,
                RuleAction=action, Egress=egress, CidrBlock="0.0.0.0/0", PortRange=ports)
    current = [a for n in ec2.describe_network_acls()["NetworkAcls"] for a in n["Associations"]
               if a["SubnetId"] == subnet][0]
    ec2.replace_network_acl_association(AssociationId=current["NetworkAclAssociationId"], NetworkAclId=acl)
everything = (200, "allow", "-1", {"From": 0, "To": 65535})
nacl(deny22, [(100, "deny", "6", {"From": 22, "To": 22}), everything], [everything])
nacl(noephemeral, [everything], [(100, "deny", "6", {"From": 1024, "To": 65535}), everything])
def ssh_from(name, cidr):
    g = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=g, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": cidr}]}])
    return g
world, internal = ssh_from("tgi-ssh-world", "0.0.0.0/0"), ssh_from("tgi-ssh-internal", "10.0.0.0/8")
trust = doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
def profile(name, *statements, path="/"):
    iam.create_role(RoleName=name, Path=path, AssumeRolePolicyDocument=trust)
    iam.put_role_policy(RoleName=name, PolicyName="app", PolicyDocument=doc(*statements))
    iam.create_instance_profile(InstanceProfileName=name, Path=path)
    iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)
    return name
def reads(bucket):
    s3.create_bucket(Bucket=bucket)
    return {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}
kms = c("kms")
def encrypted(bucket):
    key = kms.create_key(Description=f"{bucket} data")["KeyMetadata"]["Arn"]
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}]})
    return key
secret = c("secretsmanager").create_secret(Name="tgi-secret", SecretString="not-a-real-secret")["ARN"]
ids = {}
def instance(key, subnet, group, prof, tokens="optional"):
    ids[key] = ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "Groups": [group], "AssociatePublicIpAddress": True}],
        IamInstanceProfile={"Name": prof}, MetadataOptions={"HttpTokens": tokens, "HttpEndpoint": "enabled"},
        )["Instances"][0]["InstanceId"]
# The open role reads tgi-jewel and decrypts its key; it may read tgi-locked-jewel too,
# but not decrypt that bucket's key: no read of its objects.
jewel_read, locked_read = reads("tgi-jewel"), reads("tgi-locked-jewel")
jewel_key, _ = encrypted("tgi-jewel"), encrypted("tgi-locked-jewel")
instance("open", public, world, profile("tgi-open", jewel_read, locked_read,
    {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": jewel_key},
    {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": secret}, path=sys.argv[2]))
ids["jewel_key"] = jewel_key
instance("v2", public, world, profile("tgi-v2", reads("tgi-v2-jewel")), tokens="required")
instance("noroute", private, world, profile("tgi-noroute", reads("tgi-noroute-jewel")))
instance("closed", public, internal, profile("tgi-closed", reads("tgi-closed-jewel")))
instance("deny22", deny22, world, profile("tgi-deny22", reads("tgi-deny22-jewel")))
instance("noephemeral", noephemeral, world, profile("tgi-noephemeral", reads("tgi-noephemeral-jewel")))
s3.create_bucket(Bucket="tgi-noperm-jewel")
instance("noperm", public, world, profile("tgi-noperm",
    {"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*"}))
print(json.dumps(ids))
"#;

/// The IAM path of the open instance's profile and role.
const HOSTILE_PATH: &str = "/<b>\"app\"&co</b>/";

/// The instance account seeded and scanned: (instance ids by key, store dir, db path).
fn scanned_instances() -> (
    Moto,
    serde_json::Value,
    tempfile::TempDir,
    std::path::PathBuf,
) {
    let moto = Moto::start();
    let ids =
        serde_json::from_str(&python(&["-c", INSTANCE_SEED, &moto.url, HOSTILE_PATH])).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    scan_us_east_1_into(&moto, &db, &[]);
    (moto, ids, dir, db)
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = parapet(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn control_ids(v: &serde_json::Value) -> Vec<&str> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["control_id"].as_str())
        .collect()
}

#[test]
fn an_open_instance_leads_to_what_its_role_reads_and_each_closed_variant_does_not() {
    let (_moto, ids, _dir, db) = scanned_instances();
    let db = db.to_str().unwrap();
    let report = json_of(&["paths", "--format", "json", "--db", db]);
    let paths = report["paths"].as_array().unwrap();
    let find = |bucket: &str| {
        paths
            .iter()
            .find(|p| p["source"] == "internet" && p["target"] == bucket)
    };
    let instance = |key: &str| {
        format!(
            "arn:aws:ec2:us-east-1:{ACCOUNT}:instance/{}",
            ids[key].as_str().unwrap()
        )
    };
    let identity = |kind: &str, name: &str| {
        let path = if name == "tgi-open" {
            HOSTILE_PATH
        } else {
            "/"
        };
        format!("arn:aws:iam::{ACCOUNT}:{kind}{path}{name}")
    };

    let open = find("arn:aws:s3:::tgi-jewel")
        .unwrap_or_else(|| panic!("no path to tgi-jewel: {report:#}"));
    assert_eq!(
        path_nodes(open),
        vec![
            "internet".to_string(),
            instance("open"),
            identity("instance-profile", "tgi-open"),
            identity("role", "tgi-open"),
            "arn:aws:s3:::tgi-jewel".into()
        ]
    );
    let kinds: Vec<&str> = open["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["reaches", "runs_as", "runs_as", "can_read"]);
    // SSH open to the world (0.9), IMDSv1 (0.9), read (impact 0.6): 48.6, critical.
    assert_eq!(open["score"], 48.6, "{open:#}");
    assert_eq!(open["severity"], "critical");
    // The findings that open each hop: the group's port 22 rule on the way in, the
    // optional session token on the way to the role; the role's grant is no failure.
    assert!(
        control_ids(&open["hops"][0]["findings"])
            .contains(&"ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"),
        "{open:#}"
    );
    assert_eq!(
        control_ids(&open["hops"][1]["findings"]),
        ["ec2_instance_imdsv2_enabled"],
        "{open:#}"
    );
    assert!(open["hops"][3]["findings"].is_null(), "{open:#}");
    let secret = paths
        .iter()
        .find(|p| {
            p["source"] == "internet"
                && p["target"].as_str().unwrap().contains(":secret:tgi-secret")
        })
        .unwrap_or_else(|| panic!("no path to the secret: {report:#}"));
    assert_eq!(path_nodes(secret)[1], instance("open"));
    assert_eq!(secret["score"], 48.6);

    // Session tokens required: the same path, but the credentials need code execution.
    let v2 = find("arn:aws:s3:::tgi-v2-jewel").unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(path_nodes(v2)[1], instance("v2"));
    assert_eq!(v2["hops"][1]["likelihood"], 0.5);
    assert_eq!(v2["score"], 27.0);
    assert_eq!(v2["severity"], "high");

    // The key of tgi-jewel, decrypted by the role: a path of its own (impact 0.4).
    let key = ids["jewel_key"].as_str().unwrap();
    let decrypt = find(key).unwrap_or_else(|| panic!("no path to the key: {report:#}"));
    assert_eq!(path_nodes(decrypt)[1], instance("open"));
    assert_eq!(decrypt["hops"][3]["kind"], "can_decrypt");
    assert_eq!(decrypt["score"], 32.4);

    // No route to the gateway, SSH open to 10.0.0.0/8 only, a NACL denying 22 before it
    // allows everything, a NACL denying the replies' ephemeral ports, a role granted
    // nothing on the data, a bucket whose key the role may not use: no path to them.
    for bucket in [
        "tgi-noroute-jewel",
        "tgi-closed-jewel",
        "tgi-deny22-jewel",
        "tgi-noephemeral-jewel",
        "tgi-noperm-jewel",
        "tgi-locked-jewel",
    ] {
        assert!(
            find(&format!("arn:aws:s3:::{bucket}")).is_none(),
            "{bucket}: {report:#}"
        );
    }
    // And for the reason each variant was made: the graph holds every other edge.
    let graph = json_of(&["graph", "--format", "json", "--db", db]);
    let edge = |from: &str, to: &str, kind: &str| {
        graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["from"] == from && e["to"] == to && e["kind"] == kind)
    };
    for key in ["noroute", "closed", "deny22", "noephemeral"] {
        assert!(!edge("internet", &instance(key), "reaches"), "{key}");
        let role = identity("role", &format!("tgi-{key}"));
        let bucket = format!("arn:aws:s3:::tgi-{key}-jewel");
        assert!(edge(&role, &bucket, "can_read"), "{key}: {graph:#}");
        let profile = identity("instance-profile", &format!("tgi-{key}"));
        assert!(edge(&instance(key), &profile, "runs_as"), "{key}");
    }
    assert!(edge("internet", &instance("noperm"), "reaches"));
    assert!(edge(
        &instance("noperm"),
        &identity("instance-profile", "tgi-noperm"),
        "runs_as"
    ));
    let open_role = identity("role", "tgi-open");
    assert!(edge(&open_role, "arn:aws:s3:::tgi-jewel", "can_read"));
    assert!(!edge(
        &open_role,
        "arn:aws:s3:::tgi-locked-jewel",
        "can_read"
    ));
    let noperm_role = identity("role", "tgi-noperm");
    assert!(
        !graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["from"] == noperm_role.as_str() && e["kind"] != "runs_as"),
        "{graph:#}"
    );
    // Every instance was judged from what the scan collected.
    assert_eq!(report["notes"], serde_json::json!([]), "{report:#}");

    // `report --threat-paths`: the findings on the paths first, by path score.
    let on_paths: std::collections::BTreeSet<(String, String)> = paths
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap())
        .map(|f| (f["control_id"].to_string(), f["resource_arn"].to_string()))
        .collect();
    let ranked = failing_lines(&["report", "--threat-paths", "--db", db]);
    let columns: Vec<Option<f64>> = ranked
        .iter()
        .map(|l| l.split_whitespace().next().unwrap().parse().ok())
        .collect();
    let scored = columns.iter().take_while(|c| c.is_some()).count();
    assert_eq!(scored, on_paths.len(), "{ranked:#?}");
    assert!(columns[scored..].iter().all(Option::is_none), "{ranked:#?}");
    assert!(
        columns[..scored].windows(2).all(|w| w[0] >= w[1]),
        "{ranked:#?}"
    );
    assert_eq!(columns[0], Some(48.6));
    let imds = |id: &str| {
        ranked
            .iter()
            .find(|l| l.contains("ec2_instance_imdsv2_enabled") && l.contains(id))
            .unwrap()
            .trim_start()
            .to_string()
    };
    assert!(imds(ids["open"].as_str().unwrap()).starts_with("48.6 "));
    assert!(imds(ids["noroute"].as_str().unwrap()).starts_with("- "));
    // The same failing findings as the plain table, reordered.
    let plain = failing_lines(&["report", "--db", db]);
    let unranked = |lines: &[String]| {
        let mut v: Vec<String> = lines
            .iter()
            .map(|l| l.trim_start().split_once("  ").unwrap().1.to_string())
            .collect();
        v.sort();
        v
    };
    let mut plain_sorted: Vec<String> = plain.iter().map(|l| l.trim_start().to_string()).collect();
    plain_sorted.sort();
    assert_eq!(unranked(&ranked), plain_sorted);
}

/// The lines of the table's failing findings (after its heading and note, to the blank
/// line that ends them).
fn failing_lines(args: &[&str]) -> Vec<String> {
    let out = parapet(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
        .lines()
        .skip_while(|l| !l.starts_with("Failing findings ("))
        .skip(1)
        .filter(|l| !l.starts_with("  PATH: "))
        .take_while(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The value of attribute `name` of each element whose opening tag starts with `tag`
/// and has it, in document order, the serialization's entities decoded. Reads the tag's
/// attributes one by one: the serializer always writes `name="value"` with `"` escaped.
fn attribute_values(dom: &str, tag: &str, name: &str) -> Vec<String> {
    let decode = |v: &str| {
        v.replace("&gt;", ">")
            .replace("&lt;", "<")
            .replace("&quot;", "\"")
            .replace("&nbsp;", "\u{a0}")
            .replace("&amp;", "&")
    };
    let mut found = Vec::new();
    for mut rest in dom.split(tag).skip(1) {
        while let Some((attribute, after)) = rest.trim_start().split_once("=\"") {
            if attribute.contains(['>', ' ']) {
                break;
            }
            let Some((value, after)) = after.split_once('"') else {
                break;
            };
            if attribute == name {
                found.push(decode(value));
            }
            rest = after;
        }
    }
    found
}

#[test]
fn the_html_report_lists_the_paths_of_parapet_paths_in_headless_chromium() {
    let (_moto, ids, dir, db) = scanned_instances();
    let db = db.to_str().unwrap();
    let page = dir.path().join("report.html");
    let out = parapet(&[
        "report",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
        "--db",
        db,
    ]);
    assert!(out.status.success(), "report: {}", stderr(&out));
    let raw = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing to run, nothing fetched.
    for element in ["<script", "<link", "<iframe", "<img", " src="] {
        assert!(!raw.contains(element), "{element} in the page");
    }
    // The role's IAM path is markup: written escaped, in text and in attributes.
    assert!(!raw.contains(HOSTILE_PATH), "the IAM path written as is");
    assert!(raw.contains("/&lt;b&gt;&quot;app&quot;&amp;co&lt;/b&gt;/tgi-open"));
    let dom = headless_chromium(&page, &["--dump-dom"]);
    let section = dom
        .split("<section id=\"threat-paths\">")
        .nth(1)
        .unwrap_or_else(|| panic!("no threat-path section after parsing"));
    let section = section.split("</section>").next().unwrap();
    assert!(
        !section.contains("<b>\"app"),
        "markup from the account was parsed"
    );
    // Parsed back, the title of the role's hop is its ARN, path and all.
    let role = format!("arn:aws:iam::{ACCOUNT}:role{HOSTILE_PATH}tgi-open");
    assert!(
        attribute_values(section, "<span", "title").contains(&role),
        "{section}"
    );

    // The same paths as `parapet paths`, in its order (highest score first).
    let report = json_of(&["paths", "--format", "json", "--db", db]);
    let expected: Vec<(String, String)> = report["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                format!("{:.1}", p["score"].as_f64().unwrap()),
            )
        })
        .collect();
    let shown: Vec<(String, String)> = attribute_values(section, "<tr class=\"path\"", "data-path")
        .into_iter()
        .zip(attribute_values(
            section,
            "<tr class=\"path\"",
            "data-score",
        ))
        .collect();
    assert_eq!(shown, expected);
    let targets: Vec<&str> = shown
        .iter()
        .map(|(id, _)| id.trim_start_matches("internet -> "))
        .collect();
    assert_eq!(targets.len(), 4, "{targets:?}");
    assert_eq!(targets[0], "arn:aws:s3:::tgi-jewel");
    assert!(targets[1].contains(":secret:tgi-secret"), "{targets:?}");
    assert_eq!(targets[2], ids["jewel_key"]);
    assert_eq!(targets[3], "arn:aws:s3:::tgi-v2-jewel");
    let scores: Vec<f64> = shown.iter().map(|(_, s)| s.parse().unwrap()).collect();
    assert_eq!(scores, [48.6, 48.6, 32.4, 27.0]);
    // Each hop lists the findings that open it: the jewel's row names the metadata
    // service finding on the open instance.
    let jewel_row = section
        .split("<tr class=\"path\"")
        .skip(1)
        .find(|row| row.contains("tgi-jewel\""))
        .unwrap();
    let open = format!("instance/{}", ids["open"].as_str().unwrap());
    assert!(
        jewel_row.contains("<code>ec2_instance_imdsv2_enabled</code>"),
        "{jewel_row}"
    );
    assert!(jewel_row.contains(&open), "{jewel_row}");
    assert!(
        jewel_row.contains("tcp/22 from 0.0.0.0/0"),
        "the entry's port: {jewel_row}"
    );
    assert!(section.contains("<h3>Fix first</h3>"));

    // The picture: the internet on the left, the open instance next, the jewels on the
    // right; each box links to its first path's row.
    let boxes: Vec<(String, i64)> = attribute_values(section, "<rect class=\"node\"", "data-node")
        .into_iter()
        .zip(
            attribute_values(section, "<rect class=\"node\"", "x")
                .iter()
                .map(|x| x.parse().unwrap()),
        )
        .collect();
    let x_of = |id: &str| {
        boxes
            .iter()
            .find(|(node, _)| node == id)
            .unwrap_or_else(|| panic!("no box for {id}: {boxes:?}"))
            .1
    };
    let jewel = x_of("arn:aws:s3:::tgi-jewel");
    let (internet, instance) = (
        x_of("internet"),
        x_of(&format!("arn:aws:ec2:us-east-1:{ACCOUNT}:{open}")),
    );
    assert!(internet < instance && instance < jewel, "{boxes:?}");
    assert_eq!(x_of(ids["jewel_key"].as_str().unwrap()), jewel);
    assert_eq!(x_of("arn:aws:s3:::tgi-v2-jewel"), jewel);
    // Painted where the page says: the internet's box and the jewels' boxes, in their
    // colours (used nowhere else on the page), as far apart as their x.
    let shot = dir.path().join("page.png");
    headless_chromium(
        &page,
        &[
            "--window-size=1280,3000",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    const SOURCE: &str = "#a40e26";
    const JEWEL: &str = "#fbe9e9";
    let runs: serde_json::Value = serde_json::from_str(&python(&[
        "tests/support/png_runs.py",
        shot.to_str().unwrap(),
        SOURCE,
        JEWEL,
    ]))
    .unwrap();
    let (source_x, source_len) = (
        runs[SOURCE][1].as_i64().unwrap(),
        runs[SOURCE][2].as_i64().unwrap(),
    );
    let (jewel_x, jewel_len) = (
        runs[JEWEL][1].as_i64().unwrap(),
        runs[JEWEL][2].as_i64().unwrap(),
    );
    assert!(
        source_len >= 150 && jewel_len >= 150,
        "boxes not painted: {runs}"
    );
    assert!(
        ((jewel_x - source_x) - (jewel - internet)).abs() <= 2,
        "painted {source_x} and {jewel_x}, the page says {internet} and {jewel}: {runs}"
    );
}
