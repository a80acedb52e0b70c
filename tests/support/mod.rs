//! Test harness: moto_server on a free loopback port, the seeding script, and the
//! `parapet` binary run with emulator credentials.
#![allow(dead_code)]

pub mod aws_proxy;
pub mod fault_proxy;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

fn tool(var: &str, default: &str) -> PathBuf {
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(default));
    assert!(
        path.exists(),
        "{} not found: run ./scripts/setup (or set {var})",
        path.display()
    );
    path
}

/// A moto_server process, killed when dropped.
pub struct Moto {
    child: Option<Child>,
    pub url: String,
}

impl Moto {
    pub fn start() -> Moto {
        Moto::start_with(&[])
    }

    pub fn start_with(env: &[(&str, &str)]) -> Moto {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // moto_server with DynamoDB's write isolation (see the script).
        let launcher = repo_root().join("tests/support/moto_server.py");
        let child = Command::new(tool("PARAPET_PYTHON", ".venv/bin/python"))
            .arg(launcher)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "moto_server did not listen on port {port} within 60s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Moto {
            child: Some(child),
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    /// A moto_server someone else started (benchmarks), left running when dropped.
    pub fn attach(url: &str) -> Moto {
        Moto {
            child: None,
            url: url.to_string(),
        }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Environment that points the AWS SDK at the emulator and at nothing of the user's.
pub fn emulator_env(cmd: &mut Command) -> &mut Command {
    cmd.env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_CONFIG_FILE", "/nonexistent/parapet-test-config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/parapet-test-credentials",
        )
        .env("AWS_EC2_METADATA_DISABLED", "true")
        // moto answers the operations it lacks (GetEbsDefaultKmsKeyId, ListAnalyzers, ...)
        // with HTTP 500, which AWS would mean transient: eight attempts with backoff made
        // each such call wait about 14 s, most of a test scan's time. Three attempts still
        // ride out moto's occasional crash under load. Tests of retrying pass their own.
        .env("PARAPET_MAX_ATTEMPTS", "3")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_ENDPOINT_URL")
}

/// Runs a Python script from the repo's virtualenv; panics with its output on failure.
pub fn python(args: &[&str]) -> String {
    let mut cmd = Command::new(tool("PARAPET_PYTHON", ".venv/bin/python"));
    emulator_env(&mut cmd).args(args).current_dir(repo_root());
    let out = cmd.output().expect("run python");
    assert!(
        out.status.success(),
        "python {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn seed(moto: &Moto) -> String {
    python(&["scripts/seed_account.py", "--endpoint-url", &moto.url])
}

/// Seeds with extra arguments to the seeding script (e.g. `--scale 200`).
pub fn seed_with(moto: &Moto, extra: &[&str]) -> String {
    let mut args = vec!["scripts/seed_account.py", "--endpoint-url", &moto.url];
    args.extend_from_slice(extra);
    python(&args)
}

/// The CLI binary: cargo names it only to the CLI's own test crates, so the tests of
/// other crates that share this module compile without it and must not call it.
pub fn parapet_binary() -> &'static str {
    option_env!("CARGO_BIN_EXE_parapet").unwrap_or_else(|| panic!("only the cli tests run parapet"))
}

/// Runs `parapet ARGS` against the emulator with extra environment variables.
pub fn parapet_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(parapet_binary());
    emulator_env(&mut cmd)
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("run parapet")
}

/// Runs `parapet ARGS` against the emulator.
pub fn parapet(args: &[&str]) -> Output {
    let mut cmd = Command::new(parapet_binary());
    emulator_env(&mut cmd)
        .args(args)
        .output()
        .expect("run parapet")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parses `--format json` output: one finding per line.
pub fn findings(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON finding line ({e}): {l}"))
        })
        .collect()
}

/// `parapet scan` of us-east-1 with JSON output into a throwaway SQLite file, plus
/// `extra` arguments. Panics when the scan fails.
pub fn scan_us_east_1(moto: &Moto, extra: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    scan_us_east_1_into(moto, &dir.path().join("p.db"), extra)
}

/// `scan_us_east_1` into the SQLite file `db`, for tests that read the scan back.
pub fn scan_us_east_1_into(moto: &Moto, db: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "scan",
        "--endpoint-url",
        &moto.url,
        "--region",
        "us-east-1",
        "--format",
        "json",
        "--db",
        db.to_str().unwrap(),
    ];
    args.extend(extra);
    let out = parapet(&args);
    assert!(out.status.success(), "scan failed: {}", stderr(&out));
    out
}

/// The library's AWS sessions against `moto` in `region`, with the emulator's
/// credentials and nothing read from the host's AWS configuration.
pub async fn moto_sessions(moto: &Moto, region: &str) -> parapet::aws::Sessions {
    std::env::set_var("AWS_ACCESS_KEY_ID", "testing");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "testing");
    std::env::set_var("AWS_CONFIG_FILE", "/nonexistent/parapet-test-config");
    std::env::set_var(
        "AWS_SHARED_CREDENTIALS_FILE",
        "/nonexistent/parapet-test-credentials",
    );
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    parapet::aws::Sessions::new(parapet::aws::AwsOptions {
        endpoint_url: Some(moto.url.clone()),
        region: Some(region.into()),
        // As the CLI tests run: moto answers operations it lacks with HTTP 500.
        max_attempts: 3,
        ..Default::default()
    })
    .await
}

/// Each finding's (status, reason) by (control id, the finding's `resource_key` field:
/// `resource_name` or `resource_arn`).
pub fn verdicts_by(
    out: &Output,
    resource_key: &str,
) -> std::collections::BTreeMap<(String, String), (String, String)> {
    findings(out)
        .into_iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (
                (text("control_id"), text(resource_key)),
                (text("status"), text("reason")),
            )
        })
        .collect()
}

/// `parapet scan` of us-east-1 with only these controls (plus `extra` arguments): each
/// finding's (status, reason) by (control id, resource name). Panics when the scan fails.
pub fn scan_verdicts(
    moto: &Moto,
    controls: &[&str],
    extra: &[&str],
) -> std::collections::BTreeMap<(String, String), (String, String)> {
    let mut args = Vec::new();
    for c in controls {
        args.extend(["--control", c]);
    }
    args.extend(extra);
    verdicts_by(&scan_us_east_1(moto, &args), "resource_name")
}

/// Scans for the controls of `expected` and checks each (control, resource name,
/// status) against the verdicts, naming every one that differs; returns the verdicts.
pub fn assert_verdicts(
    moto: &Moto,
    expected: &[(&str, &str, &str)],
) -> std::collections::BTreeMap<(String, String), (String, String)> {
    let mut controls: Vec<&str> = expected.iter().map(|e| e.0).collect();
    controls.sort();
    controls.dedup();
    let verdicts = scan_verdicts(moto, &controls, &[]);
    let wrong: Vec<String> = expected
        .iter()
        .filter_map(|(control, name, want)| {
            match verdicts.get(&(control.to_string(), name.to_string())) {
                Some((status, _)) if status == want => None,
                Some((status, reason)) => Some(format!(
                    "{control} {name}: {status} ({reason}), expected {want}"
                )),
                None => Some(format!("{control} {name}: no finding")),
            }
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    verdicts
}

/// `parapet scan` of us-east-1 and eu-west-1 for CIS AWS 3.0 through `url` into `db`
/// with the product's default attempts (the test environment lowers them to 3), plus
/// `extra` arguments. Panics when the scan fails.
pub fn cis_scan(url: &str, db: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "scan",
        "--endpoint-url",
        url,
        "--region",
        "us-east-1",
        "--region",
        "eu-west-1",
        "--benchmark",
        "cis-aws-3.0",
        "--format",
        "json",
        "--db",
        db.to_str().unwrap(),
        "--max-attempts",
        "8",
    ];
    args.extend_from_slice(extra);
    let out = parapet(&args);
    assert!(out.status.success(), "scan failed:\n{}", stderr(&out));
    out
}

/// (control_id, resource_arn, status) of each finding.
pub type Outcome = std::collections::BTreeSet<(String, String, String)>;

/// The outcome of each of these findings.
pub fn outcomes<'a>(findings: impl IntoIterator<Item = &'a serde_json::Value>) -> Outcome {
    findings
        .into_iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("control_id"), s("resource_arn"), s("status"))
        })
        .collect()
}

/// Runs headless Chromium on a local page with `what` (`--dump-dom`, `--screenshot=...`)
/// and returns what it printed. The pages have no script, so a dumped DOM is the parsed
/// page. Needs `chromium` on the PATH or PARAPET_CHROMIUM (`scripts/setup --tests`).
pub fn headless_chromium(page: &Path, what: &[&str]) -> String {
    let chromium = std::env::var("PARAPET_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    // A fresh profile per run: nothing cached or remembered from another run.
    let profile = tempfile::tempdir().unwrap();
    let profile = format!("--user-data-dir={}", profile.path().display());
    let url = format!("file://{}", page.display());
    let mut args = vec![
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--force-color-profile=srgb",
        &profile,
    ];
    args.extend_from_slice(what);
    args.push(&url);
    let out = Command::new(&chromium)
        .args(&args)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {chromium} ({e}): run scripts/setup --tests, or set PARAPET_CHROMIUM"
            )
        });
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
