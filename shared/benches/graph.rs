//! Threat Graph benchmark: building the graph of a 10,000-resource scan (time, and the
//! peak memory it adds), and the path search on a fully connected IAM graph of 500 roles
//! (every role may assume every other: factorially many paths, one bounded search).
//!
//!     cargo bench -p parapet --no-default-features --bench graph
//!
//! Each figure is the median of three runs. Memory: the process's peak resident set
//! (VmHWM, reset through /proc/self/clear_refs) minus its resident set before the build.
//!
//! With `PARAPET_BENCH_GRAPH_OUT=DIR` it also writes both graphs and their paths as
//! JSON there, so a change to the build can be checked to leave its output unchanged.

use parapet::graph::{attack_paths, build, to_json, EdgeKind, Graph, Options, PathReport};
use parapet::model::Resource;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const ACCOUNT: &str = "123456789012";

fn resource(arn: String, ty: &str, name: String, region: &str, attributes: Value) -> Resource {
    Resource {
        arn,
        resource_type: ty.into(),
        account_id: ACCOUNT.into(),
        region: region.into(),
        name,
        tags: Default::default(),
        attributes,
        collected_at: chrono::Utc::now(),
        scan_id: "bench".into(),
    }
}

fn role(i: usize, trust: &Value, statements: Value, profiles: Vec<String>) -> Resource {
    let name = format!("role-{i:05}");
    let arn = format!("arn:aws:iam::{ACCOUNT}:role/{name}");
    resource(
        arn.clone(),
        "AWS::IAM::Role",
        name.clone(),
        "global",
        json!({
            "RoleName": name, "Arn": arn, "AssumeRolePolicyDocument": trust,
            "attached_policies": [],
            "inline_policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": statements}}],
            "instance_profiles": profiles,
        }),
    )
}

/// A scan-shaped inventory: 2,000 instances with profiles (half IMDSv1), 2,000 roles
/// each reading its bucket and decrypting its key (one in 50 also `s3:*` on every
/// bucket), 3,000 buckets (one in 100 public), 1,500 keys, 1,500 secrets.
fn inventory() -> Vec<Resource> {
    let trust = json!({"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    let mut out = Vec::new();
    for i in 0..2000 {
        let profile = format!("arn:aws:iam::{ACCOUNT}:instance-profile/p-{i:05}");
        out.push(resource(
            format!("arn:aws:ec2:us-east-1:{ACCOUNT}:instance/i-{i:05}"),
            "AWS::EC2::Instance",
            format!("i-{i:05}"),
            "us-east-1",
            json!({
                "InstanceId": format!("i-{i:05}"),
                "IamInstanceProfile": {"Arn": profile},
                "MetadataOptions": {"HttpTokens": if i % 2 == 0 { "optional" } else { "required" }},
            }),
        ));
        let mut statements = vec![
            json!({"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": format!("arn:aws:s3:::bucket-{i:05}/*")}),
            json!({"Effect": "Allow", "Action": "kms:Decrypt", "Resource": format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/k-{:05}", i % 1500)}),
        ];
        if i % 50 == 0 {
            statements.push(json!({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}));
        }
        out.push(role(i, &trust, Value::Array(statements), vec![profile]));
    }
    let root = format!("arn:aws:iam::{ACCOUNT}:root");
    for i in 0..3000 {
        let policy = if i % 100 == 0 {
            json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": format!("arn:aws:s3:::bucket-{i:05}/*")}]})
        } else {
            Value::Null
        };
        out.push(resource(format!("arn:aws:s3:::bucket-{i:05}"), "AWS::S3::Bucket", format!("bucket-{i:05}"), "us-east-1", json!({
            "policy": policy, "public_access_block": null, "account_public_access_block": null, "acl_grants": [],
        })));
    }
    for i in 0..1500 {
        out.push(resource(format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/k-{i:05}"), "AWS::KMS::Key", format!("k-{i:05}"), "us-east-1", json!({
            "KeyId": format!("k-{i:05}"), "KeyManager": "CUSTOMER",
            "policy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": root}, "Action": "kms:*", "Resource": "*"}]},
        })));
        out.push(resource(
            format!("arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:s-{i:05}"),
            "AWS::SecretsManager::Secret",
            format!("s-{i:05}"),
            "us-east-1",
            json!({"policy": null}),
        ));
    }
    out
}

/// 500 roles trusting the account, each allowed to assume any role; the first open to
/// everyone, each reading one bucket of its own.
fn iam_mesh(n: usize) -> Vec<Resource> {
    let trust = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{ACCOUNT}:root")}, "Action": "sts:AssumeRole"}]});
    let open =
        json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]});
    let mut out = Vec::new();
    for i in 0..n {
        let statements = json!([
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"},
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": format!("arn:aws:s3:::bucket-{i:05}/*")},
        ]);
        out.push(role(
            i,
            if i == 0 { &open } else { &trust },
            statements,
            Vec::new(),
        ));
        out.push(resource(
            format!("arn:aws:s3:::bucket-{i:05}"),
            "AWS::S3::Bucket",
            format!("bucket-{i:05}"),
            "us-east-1",
            json!({"policy": null}),
        ));
    }
    out
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// CPU time of this process so far (user + system, /proc/self/stat, 100 Hz ticks): on a
/// shared machine the wall time measures the neighbours too.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): state is the 3rd field,
    // utime the 14th and stime the 15th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) * 10.0
}

/// Writes `<name>.graph.json` and `<name>.paths.json` under `PARAPET_BENCH_GRAPH_OUT`.
fn dump(name: &str, graph: &Graph, paths: &PathReport) {
    let Some(dir) = std::env::var_os("PARAPET_BENCH_GRAPH_OUT") else {
        return;
    };
    let dir = std::path::Path::new(&dir);
    let paths = serde_json::to_string_pretty(paths).expect("paths serialize");
    std::fs::write(dir.join(format!("{name}.graph.json")), to_json(graph)).expect("write graph");
    std::fs::write(dir.join(format!("{name}.paths.json")), paths).expect("write paths");
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    parapet::allocator::return_freed_memory_promptly();
    let resources = inventory();
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    let mut extra_mb = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let before = status_kb("VmRSS:");
        let t = Instant::now();
        let cpu = cpu_ms();
        let graph = build(&resources, &[], &Options::default()).expect("graph");
        times.push(t.elapsed());
        cpu_times.push(Duration::from_secs_f64((cpu_ms() - cpu) / 1e3));
        extra_mb.push((status_kb("VmHWM:").saturating_sub(before)) as f64 / 1024.0);
        last = Some(graph);
    }
    let graph = last.expect("built");
    extra_mb.sort_by(f64::total_cmp);
    println!(
        "build, {} resources: {} nodes, {} edges; median {:.0} ms wall, {:.0} ms CPU; peak memory added {:.0} MB (median)",
        resources.len(),
        graph.nodes.len(),
        graph.edges.len(),
        median(times).as_secs_f64() * 1e3,
        median(cpu_times).as_secs_f64() * 1e3,
        extra_mb[1]
    );
    let mut times = Vec::new();
    let mut report = None;
    for _ in 0..3 {
        let t = Instant::now();
        report = Some(attack_paths(&graph));
        times.push(t.elapsed());
    }
    let report = report.expect("ran");
    println!(
        "paths on that graph: {} paths; median {:.0} ms",
        report.paths.len(),
        median(times).as_secs_f64() * 1e3
    );
    dump("inventory", &graph, &report);

    let mesh = iam_mesh(500);
    let t = Instant::now();
    let cpu = cpu_ms();
    let graph = build(&mesh, &[], &Options::default()).expect("mesh graph");
    let built = t.elapsed();
    let built_cpu = cpu_ms() - cpu;
    let assume = graph
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::CanAssume)
        .count();
    let mut times = Vec::new();
    let mut report = None;
    let mut cpu_times = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let cpu = cpu_ms();
        report = Some(attack_paths(&graph));
        times.push(t.elapsed());
        cpu_times.push(Duration::from_secs_f64((cpu_ms() - cpu) / 1e3));
    }
    let report = report.expect("ran");
    dump("mesh", &graph, &report);
    let longest = report.paths.iter().map(|p| p.hops.len()).max().unwrap_or(0);
    println!(
        "fully connected IAM graph, 500 roles: {assume} can_assume edges, built in {:.0} ms ({built_cpu:.0} ms CPU); path search median {:.0} ms ({:.0} ms CPU), {} paths, longest {longest} hops",
        built.as_secs_f64() * 1e3,
        median(times).as_secs_f64() * 1e3,
        median(cpu_times).as_secs_f64() * 1e3,
        report.paths.len()
    );
}
