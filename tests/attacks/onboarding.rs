//! Attacks: onboarding and task trust (see tests/attacks_moto.rs).
//!
//! Registrations arrive as the custom resource payloads CloudFormation sends, answered at
//! CloudFormation's real response URL form (delivered to a loopback server through the
//! test-only `PARAPET_CFN_RESPONSE_ENDPOINT` setting); scan tasks arrive as real SQS
//! messages of moto's queue.
//!
//! moto limits: STS AssumeRole ignores the ExternalId and the role's trust policy, so a
//! role that does not trust the scanner with the account's ExternalId is still assumed
//! here; only AWS shows that refusal. What moto does show: after AssumeRole,
//! GetCallerIdentity returns the role's account, which the onboard function checks.

use crate::installation::*;
use crate::support::*;
use parapet::pipeline::{new_scan, Worker};
use parapet::serverless::onboard::OnboardOutcome;
use parapet::serverless::worker;
use parapet::store::Store;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// moto's default account: the victim, registered by its own stack.
const VICTIM: &str = "123456789012";
const ATTACKER: &str = "210987654321";
const UNREGISTERED: &str = "111111111111";
const REGISTRATION: &str = "Custom::ParapetAccount";
const EXTERNAL_ID: &str = "Custom::ParapetExternalId";

fn role(account: &str) -> String {
    format!("arn:aws:iam::{account}:role/parapet-scan")
}

fn registration(account: &str, role_account: &str) -> Value {
    json!({"AccountId": account, "RoleArn": role(role_account), "Regions": "us-east-1"})
}

/// Sends a request to the onboard function; returns its result and the answer
/// CloudFormation's bucket received (path, body), if any.
async fn invoke(
    inst: &Installation,
    request: &Value,
) -> (anyhow::Result<OnboardOutcome>, Option<(String, Value)>) {
    let (endpoint, answers): (String, Receiver<(String, String, Value)>) =
        response_server_with_paths();
    let result = inst.onboard(&endpoint).handle(request).await;
    let wait = if result.is_ok() { 10 } else { 1 };
    let answer =
        answers
            .recv_timeout(Duration::from_secs(wait))
            .ok()
            .map(|(method, path, body)| {
                assert_eq!(method, "PUT");
                (path, body)
            });
    (result, answer)
}

/// A request that is applied and answered at its own stack's key; returns the answer.
async fn answered(inst: &Installation, request: &Value) -> Value {
    let (result, answer) = invoke(inst, request).await;
    let outcome = result.expect("the request is answered");
    let (path, body) = answer.expect("CloudFormation's bucket got the answer");
    let stack = request["StackId"].as_str().unwrap().replace(':', "%3A");
    assert!(path.starts_with(&format!("/{stack}%7C")), "{path}");
    assert_eq!(outcome.status, body["Status"]);
    body
}

async fn register(inst: &Installation, stack: &str, account: &str) -> Value {
    let request = cfn_request(
        "Create",
        stack,
        REGISTRATION,
        "Registration",
        None,
        registration(account, account),
    );
    answered(inst, &request).await
}

async fn dynamodb(inst: &Installation) -> aws_sdk_dynamodb::Client {
    aws_sdk_dynamodb::Client::new(&inst.deps.sessions.config(None, None).await.unwrap())
}

/// The account's registry item as stored, attribute by attribute.
async fn account_item(inst: &Installation, account: &str) -> Option<String> {
    let out = dynamodb(inst)
        .await
        .get_item()
        .table_name(&inst.deps.settings.table)
        .key(
            "pk",
            aws_sdk_dynamodb::types::AttributeValue::S(format!("ACCOUNT#{account}")),
        )
        .key(
            "sk",
            aws_sdk_dynamodb::types::AttributeValue::S("ACCOUNT".into()),
        )
        .consistent_read(true)
        .send()
        .await
        .unwrap();
    out.item()
        .map(|i| format!("{:?}", i.iter().collect::<BTreeMap<_, _>>()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stack_cannot_register_another_accounts_id() {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    register(&inst, &stack_id(VICTIM, "victim-target"), VICTIM).await;
    let before = account_item(&inst, VICTIM).await.unwrap();

    // The attacker's stack names the victim's account, with its own role or the victim's.
    for role_account in [ATTACKER, VICTIM] {
        for request_type in ["Create", "Update"] {
            let mut props = registration(VICTIM, role_account);
            props["Enabled"] = json!("false");
            let request = cfn_request(
                request_type,
                &stack_id(ATTACKER, "attacker-target"),
                REGISTRATION,
                "Registration",
                (request_type == "Update").then_some(VICTIM),
                props,
            );
            let answer = answered(&inst, &request).await;
            assert_eq!(answer["Status"], "FAILED", "{answer}");
            assert!(
                answer["Reason"]
                    .as_str()
                    .unwrap()
                    .contains("is not the account of the requesting stack"),
                "{answer}"
            );
        }
    }
    assert_eq!(account_item(&inst, VICTIM).await.unwrap(), before);
    assert_eq!(account_item(&inst, ATTACKER).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_whose_role_is_in_another_account_is_refused() {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let request = cfn_request(
        "Create",
        &stack_id(ATTACKER, "attacker-target"),
        REGISTRATION,
        "Registration",
        None,
        registration(ATTACKER, VICTIM),
    );
    let answer = answered(&inst, &request).await;
    assert_eq!(answer["Status"], "FAILED", "{answer}");
    assert!(
        answer["Reason"]
            .as_str()
            .unwrap()
            .contains(&format!("is not a role of account {ATTACKER}")),
        "{answer}"
    );
    assert_eq!(
        inst.table_items()
            .await
            .iter()
            .filter(|i| i.contains("ACCOUNT#"))
            .count(),
        0
    );

    // The same stack with its own role is accepted: the verification assumed the role
    // and moto's GetCallerIdentity answered the role's account.
    let request = cfn_request(
        "Create",
        &stack_id(ATTACKER, "attacker-target"),
        REGISTRATION,
        "Registration",
        None,
        registration(ATTACKER, ATTACKER),
    );
    assert_eq!(answered(&inst, &request).await["Status"], "SUCCESS");
    assert!(account_item(&inst, ATTACKER).await.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_registering_stack_changes_or_removes_a_registration() {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let owner = stack_id(VICTIM, "victim-target");
    register(&inst, &owner, VICTIM).await;
    let before = account_item(&inst, VICTIM).await.unwrap();
    assert!(before.contains(&owner), "the StackId is stored: {before}");

    let disabled = {
        let mut p = registration(VICTIM, VICTIM);
        p["Enabled"] = json!("false");
        p
    };
    let everything_excluded = {
        let mut p = registration(VICTIM, VICTIM);
        p["ExcludedResourceRegexes"] = json!([".*"]);
        p
    };
    // Another stack in the victim's own account (the only account whose stacks pass the
    // account checks), and a stack of the attacker's account.
    for stack in [
        stack_id(VICTIM, "second-stack"),
        stack_id(ATTACKER, "attacker-target"),
    ] {
        for (request_type, props) in [
            ("Create", disabled.clone()),
            ("Update", disabled.clone()),
            ("Update", everything_excluded.clone()),
            ("Delete", disabled.clone()),
        ] {
            let physical = (request_type != "Create").then_some(VICTIM);
            let request = cfn_request(
                request_type,
                &stack,
                REGISTRATION,
                "Registration",
                physical,
                props,
            );
            let answer = answered(&inst, &request).await;
            // A Delete that changes nothing still succeeds, so no stack deletion hangs.
            let expected = if request_type == "Delete" {
                "SUCCESS"
            } else {
                "FAILED"
            };
            assert_eq!(
                answer["Status"], expected,
                "{request_type} from {stack}: {answer}"
            );
            assert_eq!(
                account_item(&inst, VICTIM).await.unwrap(),
                before,
                "{request_type} from {stack} changed the registration"
            );
        }
    }

    // The owner's own Update and Delete do take effect.
    let update = cfn_request(
        "Update",
        &owner,
        REGISTRATION,
        "Registration",
        Some(VICTIM),
        disabled,
    );
    assert_eq!(answered(&inst, &update).await["Status"], "SUCCESS");
    let account = inst.deps.store.account(VICTIM).await.unwrap().unwrap();
    assert!(!account.enabled);
    let delete = cfn_request(
        "Delete",
        &owner,
        REGISTRATION,
        "Registration",
        Some(VICTIM),
        registration(VICTIM, VICTIM),
    );
    assert_eq!(answered(&inst, &delete).await["Status"], "SUCCESS");
    assert_eq!(account_item(&inst, VICTIM).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_go_only_to_the_requesting_stacks_response_key() {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let victim = stack_id(VICTIM, "victim-target");
    let real = response_url(&victim, "Registration", "0f4a9e3c");
    let (_, path_and_query) = real.split_at(real.find(".com/").unwrap() + 4);
    let elsewhere = [
        ("http", real.replacen("https://", "http://", 1)),
        ("host", format!("https://attacker.example{path_and_query}")),
        (
            "host",
            format!("https://cloudformation-custom-resource-response-attacker.s3.amazonaws.com{path_and_query}"),
        ),
        (
            "path",
            response_url(&stack_id(ATTACKER, "attacker-target"), "Registration", "0f4a9e3c"),
        ),
    ];
    let before = inst.table_items().await;
    for resource_type in [REGISTRATION, EXTERNAL_ID] {
        for (check, url) in &elsewhere {
            let mut request = cfn_request(
                "Create",
                &victim,
                resource_type,
                "Registration",
                None,
                registration(VICTIM, VICTIM),
            );
            request["ResponseURL"] = json!(url);
            let (result, answer) = invoke(&inst, &request).await;
            let err = format!("{:#}", result.expect_err("refused"));
            assert!(
                err.contains("ResponseURL") && err.contains(check),
                "{url}: {err}"
            );
            assert!(answer.is_none(), "{url} was answered: {answer:?}");
        }
    }
    assert_eq!(
        inst.table_items().await,
        before,
        "a refused request stored something"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_external_id_resource_answers_only_the_requesting_stacks_account() {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let mut ids = Vec::new();
    for account in [VICTIM, ATTACKER] {
        // A property naming another account is not a property of this resource.
        let request = cfn_request(
            "Create",
            &stack_id(account, "target"),
            EXTERNAL_ID,
            "ExternalIdSource",
            None,
            json!({"AccountId": UNREGISTERED}),
        );
        let (result, answer) = invoke(&inst, &request).await;
        let (_, body) = answer.unwrap();
        let id = body["Data"]["ExternalId"].as_str().unwrap().to_string();
        assert_eq!(id, inst.key.derive(account));
        assert_ne!(id, inst.key.derive(UNREGISTERED));
        assert!(
            id.len() == 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_eq!(body["NoEcho"], true);
        // The invocation result (which the invoker sees) never holds it.
        let outcome = serde_json::to_string(&result.unwrap()).unwrap();
        assert!(
            outcome.contains("SUCCESS") && !outcome.contains(&id),
            "{outcome}"
        );
        ids.push(id);
    }
    assert_ne!(ids[0], ids[1], "ExternalIds are per account");
    let delete = cfn_request(
        "Delete",
        &stack_id(VICTIM, "target"),
        EXTERNAL_ID,
        "ExternalIdSource",
        Some(&format!("parapet-external-id-{VICTIM}")),
        json!({}),
    );
    let answer = answered(&inst, &delete).await;
    assert_eq!(answer["Status"], "SUCCESS");
    assert!(answer["Data"].as_object().unwrap().is_empty(), "{answer}");
    assert!(
        inst.table_items().await.is_empty(),
        "the resource stores nothing"
    );
}

/// The worker function's worker, following continuations as the deployed one does.
fn registry_worker(inst: &Installation) -> Worker {
    inst.worker().with_continuations(inst.deps.queue.clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forged_scan_tasks_write_nothing() {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    register(&inst, &stack_id(VICTIM, "victim-target"), VICTIM).await;
    let store = inst.deps.store.as_ref();
    let scan = new_scan(VICTIM, &["us-east-1".to_string()], 40);
    store.create_scan(&scan).await.unwrap();
    let unregistered_scan = new_scan(UNREGISTERED, &["us-east-1".to_string()], 40);
    store.create_scan(&unregistered_scan).await.unwrap();
    let before = inst.table_items().await;

    let task = |scan_id: &str, account: &str, region: &str, collector: &str| {
        json!({"scan_id": scan_id, "account_id": account, "region": region,
               "collector": collector, "attempt": 0})
    };
    let mut forged = vec![
        // An account with no registration (its scan exists).
        task(&unregistered_scan.id, UNREGISTERED, "us-east-1", "ec2"),
        // A region the scan does not cover, and a global collector sent to a region.
        task(&scan.id, VICTIM, "eu-west-1", "ec2"),
        task(&scan.id, VICTIM, "us-east-1", "iam"),
        // Another account's scan, either way round, and a scan that does not exist.
        task(&unregistered_scan.id, VICTIM, "us-east-1", "ec2"),
        task(&scan.id, UNREGISTERED, "us-east-1", "ec2"),
        task("20261207T000000Z-deadbeef", VICTIM, "us-east-1", "ec2"),
        // A collector that does not exist.
        task(&scan.id, VICTIM, "us-east-1", "exfiltrate"),
    ];
    // Credentials in the message: an unregistered account reached through a role of
    // the attacker's choosing.
    let mut with_role = task(&unregistered_scan.id, UNREGISTERED, "us-east-1", "ec2");
    with_role["role_arn"] = json!(role(ATTACKER));
    with_role["external_id"] = json!("chosen-by-the-attacker");
    forged.push(with_role);
    for t in &forged {
        inst.send_raw(&inst.scan_queue, &t.to_string()).await;
    }

    let worker = registry_worker(&inst);
    let mut seen = 0;
    while seen < forged.len() {
        let (event, handles) = inst.receive(&inst.scan_queue).await;
        seen += handles.len();
        let response = worker::handle(&worker, event, MAX_RECEIVE).await;
        // Refused, not failed: SQS does not deliver them again.
        assert!(
            response.batch_item_failures.is_empty(),
            "{:?}",
            response.batch_item_failures
        );
        inst.acknowledge(&inst.scan_queue, &handles, &response)
            .await;
    }
    assert_eq!(
        inst.queue_depth(&inst.scan_queue).await,
        0,
        "nothing was queued"
    );
    assert_eq!(
        inst.table_items().await,
        before,
        "a forged task wrote to the table"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_role_named_in_a_task_is_never_used() {
    let moto = Moto::start();
    let mutate = |args: &[&str]| {
        let mut all = vec!["tests/support/mutate.py", "--endpoint-url", &moto.url];
        all.extend_from_slice(args);
        python(&all);
    };
    mutate(&["create-bucket", "victim-bucket"]);
    mutate(&["--account", ATTACKER, "create-bucket", "attacker-bucket"]);
    let inst = Installation::create(&moto).await;
    register(&inst, &stack_id(VICTIM, "victim-target"), VICTIM).await;
    let scan = new_scan(VICTIM, &["us-east-1".to_string()], 1);
    inst.deps.store.create_scan(&scan).await.unwrap();
    let task = json!({"scan_id": scan.id, "account_id": VICTIM, "region": "global",
                      "collector": "s3", "role_arn": role(ATTACKER),
                      "external_id": "chosen-by-the-attacker"});
    inst.send_raw(&inst.scan_queue, &task.to_string()).await;
    let worker = registry_worker(&inst);
    let (event, handles) = inst.receive(&inst.scan_queue).await;
    let response = worker::handle(&worker, event, MAX_RECEIVE).await;
    assert!(response.batch_item_failures.is_empty());
    inst.acknowledge(&inst.scan_queue, &handles, &response)
        .await;
    // The task ran as the victim's registered role: its bucket, not the attacker's.
    let arns: Vec<String> = inst
        .deps
        .store
        .resources(&scan.id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.arn)
        .collect();
    assert!(
        arns.contains(&"arn:aws:s3:::victim-bucket".to_string()),
        "{arns:?}"
    );
    assert!(
        !arns.iter().any(|a| a.contains("attacker-bucket")),
        "{arns:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_external_id_is_stored_or_queued_in_a_full_serverless_scan() {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let stack = stack_id(VICTIM, "victim-target");
    let source = cfn_request(
        "Create",
        &stack,
        EXTERNAL_ID,
        "ExternalIdSource",
        None,
        json!({}),
    );
    let external_id = answered(&inst, &source).await["Data"]["ExternalId"]
        .as_str()
        .unwrap()
        .to_string();
    register(&inst, &stack, VICTIM).await;
    let scan_id = inst.schedule_scan(VICTIM).await;

    // Drain the scan queue through the worker, keeping every message body, until the
    // scan finishes (moto's queue counts can read empty for a moment under load).
    let worker = registry_worker(&inst);
    let mut bodies = Vec::new();
    let finished = |scan: &parapet::model::Scan| scan.state != parapet::model::ScanState::Running;
    for _ in 0..600 {
        let (event, handles) = inst.receive(&inst.scan_queue).await;
        if handles.is_empty() {
            let scan = inst.deps.store.scan(&scan_id).await.unwrap().unwrap();
            if finished(&scan) && inst.queue_depth(&inst.scan_queue).await == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        }
        bodies.extend(event.records.iter().filter_map(|r| r.body.clone()));
        let response = worker::handle(&worker, event, MAX_RECEIVE).await;
        inst.acknowledge(&inst.scan_queue, &handles, &response)
            .await;
    }
    let scan = inst.deps.store.scan(&scan_id).await.unwrap().unwrap();
    assert!(finished(&scan), "{scan:?}");
    assert!(scan.tasks_done > 0 && !bodies.is_empty());

    let dump = inst.table_items().await;
    for secret in [external_id.as_str(), TEST_EXTERNAL_ID_KEY] {
        assert!(
            !dump.iter().any(|i| i.contains(secret)),
            "the table holds a secret"
        );
        assert!(
            !bodies.iter().any(|b| b.contains(secret)),
            "a task message holds a secret"
        );
    }
    assert!(
        bodies.iter().all(|b| !b.contains("role_arn")),
        "tasks carry ids only"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_reads_an_accounts_external_id_with_the_cli() {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let arn = inst.deps.settings.external_id_key_arn.clone().unwrap();
    let run = |account: &str| {
        parapet_env(
            &["accounts", "external-id", account, "--key-secret-arn", &arn],
            &[("AWS_ENDPOINT_URL", moto.url.as_str())],
        )
    };
    let out = run(VICTIM);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        inst.key.derive(VICTIM)
    );
    // The same id the ExternalId resource gives the account's own stack.
    let request = cfn_request(
        "Create",
        &stack_id(VICTIM, "target"),
        EXTERNAL_ID,
        "ExternalIdSource",
        None,
        json!({}),
    );
    let answer = answered(&inst, &request).await;
    assert_eq!(
        answer["Data"]["ExternalId"],
        String::from_utf8_lossy(&out.stdout).trim()
    );
    let bad = run("12345");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("12-digit"));
}
