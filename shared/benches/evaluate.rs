//! Control evaluation benchmark: the whole CIS AWS 3.0 catalog over a few thousand
//! synthetic resources of every type it evaluates. Prints start-up cost (load, validate,
//! compile the catalog, today and at five times its size) and the cost of one control
//! evaluation on one resource: (time to evaluate all controls of a resource) / (their
//! number), median and p90 over the resources, plus the median per resource type.
//!
//!     cargo bench -p parapet --no-default-features --bench evaluate
//!
//! (`PARAPET_BENCH_PATTERN_CACHE=0` to measure without regorus's compiled-pattern cache.)

use parapet::controls::{Catalog, Evaluator, SourceFile};
use parapet::model::Resource;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Instant;

fn templates() -> Vec<(&'static str, Value)> {
    let user = |pw: bool, mfa: bool| {
        json!({"UserName": "u", "credential": {"password_enabled": pw, "mfa_active": mfa, "password_last_used": "2026-10-01T00:00:00+00:00",
        "user_creation_time": "2025-01-01T00:00:00+00:00", "password_last_changed": "2025-01-01T00:00:00+00:00",
        "access_key_1_active": true, "access_key_1_last_rotated": "2025-06-01T00:00:00+00:00", "access_key_1_last_used_date": "2026-11-01T00:00:00+00:00",
        "access_key_2_active": false, "access_key_2_last_rotated": null, "access_key_2_last_used_date": null},
        "attached_policies": [], "inline_policies": [], "groups": ["g"]})
    };
    let sg = |cidr: &str, from: i64, to: i64| {
        json!({"GroupId": "sg-1", "GroupName": "web", "is_default": false, "attached_instances": 1,
        "IpPermissions": [{"IpProtocol": "tcp", "FromPort": from, "ToPort": to, "IpRanges": [{"CidrIp": cidr}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}],
        "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": [], "UserIdGroupPairs": []}]})
    };
    let nacl = |action: &str| {
        json!({"NetworkAclId": "acl-1", "IsDefault": false, "Entries": [
            {"RuleNumber": 100, "Protocol": "6", "RuleAction": action, "Egress": false, "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 22, "To": 22}},
            {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": false, "CidrBlock": "0.0.0.0/0"}]})
    };
    let instance = |tokens: &str| {
        json!({"InstanceId": "i-1", "State": {"Name": "running"}, "MetadataOptions": {"HttpTokens": tokens, "HttpEndpoint": "enabled"},
        "IamInstanceProfile": null, "EnclaveOptions": {"Enabled": false}, "CpuOptions": {"AmdSevSnp": null}, "SecurityGroups": [],
        "security_group_rules": []})
    };
    let bucket = |secure: bool| {
        let policy = if secure {
            json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})
        } else {
            Value::Null
        };
        json!({"policy": policy, "public_access_block": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": secure, "RestrictPublicBuckets": true},
        "encryption": {"rules": [{"SSEAlgorithm": "AES256"}]}, "versioning": {"Status": "Enabled", "MFADelete": "Disabled"}, "logging": null})
    };
    let trail = json!({"name": "t", "multi_region": true, "logging": true, "management_events": true, "s3_data_events": {"read": false, "write": true},
        "metric_filters": [{"name": "f", "pattern": "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") }", "alarms": [{"name": "a", "subscribed_topics": 1}]}]});
    vec![
        ("AWS::IAM::User", user(true, true)),
        ("AWS::IAM::User", user(true, false)),
        (
            "AWS::IAM::Policy",
            json!({"aws_managed": false, "AttachmentCount": 1, "document": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}),
        ),
        (
            "AWS::IAM::Policy",
            json!({"aws_managed": false, "AttachmentCount": 1, "document": {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}]}}),
        ),
        ("AWS::S3::Bucket", bucket(true)),
        ("AWS::S3::Bucket", bucket(false)),
        ("AWS::EC2::SecurityGroup", sg("0.0.0.0/0", 0, 65535)),
        ("AWS::EC2::SecurityGroup", sg("10.0.0.0/8", 443, 443)),
        ("AWS::EC2::NetworkAcl", nacl("allow")),
        ("AWS::EC2::NetworkAcl", nacl("deny")),
        ("AWS::EC2::Instance", instance("required")),
        ("AWS::EC2::Instance", instance("optional")),
        (
            "AWS::EC2::Volume",
            json!({"VolumeId": "vol-1", "Encrypted": false}),
        ),
        (
            "AWS::EC2::VPC",
            json!({"VpcId": "vpc-1", "flow_logs": [{"FlowLogStatus": "ACTIVE", "TrafficType": "ALL"}]}),
        ),
        (
            "AWS::KMS::Key",
            json!({"KeyManager": "CUSTOMER", "KeyState": "Enabled", "KeySpec": "SYMMETRIC_DEFAULT", "Origin": "AWS_KMS", "rotation_enabled": false}),
        ),
        (
            "AWS::RDS::DBInstance",
            json!({"StorageEncrypted": true, "AutoMinorVersionUpgrade": true, "PubliclyAccessible": false}),
        ),
        (
            "AWS::CloudTrail::Trail",
            json!({"LogFileValidationEnabled": true, "KmsKeyId": null, "bucket_logging": null}),
        ),
        (
            "Parapet::CloudTrail::AccountSettings",
            json!({"trails": [trail]}),
        ),
    ]
}

fn main() {
    // As the CLI and the worker run.
    parapet::allocator::return_freed_memory_promptly();
    // PARAPET_BENCH_PATTERN_CACHE=0 measures without regorus's compiled-pattern cache.
    if std::env::var("PARAPET_BENCH_PATTERN_CACHE").as_deref() == Ok("0") {
        regorus::cache::configure(regorus::cache::Config { regex: 0, glob: 0 });
    }
    let t0 = Instant::now();
    let full = Catalog::embedded().expect("catalog");
    let full_load = t0.elapsed();
    let (full_evaluator, full_compile) = start_up(&full);
    println!(
        "catalog: {} controls, {} frameworks; load {:.1} ms, evaluator {:.1} ms (the embedded catalog: its interpreter is built on first need), compile every fast program {:.1} ms (done lazily, per bucket of types, on first use)",
        full.controls.len(),
        full.frameworks.len(),
        full_load.as_secs_f64() * 1e3,
        full_evaluator.as_secs_f64() * 1e3,
        full_compile.as_secs_f64() * 1e3
    );
    let (scaled_controls, scaled_load, (scaled_evaluator, scaled_compile)) =
        scaled_start_up(&full, 5);
    println!(
        "start-up at the catalog's planned size: {scaled_controls} controls (the catalog 5 times over); load {:.1} ms, evaluator (not embedded: parse, validate) {:.1} ms, compile {:.1} ms",
        scaled_load.as_secs_f64() * 1e3,
        scaled_evaluator.as_secs_f64() * 1e3,
        scaled_compile.as_secs_f64() * 1e3
    );

    let synthetic: Vec<Resource> = templates()
        .into_iter()
        .cycle()
        .take(3600)
        .enumerate()
        .map(|(i, (rtype, attributes))| Resource {
            arn: format!("arn:aws:test:::{i}"),
            resource_type: rtype.to_string(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            name: format!("resource-{i}"),
            tags: Default::default(),
            attributes,
            collected_at: chrono::Utc::now(),
            scan_id: "bench".into(),
        })
        .collect();
    let cis = full.select(&["cis-aws-3.0".to_string()], &[]).unwrap();
    measure("cis-aws-3.0 over synthetic resources", &cis, &synthetic);

    // What a scan does by default: every control of the catalog, on the resources the
    // collectors produced from the seeded emulated account (scripts/seed_account.py,
    // `parapet inventory --format json`), repeated to a few thousand.
    let seeded: Vec<Resource> = include_str!("fixtures/seeded_account.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture resource"))
        .collect();
    let seeded: Vec<Resource> = seeded.iter().cycle().take(3600).cloned().collect();
    measure(
        "whole catalog over the seeded account's resources",
        &full,
        &seeded,
    );

    single_control_probe(&full);
}

/// Evaluates every resource twice (warm-up, then measured) and prints the cost of one
/// control evaluation: (time to evaluate all controls of a resource) / (their number).
fn measure(label: &str, catalog: &Catalog, resources: &[Resource]) {
    let mut ev = Evaluator::new(catalog).unwrap();
    ev.compile_all();
    let now = "2026-11-24T00:00:00Z";
    for r in resources {
        ev.evaluate(r, now);
    }
    let warm_up_fallbacks: u64 = ev.interpreted().iter().map(|(_, n)| n).sum();
    let mut per_eval_ns: Vec<f64> = Vec::new();
    let mut by_type: BTreeMap<&str, (usize, Vec<f64>)> = BTreeMap::new();
    let mut evaluations = 0usize;
    let t = Instant::now();
    for r in resources {
        let t = Instant::now();
        let n = ev.evaluate(r, now).len();
        let elapsed = t.elapsed().as_nanos() as f64;
        if n > 0 {
            per_eval_ns.push(elapsed / n as f64);
            evaluations += n;
            let t = by_type.entry(&r.resource_type).or_default();
            t.0 = n;
            t.1.push(elapsed / n as f64);
        }
    }
    let total = t.elapsed();
    per_eval_ns.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| per_eval_ns[((per_eval_ns.len() - 1) as f64 * p) as usize] / 1000.0;
    println!(
        "\n{label}: {} controls over {} resources = {evaluations} evaluations in {:.1} ms",
        catalog.controls.len(),
        resources.len(),
        total.as_secs_f64() * 1e3
    );
    for (rtype, (n, mut samples)) in by_type {
        samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "  {rtype:<40} {n:>2} controls: median {:>8.2} us per evaluation",
            samples[samples.len() / 2] / 1000.0
        );
    }
    let slow = ev.interpreted();
    let measured = slow.iter().map(|(_, n)| n).sum::<u64>() - warm_up_fallbacks;
    println!(
        "  evaluations left to the interpreter: {measured} of {evaluations}{}",
        if slow.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                slow.iter()
                    .take(10)
                    .map(|(id, n)| format!("{id} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    );
    println!(
        "  per evaluation: median {:.2} us, p90 {:.2} us, p99 {:.2} us",
        pct(0.5),
        pct(0.9),
        pct(0.99)
    );
}

/// Start-up cost of a catalog `copies` times the size of today's: every control repeated
/// under new ids and packages (the libraries once), as the catalog grows towards ~340.
fn scaled_start_up(
    full: &Catalog,
    copies: usize,
) -> (
    usize,
    std::time::Duration,
    (std::time::Duration, std::time::Duration),
) {
    let mut files: Vec<SourceFile> = full
        .rego
        .iter()
        .filter(|f| !f.path.ends_with("_test.rego"))
        .cloned()
        .collect();
    for copy in 1..copies {
        for c in &full.controls {
            let f = full.rego.iter().find(|f| f.path == c.path).unwrap();
            let id = format!("{}_copy{copy}", c.meta.id);
            let text = f
                .text
                .replace(&format!("id: {}", c.meta.id), &format!("id: {id}"))
                .replace(
                    &format!("package {}", c.package),
                    &format!("package {}_copy{copy}", c.package),
                );
            files.push(SourceFile {
                path: f
                    .path
                    .replace(&format!("/{}.rego", c.meta.id), &format!("/{id}.rego")),
                text,
            });
        }
    }
    let t0 = Instant::now();
    let catalog = Catalog::from_files(files).expect("scaled catalog");
    let load = t0.elapsed();
    (catalog.controls.len(), load, start_up(&catalog))
}

/// Time to build the evaluator, then to compile all its fast programs.
fn start_up(catalog: &Catalog) -> (std::time::Duration, std::time::Duration) {
    let t = Instant::now();
    let ev = Evaluator::new(catalog).expect("catalog compiles");
    let built = t.elapsed();
    let t = Instant::now();
    assert!(ev.compile_all().is_empty(), "every type compiles");
    (built, t.elapsed())
}

fn single_control_probe(full: &Catalog) {
    let one = full
        .select(&[], &["ec2_instance_imdsv2_enabled".to_string()])
        .unwrap();
    let mut ev = Evaluator::new(&one).unwrap();
    let r = Resource {
        arn: "a".into(),
        resource_type: "AWS::EC2::Instance".into(),
        account_id: "1".into(),
        region: "r".into(),
        name: "n".into(),
        tags: Default::default(),
        attributes: templates()[10].1.clone(),
        collected_at: chrono::Utc::now(),
        scan_id: "s".into(),
    };
    let t = Instant::now();
    for _ in 0..2000 {
        ev.evaluate(&r, "2026-11-24T00:00:00Z");
    }
    println!(
        "probe: one control alone: {:.2} us per evaluation",
        t.elapsed().as_secs_f64() * 1e6 / 2000.0
    );
}
