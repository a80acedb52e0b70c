//! `parapet scan --remote`: asks a deployed installation's scheduler function to start
//! scans now, instead of scanning from this machine. The caller's own credentials need
//! `lambda:InvokeFunction` on the scheduler; the scans then run in the installation.

use super::scheduler::ScheduleOutcome;
use crate::aws::{Clients, Protocol, Service};
use anyhow::Context;
use serde_json::{json, Value};

/// The scheduler's name in the scanner stack, after the stack's name prefix.
pub const SCHEDULER_FUNCTION: &str = "parapet-scheduler";

const LAMBDA: Service = Service {
    signing_name: "lambda",
    endpoint_prefix: "lambda",
    protocol: Protocol::RestJson,
    global: None,
};

/// Invokes `function` synchronously with the payload a hand invocation takes
/// (`{"account_id": ..}`, or `{}` for every registered account) and returns what the
/// scheduler did. A function error, or an answer that is not the scheduler's, is an
/// error naming the function.
pub async fn start_scans(
    clients: &Clients,
    region: &str,
    function: &str,
    account_id: Option<&str>,
) -> anyhow::Result<ScheduleOutcome> {
    let payload = match account_id {
        Some(id) => json!({ "account_id": id }),
        None => json!({}),
    };
    let path = format!(
        "/2015-03-31/functions/{}/invocations",
        crate::aws::api::enc(function)
    );
    let answer = clients
        .api(&LAMBDA, region)
        .rest("Invoke", http::Method::POST, &path, &[], Some(&payload))
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("cannot invoke {function} in {region}"))?;
    outcome_of(function, answer)
}

/// The scheduler's result, or the error it (or Lambda) reported.
fn outcome_of(function: &str, answer: Value) -> anyhow::Result<ScheduleOutcome> {
    // A function that threw answers 200 with {"errorType", "errorMessage"} (and an
    // X-Amz-Function-Error header).
    if let Some(message) = answer.get("errorMessage").and_then(Value::as_str) {
        let kind = answer
            .get("errorType")
            .and_then(Value::as_str)
            .unwrap_or("error");
        anyhow::bail!("{function} failed: {kind}: {message}");
    }
    serde_json::from_value(answer.clone()).with_context(|| {
        format!("{function} answered {answer}, which is not a scheduler result: is it parapet's scheduler?")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_outcome_and_names_failures() {
        let ok = outcome_of(
            "parapet-scheduler",
            json!({"started": [{"account_id": "123456789012", "scan_id": "s1", "tasks": 120,
                                "regions": ["us-east-1"]}],
                   "skipped": [{"account_id": "111111111111", "reason": "disabled"}]}),
        )
        .unwrap();
        assert_eq!(ok.started[0].scan_id, "s1");
        assert_eq!(ok.skipped[0].reason, "disabled");
        let err = outcome_of(
            "parapet-scheduler",
            json!({"errorType": "Error", "errorMessage": "account 999999999999 is not registered"}),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "parapet-scheduler failed: Error: account 999999999999 is not registered"
        );
        let err = outcome_of("other", json!({"statusCode": 200}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a scheduler result"), "{err}");
    }
}
