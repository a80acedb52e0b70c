//! Attacks: secrets (see tests/attacks_moto.rs).
//!
//! A member account keeps credentials in its configuration (a Lambda's environment, an
//! ECS container's environment, CodeBuild variables and source URLs, Glue job
//! arguments, API Gateway stage variables, EMR configurations). Whoever can read
//! parapet's results (the SQLite file, the DynamoDB table, any export) must not get
//! them, nor the credentials parapet itself scanned with. The collector redacts the
//! values and keeps `looks_secret`, so the controls still find them.
//!
//! moto limits: it has no DescribeConfigurationSettings, so an Elastic Beanstalk
//! environment's options (where its environment properties live) cannot be seeded here;
//! the redaction of that map is covered by the unit tests of `collect::redact`.

use crate::installation::*;
use crate::support::*;
use parapet::serverless::external_id::ExternalIdKey;
use parapet::serverless::{scheduler, worker};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

/// Seeds one resource per secret-bearing attribute, plus clean twins for the controls.
/// Arguments: endpoint URL, the suffix that makes every seeded value unique.
const SEED: &str = r#"
import json, sys, boto3
url, r = sys.argv[1], sys.argv[2]
c = lambda n: boto3.client(n, endpoint_url=url, region_name="us-east-1")
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
         "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
role = c("iam").create_role(RoleName="secrets-exec",
                            AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
c("lambda").create_function(
    FunctionName="leaky-function", Runtime="python3.12", Role=role, Handler="app.handler",
    Code={"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
    Environment={"Variables": {"DB_PASSWORD": f"hunter2-{r}", "LOG_LEVEL": f"lambda-plain-{r}"}})
ecs = c("ecs")
for family, name, value in [("leaky-task", "DB_PASSWORD", f"ecs-secret-{r}"),
                            ("clean-task", "LOG_LEVEL", f"ecs-plain-{r}")]:
    ecs.register_task_definition(family=family, containerDefinitions=[{
        "name": "app", "image": "app:1", "memory": 128,
        "environment": [{"name": name, "value": value}]}])
cb = c("codebuild")
for name, location, var, value in [
        ("leaky-build", f"https://ci:ghtoken-{r}@github.com/example/app.git", "API_TOKEN", f"build-secret-{r}"),
        ("clean-build", "https://github.com/example/app.git", "STAGE", f"build-plain-{r}")]:
    cb.create_project(name=name, artifacts={"type": "NO_ARTIFACTS"},
                      serviceRole="arn:aws:iam::123456789012:role/codebuild",
                      source={"type": "GITHUB", "location": location},
                      environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0",
                                   "computeType": "BUILD_GENERAL1_SMALL",
                                   "environmentVariables": [{"name": var, "value": value, "type": "PLAINTEXT"}]})
c("glue").create_job(Name="leaky-job", Role="arn:aws:iam::123456789012:role/glue",
                     Command={"Name": "glueetl", "ScriptLocation": "s3://scripts/etl.py"},
                     DefaultArguments={"--db_password": f"glue-secret-{r}",
                                       "--enable-continuous-cloudwatch-log": "true"})
apigw = c("apigateway")
api = apigw.create_rest_api(name="leaky-api")["id"]
root = apigw.get_resources(restApiId=api)["items"][0]["id"]
apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
apigw.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
deployment = apigw.create_deployment(restApiId=api)["id"]
apigw.create_stage(restApiId=api, stageName="prod", deploymentId=deployment,
                   variables={"backendToken": f"stage-secret-{r}"})
v2 = c("apigatewayv2")
http = v2.create_api(Name="leaky-http", ProtocolType="HTTP")["ApiId"]
v2.create_stage(ApiId=http, StageName="live", StageVariables={"apiKey": f"v2-secret-{r}"})
c("emr").run_job_flow(
    Name="leaky-emr", ReleaseLabel="emr-7.1.0", JobFlowRole="EMR_EC2_DefaultRole",
    ServiceRole="EMR_DefaultRole",
    Instances={"InstanceCount": 1, "MasterInstanceType": "m5.xlarge", "KeepJobFlowAliveWhenNoSteps": True},
    Configurations=[{"Classification": "hive-site",
                     "Properties": {"javax.jdo.option.ConnectionPassword": f"emr-secret-{r}"}}])
print("seeded")
"#;

/// The seeded values that must never be stored or exported.
fn seeded_values(r: &str) -> Vec<String> {
    [
        "hunter2",
        "lambda-plain",
        "ecs-secret",
        "ecs-plain",
        "ghtoken",
        "build-secret",
        "build-plain",
        "glue-secret",
        "stage-secret",
        "v2-secret",
        "emr-secret",
    ]
    .iter()
    .map(|v| format!("{v}-{r}"))
    .collect()
}

/// Every session token moto's STS issues starts with this: an assumed role's token
/// found anywhere means parapet kept its own credentials.
const MOTO_SESSION_TOKEN_PREFIX: &str = "FQoGZXIvYXdzEBYaD";

/// Seeds the secrets; returns the suffix of their values. Also checks that moto still
/// marks its session tokens with `MOTO_SESSION_TOKEN_PREFIX`, so looking for it means
/// something.
fn seed_secrets(moto: &Moto) -> String {
    let r = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
    python(&["-c", SEED, &moto.url, &r]);
    let token = python(&["-c", ASSUME_ROLE, &moto.url]);
    assert!(token.starts_with(MOTO_SESSION_TOKEN_PREFIX), "{token}");
    r
}

const ASSUME_ROLE: &str = r#"
import sys, boto3
sts = boto3.client("sts", endpoint_url=sys.argv[1], region_name="us-east-1")
print(sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/probe",
                      RoleSessionName="probe")["Credentials"]["SessionToken"])
"#;

/// Panics naming the first of `needles` found in `haystack` (`what` says where).
fn assert_absent(what: &str, haystack: &[u8], needles: &[String]) {
    for n in needles {
        let found = haystack
            .windows(n.len())
            .any(|w| w.eq_ignore_ascii_case(n.as_bytes()));
        assert!(!found, "{n:?} found in {what}");
    }
}

/// The bytes of every file of the SQLite database (the file and any -wal / -journal).
fn sqlite_bytes(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        all.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    assert!(!all.is_empty(), "no SQLite file in {}", dir.display());
    all
}

fn run_ok(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let out = parapet_env(args, env);
    assert!(
        out.status.success(),
        "parapet {args:?} failed: {}",
        stderr(&out)
    );
    let mut bytes = out.stdout.clone();
    bytes.extend(&out.stderr);
    bytes
}

/// A control's (status) for a resource name among a scan's JSON findings.
fn status_of(findings: &[Value], control: &str, resource: &str) -> String {
    findings
        .iter()
        .find(|f| f["control_id"] == control && f["resource_name"] == resource)
        .unwrap_or_else(|| panic!("no {control} finding for {resource}"))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The inventory entry of a resource, by name.
fn resource<'a>(inventory: &'a [Value], name: &str) -> &'a Value {
    inventory
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in the inventory"))
}

#[test]
fn seeded_secrets_never_reach_the_sqlite_file_the_inventory_or_any_export() {
    let moto = Moto::start();
    let r = seed_secrets(&moto);
    let dir = tempfile::tempdir().unwrap();
    let db_dir = dir.path().join("db");
    std::fs::create_dir(&db_dir).unwrap();
    let db = db_dir.join("p.db");
    let db = db.to_str().unwrap();
    // The credentials the scan runs with: base keys with a session token, then a role.
    let secret_key = format!("sak-{r}");
    let base_token = format!("base-token-{r}");
    let external_id = format!("ext-{r}");
    let env = [
        ("AWS_SECRET_ACCESS_KEY", secret_key.as_str()),
        ("AWS_SESSION_TOKEN", base_token.as_str()),
    ];
    let mut secrets = seeded_values(&r);
    secrets.extend([
        secret_key.clone(),
        base_token.clone(),
        external_id.clone(),
        MOTO_SESSION_TOKEN_PREFIX.to_string(),
    ]);

    let scan = parapet_env(
        &[
            "scan",
            "--endpoint-url",
            &moto.url,
            "--region",
            "us-east-1",
            "--role-arn",
            "arn:aws:iam::123456789012:role/parapet-scan",
            "--external-id",
            &external_id,
            "--format",
            "json",
            "--db",
            db,
        ],
        &env,
    );
    // A scan with FAIL findings exits non-zero; it must still have written its results.
    let findings = findings(&scan);
    assert!(!findings.is_empty(), "scan failed: {}", stderr(&scan));
    assert_absent("the scan's output", &scan.stdout, &secrets);
    assert_absent("the scan's log", &scan.stderr, &secrets);

    assert_absent("the SQLite file", &sqlite_bytes(&db_dir), &secrets);

    let inventory_bytes = run_ok(&["inventory", "--format", "json", "--db", db], &env);
    assert_absent("inventory --format json", &inventory_bytes, &secrets);
    let inventory: Vec<Value> = String::from_utf8_lossy(&inventory_bytes)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_absent(
        "inventory (table)",
        &run_ok(&["inventory", "--db", db], &env),
        &secrets,
    );

    for format in ["table", "json", "csv", "ocsf", "asff", "sarif", "html"] {
        let out = run_ok(&["report", "--format", format, "--db", db], &env);
        assert!(out.len() > 100, "report --format {format} is empty");
        assert_absent(&format!("report --format {format}"), &out, &secrets);
    }
    // The database again: reports may have written to it.
    assert_absent("the SQLite file", &sqlite_bytes(&db_dir), &secrets);
    assert_redacted_in_place(&inventory);

    // The facts survived redaction: the controls still tell the secret from the harmless.
    let ecs = "ecs_task_definitions_no_environment_secrets";
    assert_eq!(status_of(&findings, ecs, "leaky-task:1"), "FAIL");
    assert_eq!(status_of(&findings, ecs, "clean-task:1"), "PASS");
    let build = "codebuild_project_no_secrets_in_variables";
    assert_eq!(status_of(&findings, build, "leaky-build"), "FAIL");
    assert_eq!(status_of(&findings, build, "clean-build"), "PASS");
    let url = "codebuild_project_source_repo_url_no_sensitive_credentials";
    assert_eq!(status_of(&findings, url, "leaky-build"), "FAIL");
    assert_eq!(status_of(&findings, url, "clean-build"), "PASS");
    // Glue's own job parameters are kept: the logging control still reads its flag.
    assert_eq!(
        status_of(&findings, "glue_etl_jobs_logging_enabled", "leaky-job"),
        "PASS"
    );
}

/// Each seeded secret was collected (its name is there) and its value replaced: the
/// absence above is redaction, not an attribute moto left out.
fn assert_redacted_in_place(inventory: &[Value]) {
    let hidden = |looks_secret: bool| json!({"value": "[redacted]", "looks_secret": looks_secret});
    let lambda = &resource(inventory, "leaky-function")["attributes"]["Environment"]["Variables"];
    assert_eq!(lambda["DB_PASSWORD"], hidden(true));
    assert_eq!(lambda["LOG_LEVEL"], hidden(false));
    let task = &resource(inventory, "leaky-task:1")["attributes"]["containerDefinitions"][0];
    assert_eq!(
        task["environment"][0],
        json!({"name": "DB_PASSWORD", "value": "[redacted]", "looks_secret": true})
    );
    let build = &resource(inventory, "leaky-build")["attributes"];
    assert_eq!(
        build["source"]["location"],
        "https://[redacted]@github.com/example/app.git"
    );
    assert_eq!(
        build["environment"]["environmentVariables"][0]["value"],
        "[redacted]"
    );
    let job = &resource(inventory, "leaky-job")["attributes"]["DefaultArguments"];
    assert_eq!(job["--db_password"], hidden(true));
    assert_eq!(job["--enable-continuous-cloudwatch-log"], "true");
    let stage = &resource(inventory, "leaky-api/prod")["attributes"]["variables"];
    assert_eq!(stage["backendToken"], hidden(true));
    let v2 = &resource(inventory, "leaky-http/live")["attributes"]["stageVariables"];
    assert_eq!(v2["apiKey"], hidden(true));
    let emr = &resource(inventory, "leaky-emr")["attributes"]["Configurations"][0];
    assert_eq!(
        emr["Properties"]["javax.jdo.option.ConnectionPassword"],
        hidden(true)
    );
}

const ACCOUNT: &str = "123456789012";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn seeded_secrets_never_reach_the_dynamodb_table_or_the_queue() {
    let moto = Moto::start();
    let r = seed_secrets(&moto);
    let inst = Installation::create(&moto).await;
    let store = inst.deps.store.as_ref();
    // Registered directly through the store (the onboarding flow is tested on its own).
    let account = serde_json::from_value(json!({
        "account_id": ACCOUNT,
        "role_arn": format!("arn:aws:iam::{ACCOUNT}:role/parapet-scan"),
        "regions": ["us-east-1"],
    }))
    .unwrap();
    parapet::store::Store::put_account(store, &account)
        .await
        .unwrap();
    let key_secret = format!("secrets-test-key-{r}-{}", "k".repeat(32));
    let key = Arc::new(ExternalIdKey::new(key_secret.clone()).unwrap());
    let external_id = key.derive(ACCOUNT);
    let schedule = json!({
        "version": "0", "id": "5b0a4d6e-3f1c-4b2a-9e8d-7c6b5a4f3e2d",
        "detail-type": "Scheduled Event", "source": "aws.events",
        "account": ACCOUNT, "time": "2026-12-07T03:00:00Z", "region": "us-east-1",
        "resources": ["arn:aws:events:us-east-1:123456789012:rule/parapet-daily"], "detail": {}
    });
    let request = scheduler::ScheduleRequest::from_payload(&schedule).unwrap();
    let outcome = scheduler::schedule(
        store,
        inst.deps.queue.as_ref(),
        &inst.deps.sessions,
        &key,
        &request,
        chrono::Duration::hours(6),
    )
    .await
    .unwrap();
    assert_eq!(outcome.started.len(), 1, "{outcome:?}");
    let scan_id = outcome.started[0].scan_id.clone();

    let worker = parapet::pipeline::Worker::new(
        inst.deps.store.clone(),
        Arc::new(parapet::controls::Catalog::embedded().unwrap()),
        inst.deps.sessions.clone(),
        parapet::aws::Limiter::new(4),
    )
    .unwrap()
    .with_registry(key)
    .with_summary_requests(inst.deps.summary_requests.clone());
    let bodies = drain_recording(&inst, &worker).await;

    let mut secrets = seeded_values(&r);
    // Nor the account's ExternalId, nor the key it is derived from, nor a session token.
    secrets.extend([
        external_id,
        key_secret,
        MOTO_SESSION_TOKEN_PREFIX.to_string(),
    ]);
    assert_absent("the scan queue's messages", bodies.as_bytes(), &secrets);
    let table = inst.table_items().await.join("\n");
    assert_absent("the DynamoDB table", table.as_bytes(), &secrets);
    assert!(
        table.contains("[redacted]") && table.contains("leaky-function"),
        "the scan stored the seeded resources"
    );

    // The facts survived redaction in the serverless path too.
    let findings = scan_findings(store, &scan_id).await;
    let status = |control: &str, name: &str| {
        findings
            .iter()
            .find(|f| f.control_id == control && f.resource_name == name)
            .map(|f| f.status)
            .unwrap_or_else(|| panic!("no {control} finding for {name}"))
    };
    let ecs = "ecs_task_definitions_no_environment_secrets";
    assert_eq!(status(ecs, "leaky-task:1"), parapet::model::Status::Fail);
    assert_eq!(status(ecs, "clean-task:1"), parapet::model::Status::Pass);
}

/// Feeds the scan queue to the worker handler until it is empty; returns every message
/// body it carried.
async fn drain_recording(inst: &Installation, worker: &parapet::pipeline::Worker) -> String {
    let mut bodies = String::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    loop {
        assert!(
            std::time::Instant::now() < deadline,
            "the scan did not finish"
        );
        let (event, handles) = inst.receive(&inst.scan_queue).await;
        if handles.is_empty() {
            if inst.queue_depth(&inst.scan_queue).await == 0 {
                return bodies;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            continue;
        }
        for record in &event.records {
            bodies.push_str(record.body.as_deref().unwrap_or_default());
            bodies.push('\n');
        }
        let response = worker::handle(worker, event, MAX_RECEIVE).await;
        assert!(
            response.batch_item_failures.is_empty(),
            "no task should fail: {:?}",
            response.batch_item_failures
        );
        inst.acknowledge(&inst.scan_queue, &handles, &response)
            .await;
    }
}
