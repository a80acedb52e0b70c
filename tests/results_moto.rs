//! Results people can act on, end to end against moto_server: mute rules (stored and from
//! a Prowler mutelist file), control masks, scan history and diffs, the inventory, and
//! every export format (ASFF imported into moto's Security Hub).

use crate::installation;
use crate::support;
use serde_json::Value;
use support::*;

const ACCOUNT: &str = "123456789012";

struct Env {
    moto: Moto,
    _dir: tempfile::TempDir,
    db: String,
    dir: std::path::PathBuf,
}

fn setup() -> Env {
    let moto = Moto::start();
    seed(&moto);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("parapet.db").to_str().unwrap().to_string();
    let path = dir.path().to_path_buf();
    Env {
        moto,
        _dir: dir,
        db,
        dir: path,
    }
}

/// The CLI pointed at one store: the test's SQLite file, or (`--store dynamodb`) the
/// table of a serverless installation in the emulator.
struct On<'a> {
    env: &'a Env,
    store: Vec<String>,
    vars: Vec<(&'static str, String)>,
}

impl On<'_> {
    fn output(&self, args: &[&str]) -> std::process::Output {
        let mut all = args.to_vec();
        all.extend(self.store.iter().map(String::as_str));
        let vars: Vec<(&str, &str)> = self.vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        parapet_env(&all, &vars)
    }

    fn scan(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec![
            "scan",
            "--endpoint-url",
            &self.env.moto.url,
            "--region",
            "us-east-1",
            "--benchmark",
            "cis-aws-3.0",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let out = self.output(&args);
        assert!(out.status.success(), "scan failed:\n{}", stderr(&out));
        findings(&out)
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "parapet {args:?} {:?} failed:\n{}\n{}",
            self.store,
            stdout(&out),
            stderr(&out)
        );
        stdout(&out)
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "expected a usage error: {args:?}"
        );
        stderr(&out)
    }

    fn report_json(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["report", "--format", "json"];
        args.extend_from_slice(extra);
        self.run(&args)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Env {
    fn sqlite(&self) -> On<'_> {
        On {
            env: self,
            store: vec!["--db".into(), self.db.clone()],
            vars: Vec::new(),
        }
    }

    /// `--store dynamodb --table-prefix PREFIX`, reaching the emulator's DynamoDB the way
    /// a user reaches AWS: through the SDK's environment (`AWS_ENDPOINT_URL` here).
    fn dynamodb(&self, prefix: &str) -> On<'_> {
        On {
            env: self,
            store: vec![
                "--store".into(),
                "dynamodb".into(),
                "--table-prefix".into(),
                prefix.into(),
            ],
            vars: vec![("AWS_ENDPOINT_URL", self.moto.url.clone())],
        }
    }

    fn scan(&self, extra: &[&str]) -> Vec<Value> {
        self.sqlite().scan(extra)
    }

    fn run(&self, args: &[&str]) -> String {
        self.sqlite().run(args)
    }

    fn fails(&self, args: &[&str]) -> String {
        self.sqlite().fails(args)
    }

    fn report_json(&self, extra: &[&str]) -> Vec<Value> {
        self.sqlite().report_json(extra)
    }
}

fn one<'a>(findings: &'a [Value], control: &str, name: &str) -> &'a Value {
    findings
        .iter()
        .find(|f| f["control_id"] == control && f["resource_name"] == name)
        .unwrap_or_else(|| panic!("no finding {control} on {name}"))
}

/// Between two scans: a new bucket without a public access block (new failures), and the
/// partial block of another completed (a resolved failure).
fn change_account(env: &Env) {
    python(&[
        "-c",
        "import boto3, sys\n\
s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1')\n\
s3.create_bucket(Bucket='parapet-new-use1-open')\n\
s3.put_bucket_versioning(Bucket='parapet-new-use1-open', VersioningConfiguration={'Status': 'Enabled'})\n\
s3.put_public_access_block(Bucket='parapet-bad-use1-partial', PublicAccessBlockConfiguration={'BlockPublicAcls': True, 'IgnorePublicAcls': True, 'BlockPublicPolicy': True, 'RestrictPublicBuckets': True})\n",
        &env.moto.url,
    ]);
}

const PAB: &str = "s3_bucket_level_public_access_block";

#[test]
fn mutes_masks_history_diff_and_inventory() {
    let env = setup();
    let first = env.scan(&[]);
    assert_eq!(one(&first, PAB, "parapet-bad-use1-data")["status"], "FAIL");
    assert_eq!(one(&first, PAB, "parapet-bad-use1-data")["muted"], false);

    // A stored rule: muted, keeps FAIL underneath, leaves the failing list and the score.
    let before_table = env.run(&["report"]);
    let rule_id = env
        .run(&[
            "mute",
            "add",
            "--control",
            "s3_bucket_level_*",
            "--resource",
            "^parapet-bad-use1-data$",
            "--reason",
            "data bucket fronted by CloudFront",
            "--created-by",
            "alice",
        ])
        .trim()
        .to_string();
    assert!(rule_id.starts_with("mute-"), "{rule_id}");
    let listed = env.run(&["mute", "list"]);
    assert!(
        listed.contains(&rule_id) && listed.contains("alice") && listed.contains("CloudFront"),
        "{listed}"
    );
    let now = env.report_json(&[]);
    let muted = one(&now, PAB, "parapet-bad-use1-data");
    assert_eq!(muted["status"], "FAIL");
    assert_eq!(muted["muted"], true);
    assert_eq!(muted["mute_reason"], "data bucket fronted by CloudFront");
    assert_eq!(one(&now, PAB, "parapet-bad-use1-partial")["muted"], false);
    let failing = env.report_json(&["--status", "FAIL"]);
    assert!(!failing
        .iter()
        .any(|f| f["resource_name"] == "parapet-bad-use1-data" && f["control_id"] == PAB));
    let only_muted = env.report_json(&["--status", "MUTED"]);
    assert_eq!(only_muted.len(), 1, "{only_muted:?}");
    let table = env.run(&["report"]);
    let cis = |t: &str| {
        t.lines()
            .find(|l| l.starts_with("cis-aws-3.0"))
            .unwrap()
            .split_whitespace()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let (was, is) = (cis(&before_table), cis(&table));
    assert_eq!(
        is[3].parse::<u32>().unwrap() + 1,
        was[3].parse::<u32>().unwrap(),
        "one FAIL fewer:\n{before_table}\n{table}"
    );
    assert_eq!(is[7], "1", "one MUTED: {table}");
    assert_ne!(is[1], was[1], "the score changed");

    // A Prowler mutelist file, matching by tag, applies on report and scan.
    let mutelist = env.dir.join("mutelist.yaml");
    std::fs::write(
        &mutelist,
        format!(
            r#"Mutelist:
  Accounts:
    "{ACCOUNT}":
      Checks:
        "{PAB}":
          Regions: ["us-east-1"]
          Resources: ["*"]
          Tags: ["Name=parapet-bad-use1-partial", "Environment=parapet-seed"]
          Description: "partial block is deliberate"
"#
        ),
    )
    .unwrap();
    let with_file = env.report_json(&["--mutelist", mutelist.to_str().unwrap()]);
    let partial = one(&with_file, PAB, "parapet-bad-use1-partial");
    assert_eq!(partial["muted"], true);
    assert_eq!(partial["mute_reason"], "partial block is deliberate");
    assert_eq!(
        one(&with_file, PAB, "parapet-good-use1-data")["muted"],
        false,
        "a PASS of the same control without the tag"
    );
    // Imported into the store, the file's rule applies without --mutelist; re-importing
    // replaces it rather than adding a copy.
    env.run(&["mute", "import", mutelist.to_str().unwrap()]);
    let imported = env.run(&["mute", "import", mutelist.to_str().unwrap()]);
    assert!(imported.contains("imported 1 rule"), "{imported}");
    assert_eq!(
        env.run(&["mute", "list"])
            .matches("partial block is deliberate")
            .count(),
        1
    );
    assert_eq!(
        one(&env.report_json(&[]), PAB, "parapet-bad-use1-partial")["muted"],
        true
    );
    let imported_id = format!("{}:{ACCOUNT}:{PAB}", mutelist.display());
    env.run(&["mute", "remove", &imported_id]);
    let bad = env.dir.join("bad.yaml");
    std::fs::write(&bad, "Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n        \"x\":\n          Regions: [\"*\"]\n").unwrap();
    let err = env.fails(&["report", "--mutelist", bad.to_str().unwrap()]);
    assert!(
        err.contains("bad.yaml") && err.contains("Resources"),
        "{err}"
    );

    // Change the account, scan again: history kept, rule still applies, diff names it all.
    change_account(&env);
    let second = env.scan(&[]);
    assert_eq!(
        one(&second, PAB, "parapet-bad-use1-data")["muted"],
        true,
        "stays muted in later scans"
    );
    let scans = env.run(&["scans"]);
    let ids: Vec<&str> = scans
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{scans}");
    assert!(scans.contains("cis-aws-3.0 "), "scores listed: {scans}");
    let (latest, earlier) = (ids[0], ids[1]);
    let old = env.report_json(&["--scan", earlier]);
    assert_eq!(
        old.len(),
        first.len(),
        "the earlier scan's findings are all still there"
    );
    assert_eq!(one(&old, PAB, "parapet-bad-use1-partial")["status"], "FAIL");
    assert_eq!(
        one(&second, PAB, "parapet-bad-use1-partial")["status"],
        "PASS"
    );
    let fixed = one(&second, PAB, "parapet-bad-use1-partial");
    assert_ne!(fixed["status_changed_at"], fixed["first_seen"]);
    let kept = one(&second, PAB, "parapet-bad-use1-data");
    assert_eq!(
        kept["first_seen"],
        one(&first, PAB, "parapet-bad-use1-data")["first_seen"]
    );

    let diff: Value = serde_json::from_str(&env.run(&["diff", "--format", "json"])).unwrap();
    assert_eq!(diff["from_scan"], earlier);
    assert_eq!(diff["to_scan"], latest);
    let names = |list: &Value, field: &str| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|v| v.pointer(field).unwrap().as_str().unwrap().to_string())
            .collect()
    };
    assert!(names(&diff["new_resources"], "/name").contains(&"parapet-new-use1-open".to_string()));
    assert!(names(&diff["new_failures"], "/resource_name")
        .contains(&"parapet-new-use1-open".to_string()));
    let resolved: Vec<&Value> = diff["resolved_failures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["finding"]["control_id"] == PAB)
        .collect();
    assert_eq!(resolved.len(), 1, "{resolved:?}");
    assert_eq!(
        resolved[0]["finding"]["resource_name"],
        "parapet-bad-use1-partial"
    );
    assert_eq!(resolved[0]["now"], "PASS");
    let text = env.run(&["diff", "--from", earlier, "--to", latest]);
    assert!(
        text.contains("New failures") && text.contains("parapet-new-use1-open"),
        "{text}"
    );
    let err = env.fails(&["diff", "--from", "nope"]);
    assert!(err.contains("\"nope\""), "{err}");

    // Removing the rule unmutes, without rescanning; an expired rule stops by itself.
    env.run(&["mute", "remove", &rule_id]);
    assert_eq!(
        one(&env.report_json(&[]), PAB, "parapet-bad-use1-data")["muted"],
        false
    );
    let err = env.fails(&["mute", "remove", &rule_id]);
    assert!(err.contains(&rule_id), "{err}");
    let expiry = chrono::Utc::now() + chrono::Duration::seconds(8);
    env.run(&[
        "mute",
        "add",
        "--control",
        PAB,
        "--reason",
        "briefly",
        "--expires",
        &expiry.to_rfc3339(),
    ]);
    assert_eq!(
        one(&env.report_json(&[]), PAB, "parapet-bad-use1-data")["muted"],
        true
    );
    let left = expiry - chrono::Utc::now() + chrono::Duration::milliseconds(500);
    std::thread::sleep(left.to_std().unwrap_or_default());
    assert_eq!(
        one(&env.report_json(&[]), PAB, "parapet-bad-use1-data")["muted"],
        false
    );
    assert!(env.run(&["mute", "list"]).contains("EXPIRED"));
    let err = env.fails(&[
        "mute",
        "add",
        "--control",
        PAB,
        "--reason",
        "r",
        "--expires",
        "2020-01-01",
    ]);
    assert!(err.contains("already past"), "{err}");
    let err = env.fails(&[
        "mute",
        "add",
        "--control",
        PAB,
        "--reason",
        "r",
        "--resource",
        "(oops",
    ]);
    assert!(err.contains("(oops"), "{err}");

    // Masks: out of the benchmark's score, shown in the control list.
    let before = cis(&env.run(&["report"]));
    env.run(&[
        "controls",
        "mask",
        PAB,
        "--benchmark",
        "cis-aws-3.0",
        "--reason",
        "covered by the account-level block",
    ]);
    let list = env.run(&["controls", "list", "--benchmark", "cis-aws-3.0"]);
    let line = list.lines().find(|l| l.starts_with(PAB)).unwrap();
    assert!(line.contains("MASKED"), "{line}");
    let masked = cis(&env.run(&["report"]));
    let pab_fail = env
        .report_json(&["--status", "FAIL"])
        .iter()
        .filter(|f| f["control_id"] == PAB)
        .count() as u32;
    assert!(pab_fail > 0);
    assert_eq!(
        masked[3].parse::<u32>().unwrap() + pab_fail,
        before[3].parse::<u32>().unwrap(),
        "the control's failures left the score: {before:?} -> {masked:?}"
    );
    let scores = env.run(&["report", "--scores"]);
    assert!(
        scores.contains("REQUIREMENT") && scores.contains("SERVICE") && scores.contains(ACCOUNT),
        "{scores}"
    );
    assert!(
        scores.contains("finding(s) of masked controls left out"),
        "{scores}"
    );
    env.run(&["controls", "unmask", PAB, "--benchmark", "cis-aws-3.0"]);
    env.run(&[
        "controls",
        "mask",
        PAB,
        "--account",
        ACCOUNT,
        "--reason",
        "not used here",
    ]);
    let list = env.run(&["controls", "list"]);
    let line = list.lines().find(|l| l.starts_with(PAB)).unwrap();
    assert!(line.contains(&format!("MASKED for {ACCOUNT}")), "{line}");
    env.run(&["controls", "unmask", PAB, "--account", ACCOUNT]);
    assert!(!env
        .run(&["controls", "list"])
        .lines()
        .find(|l| l.starts_with(PAB))
        .unwrap()
        .contains("MASKED"));
    let err = env.fails(&[
        "controls",
        "mask",
        "no_such_control",
        "--benchmark",
        "cis-aws-3.0",
        "--reason",
        "r",
    ]);
    assert!(err.contains("no_such_control"), "{err}");

    // Inventory of the latest scan.
    let inv = env.run(&["inventory", "--type", "AWS::S3::Bucket"]);
    let total: u32 = inv
        .lines()
        .find(|l| l.starts_with("total"))
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    let buckets = second.iter().filter(|f| f["control_id"] == PAB).count() as u32;
    assert_eq!(total, buckets, "{inv}");
    assert!(inv.contains("parapet-new-use1-open"));
    let ec2 = env.run(&["inventory", "--service", "ec2", "--format", "json"]);
    assert!(!ec2.is_empty());
    for line in ec2.lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        assert!(
            r["arn"].as_str().unwrap().starts_with("arn:aws:ec2:"),
            "{r}"
        );
    }
}

#[test]
fn bad_input_is_refused_naming_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("parapet.db");
    let db = db.to_str().unwrap();
    let fails = |args: &[&str]| {
        let out = parapet(args);
        assert_eq!(out.status.code(), Some(2), "{args:?} should fail");
        stderr(&out)
    };
    for command in [
        &["diff"][..],
        &["inventory"],
        &["report", "--format", "html"],
    ] {
        let mut args = command.to_vec();
        args.extend_from_slice(&["--db", db]);
        let err = fails(&args);
        assert!(err.contains("no store at"), "{args:?}: {err}");
    }
    let err = fails(&[
        "mute",
        "add",
        "--control",
        PAB,
        "--account",
        "prod",
        "--reason",
        "r",
        "--db",
        db,
    ]);
    assert!(err.contains("\"prod\""), "{err}");
    let err = fails(&["mute", "add", "--control", PAB, "--db", db]);
    assert!(err.contains("--reason"), "{err}");
    let err = fails(&[
        "mute",
        "add",
        "--control",
        PAB,
        "--reason",
        "r",
        "--expires",
        "soon",
        "--db",
        db,
    ]);
    assert!(err.contains("soon"), "{err}");
    let err = fails(&["mute", "import", "/nonexistent/mute.yaml", "--db", db]);
    assert!(err.contains("/nonexistent/mute.yaml"), "{err}");
    let err = fails(&[
        "controls",
        "mask",
        PAB,
        "--benchmark",
        "pci",
        "--reason",
        "r",
        "--db",
        db,
    ]);
    assert!(err.contains("\"pci\""), "{err}");
    let err = fails(&["controls", "mask", PAB, "--reason", "r", "--db", db]);
    assert!(
        err.contains("--benchmark") || err.contains("--account"),
        "{err}"
    );
    let err = fails(&["mute", "remove", "mute-nope", "--db", db]);
    assert!(err.contains("mute-nope"), "{err}");
}

#[test]
fn every_export_format_and_asff_into_security_hub() {
    let env = setup();
    // A mutelist file on the scan itself.
    let mutelist = env.dir.join("mutelist.yaml");
    std::fs::write(
        &mutelist,
        format!("Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n        \"{PAB}\":\n          Regions: [\"*\"]\n          Resources: [\"parapet-bad-use1-data\"]\n          Reason: \"accepted\"\n"),
    )
    .unwrap();
    let findings = env.scan(&["--mutelist", mutelist.to_str().unwrap()]);
    assert_eq!(one(&findings, PAB, "parapet-bad-use1-data")["muted"], true);
    assert_eq!(
        one(&findings, PAB, "parapet-bad-use1-data")["mute_reason"],
        "accepted"
    );
    let failing = findings.iter().filter(|f| f["status"] == "FAIL").count();
    let out = |name: &str| env.dir.join(name).to_str().unwrap().to_string();

    env.run(&["report", "--format", "csv", "--output", &out("f.csv")]);
    let csv = std::fs::read_to_string(out("f.csv")).unwrap();
    assert_eq!(
        csv.split("\r\n").filter(|l| !l.is_empty()).count(),
        findings.len() + 1
    );
    assert!(csv.starts_with("scan_id,account_id,region,service,control_id"));

    env.run(&[
        "report",
        "--format",
        "ocsf",
        "--output",
        &out("f.ocsf.json"),
    ]);
    let ocsf: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(out("f.ocsf.json")).unwrap()).unwrap();
    assert_eq!(ocsf.len(), findings.len());
    assert!(ocsf
        .iter()
        .all(|f| f["class_uid"] == 2004 && f["type_uid"] == 200401));
    // Valid against the OCSF schema, as its pydantic models (py-ocsf-models) encode it.
    let verdict = python(&["-c", OCSF_VALIDATE, &out("f.ocsf.json")]);
    assert_eq!(verdict.trim(), format!("{} valid", ocsf.len()), "{verdict}");

    env.run(&["report", "--format", "sarif", "--output", &out("f.sarif")]);
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(out("f.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        failing
    );

    // The scan command writes the same formats.
    let scan_html = parapet(&[
        "scan",
        "--endpoint-url",
        &env.moto.url,
        "--region",
        "us-east-1",
        "--benchmark",
        "cis-aws-3.0",
        "--db",
        &env.db,
        "--format",
        "html",
        "--output",
        &out("scan.html"),
    ]);
    assert!(scan_html.status.success(), "{}", stderr(&scan_html));
    assert!(
        stdout(&scan_html).is_empty(),
        "the page goes to the file only"
    );
    let html = std::fs::read_to_string(out("scan.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("Changes since the previous scan")
    );
    assert!(html.contains("<svg") && !html.contains("<script"));
    assert!(
        html.contains("From scan"),
        "the second scan is compared with the first"
    );

    env.run(&[
        "report",
        "--format",
        "asff",
        "--output",
        &out("f.asff.json"),
    ]);
    let asff: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(out("f.asff.json")).unwrap()).unwrap();
    assert_eq!(asff.len(), findings.len());
    let imported = python(&[
        "-c",
        r#"import boto3, json, sys
hub = boto3.client("securityhub", endpoint_url=sys.argv[1], region_name="us-east-1")
findings = json.load(open(sys.argv[2]))
failed = 0
for i in range(0, len(findings), 100):
    failed += hub.batch_import_findings(Findings=findings[i:i + 100])["FailedCount"]
got = hub.get_findings()["Findings"]
print(failed, len(findings))
print(json.dumps(got[0]))
"#,
        &env.moto.url,
        &out("f.asff.json"),
    ]);
    let mut lines = imported.lines();
    assert_eq!(
        lines.next().unwrap(),
        format!("0 {}", findings.len()),
        "{imported}"
    );
    let back: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(back["SchemaVersion"], "2018-10-08");
    assert_eq!(back["AwsAccountId"], ACCOUNT);
}

/// The HTML page as a browser renders it: headless Chromium parses it (its DOM keeps
/// every section and the chart) and paints it, and the screenshot's pixels show the
/// first benchmark's bar drawn at its score's length over its 400-pixel track. The page
/// has no script, so the dumped DOM is the parsed page. Needs `chromium` on the PATH (or
/// PARAPET_CHROMIUM); `scripts/setup --tests` installs it.
#[test]
fn the_html_page_renders_in_headless_chromium() {
    let env = setup();
    env.scan(&[]);
    let page = env.dir.join("report.html");
    env.run(&[
        "report",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    let browse = |extra: &[&str]| headless_chromium(&page, extra);
    let dom = browse(&["--dump-dom"]);
    for section in ["scores", "failing", "errors", "inventory", "changes"] {
        assert!(
            dom.contains(&format!("<section id=\"{section}\">")),
            "section {section} missing after parsing"
        );
    }
    let table = env.run(&["report"]);
    let score = table
        .lines()
        .find(|l| l.starts_with("cis-aws-3.0"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches('%')
        .parse::<f64>()
        .unwrap();
    assert!(
        score > 0.0 && score < 100.0,
        "the seeded account passes some controls and fails others: {score}%"
    );
    let bar = dom
        .split("<rect class=\"bar\"")
        .nth(1)
        .expect("the chart's bar survived parsing");
    let attribute = |name: &str| -> String {
        bar.split(&format!("{name}=\""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    let width: f64 = attribute("width").parse().unwrap();
    // Both figures are rounded to one decimal: 0.05 point of score is 0.2 of bar.
    assert!(
        (width - score * 4.0).abs() <= 0.3,
        "bar {width} for score {score}%"
    );

    let shot = env.dir.join("page.png");
    browse(&[
        "--window-size=1280,900",
        &format!("--screenshot={}", shot.display()),
    ]);
    let bar_colour = attribute("fill");
    const TRACK: &str = "#eaeef2";
    let runs: Value = serde_json::from_str(&python(&[
        "tests/support/png_runs.py",
        shot.to_str().unwrap(),
        &bar_colour,
        TRACK,
    ]))
    .unwrap();
    let run = |colour: &str| -> (i64, i64, i64) {
        let r = &runs[colour];
        (
            r[0].as_i64().unwrap(),
            r[1].as_i64().unwrap(),
            r[2].as_i64().unwrap(),
        )
    };
    let (bar_row, bar_x, bar_len) = run(&bar_colour);
    let (track_row, track_x, track_len) = run(TRACK);
    assert!(bar_len > 0, "no {bar_colour} bar painted: {runs}");
    assert!(track_len > 0, "no {TRACK} track painted: {runs}");
    // The painted bar starts the track's row and the track shows past its end; the edge
    // pixel between them may be blended (the width is fractional), hence the slack.
    assert_eq!(bar_row, track_row, "bar and track on one row: {runs}");
    let edge = track_x - (bar_x + bar_len);
    assert!((0..=1).contains(&edge), "track right after the bar: {runs}");
    assert!(
        (track_x + track_len - bar_x - 400).abs() <= 1,
        "a 400-pixel track: {runs}"
    );
    assert!(
        (bar_len as f64 - width).abs() <= 1.0,
        "a bar of {width} px painted {bar_len} px long: {runs}"
    );
}

/// (control, resource, status, muted) of each finding: what must not depend on the store.
fn verdicts(findings: &[Value]) -> std::collections::BTreeSet<(String, String, String, bool)> {
    findings
        .iter()
        .map(|f| {
            (
                f["control_id"].as_str().unwrap().to_string(),
                f["resource_arn"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
                f["muted"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// Removes what names a scan or when it ran, everywhere in a JSON document.
fn forget_scan_identity(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for key in [
                "scan_id",
                "from_scan",
                "to_scan",
                "first_seen",
                "last_seen",
                "status_changed_at",
                "collected_at",
            ] {
                map.remove(key);
            }
            map.values_mut().for_each(forget_scan_identity);
        }
        Value::Array(items) => items.iter_mut().for_each(forget_scan_identity),
        _ => {}
    }
}

/// Every results command on a deployed installation's DynamoDB table (`--store dynamodb`)
/// gives what it gives on the local SQLite store after the same two scans: report in
/// every shape, scans, diff, inventory; and mute rules and masks are kept in the table.
#[test]
fn results_commands_read_the_dynamodb_store_like_the_local_one() {
    let env = setup();
    installation::create_installation_table(&env.moto, "test-");
    let (dynamo, sqlite) = (env.dynamodb("test-"), env.sqlite());
    // Nothing scanned yet: reading commands say so instead of printing empty reports.
    let err = dynamo.fails(&["report"]);
    assert!(err.contains("no scan yet"), "{err}");
    let err = env.dynamodb("nope-").fails(&["scans"]);
    assert!(
        err.contains("no DynamoDB table nope-parapet") && err.contains("--table-prefix"),
        "{err}"
    );

    // Four scans: lift the per-second call budget, which only slows the emulator down.
    let fast = ["--max-calls-per-second", "10000"];
    let first = dynamo.scan(&fast);
    assert_eq!(verdicts(&first), verdicts(&sqlite.scan(&fast)));
    change_account(&env);
    let second = dynamo.scan(&fast);
    assert_eq!(verdicts(&second), verdicts(&sqlite.scan(&fast)));
    assert_ne!(verdicts(&first), verdicts(&second), "the account changed");

    // History: both scans listed with their scores; either one readable by id.
    let scans = dynamo.run(&["scans"]);
    let ids: Vec<&str> = scans
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{scans}");
    assert!(scans.contains("cis-aws-3.0 "), "scores listed: {scans}");
    assert_eq!(
        verdicts(&dynamo.report_json(&["--scan", ids[1]])),
        verdicts(&first)
    );
    assert_eq!(verdicts(&dynamo.report_json(&[])), verdicts(&second));
    assert_eq!(
        dynamo.run(&["report", "--scores"]),
        sqlite.run(&["report", "--scores"])
    );
    for format in ["csv", "sarif", "html"] {
        let text = dynamo.run(&["report", "--format", format]);
        assert!(text.contains("parapet-new-use1-open"), "{format}: {text}");
    }

    // diff: the same changes, whichever store holds the scans.
    let changes = |on: &On| -> Value {
        let mut d = serde_json::from_str(&on.run(&["diff", "--format", "json"])).unwrap();
        forget_scan_identity(&mut d);
        d
    };
    let dynamo_diff = changes(&dynamo);
    assert!(
        !dynamo_diff["new_failures"].as_array().unwrap().is_empty(),
        "{dynamo_diff}"
    );
    assert_eq!(dynamo_diff, changes(&sqlite));

    // inventory: the same resources.
    let arns = |on: &On| -> std::collections::BTreeSet<String> {
        on.run(&["inventory", "--format", "json"])
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["arn"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let inventory = arns(&dynamo);
    assert!(inventory.contains("arn:aws:s3:::parapet-new-use1-open"));
    assert_eq!(inventory, arns(&sqlite));

    // Mute rules and masks live in the table: they change its reports, not SQLite's.
    let rule = dynamo
        .run(&[
            "mute",
            "add",
            "--control",
            PAB,
            "--resource",
            "^parapet-bad-use1-data$",
            "--reason",
            "fronted by CloudFront",
        ])
        .trim()
        .to_string();
    assert!(dynamo.run(&["mute", "list"]).contains(&rule));
    assert!(!sqlite.run(&["mute", "list"]).contains(&rule));
    assert_eq!(dynamo.report_json(&["--status", "MUTED"]).len(), 1);
    assert_eq!(sqlite.report_json(&["--status", "MUTED"]).len(), 0);
    dynamo.run(&["mute", "remove", &rule]);
    assert_eq!(dynamo.report_json(&["--status", "MUTED"]).len(), 0);

    dynamo.run(&[
        "controls",
        "mask",
        PAB,
        "--benchmark",
        "cis-aws-3.0",
        "--reason",
        "covered by the account-level block",
    ]);
    let masked = |on: &On| {
        on.run(&["controls", "list", "--benchmark", "cis-aws-3.0"])
            .lines()
            .find(|l| l.starts_with(PAB))
            .unwrap()
            .contains("MASKED")
    };
    assert!(masked(&dynamo));
    assert!(!masked(&sqlite));
    assert_ne!(
        dynamo.run(&["report", "--scores"]),
        sqlite.run(&["report", "--scores"]),
        "the mask left the table's scores"
    );
    dynamo.run(&["controls", "unmask", PAB, "--benchmark", "cis-aws-3.0"]);
    assert!(!masked(&dynamo));
}

/// Validates every finding of an OCSF export as a Detection Finding; prints "N valid", or
/// the first error.
const OCSF_VALIDATE: &str = r#"
import json, sys
from py_ocsf_models.events.findings.detection_finding import DetectionFinding
findings = json.load(open(sys.argv[1]))
for f in findings:
    try:
        DetectionFinding.model_validate(f)
    except Exception as e:
        print(f"invalid: {e}")
        sys.exit(0)
print(f"{len(findings)} valid")
"#;

/// `parapet scan --remote` invokes the installation's scheduler function. moto runs no
/// function code without Docker: in its simple Lambda mode an invocation answers a
/// result queued beforehand, or echoes the payload it was sent. So the scheduler runs
/// here, for real, against moto's DynamoDB and SQS; its result is queued as the
/// function's answer, and the CLI must report that scan. Then an unanswered invocation
/// echoes what the CLI sent, and a function error is shown as the function's.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn scan_remote_invokes_the_scheduler_function() {
    use parapet::store::Store;
    let moto = Moto::start();
    let inst = installation::Installation::create(&moto).await;
    let store = inst.deps.store.as_ref();
    let role = format!("arn:aws:iam::{ACCOUNT}:role/parapet-scan");
    let registered = parapet_env(
        &[
            "accounts",
            "add",
            ACCOUNT,
            "--role-arn",
            &role,
            "--region",
            "us-east-1",
            "--region",
            "eu-west-1",
            "--store",
            "dynamodb",
            "--table-prefix",
            "test-",
        ],
        &[("AWS_ENDPOINT_URL", &moto.url)],
    );
    assert!(registered.status.success(), "{}", stderr(&registered));
    // The installation's table is "test-parapet", so its functions are "test-parapet-*".
    python(&[
        "tests/support/lambda_function.py",
        &moto.url,
        "create",
        "test-parapet-scheduler",
    ]);
    let outcome = parapet::serverless::scheduler::schedule(
        store,
        inst.deps.queue.as_ref(),
        &inst.deps.sessions,
        &inst.key,
        &parapet::serverless::scheduler::ScheduleRequest {
            account_id: Some(ACCOUNT.into()),
        },
        chrono::Duration::hours(6),
    )
    .await
    .unwrap();
    let started = &outcome.started[0];
    let remote = || {
        parapet(&[
            "scan",
            "--remote",
            "--account",
            ACCOUNT,
            "--table-prefix",
            "test-",
            "--endpoint-url",
            &moto.url,
        ])
    };
    let answer = |json: String| {
        python(&[
            "tests/support/lambda_function.py",
            &moto.url,
            "answer",
            &json,
        ]);
    };

    answer(serde_json::to_string(&outcome).unwrap());
    let out = remote();
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = stdout(&out);
    assert!(
        shown.contains(&format!(
            "started scan {} of account {ACCOUNT}: {} tasks in us-east-1, eu-west-1",
            started.scan_id, started.tasks
        )),
        "{shown}"
    );
    let scan = store.scan(&started.scan_id).await.unwrap().unwrap();
    assert_eq!(
        scan.tasks_total as usize, started.tasks,
        "the scan it names is the table's"
    );

    let out = remote();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(r#"{{"account_id":"{ACCOUNT}"}}"#))
            && err.contains("not a scheduler result"),
        "moto echoed the payload the CLI sent: {err}"
    );

    answer(serde_json::json!({"errorType": "Error", "errorMessage": "account 123456789012 is not registered"}).to_string());
    let out = remote();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "test-parapet-scheduler failed: Error: account 123456789012 is not registered"
        ),
        "{}",
        stderr(&out)
    );
}
