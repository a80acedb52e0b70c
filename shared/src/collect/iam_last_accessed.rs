//! When each IAM user or role last used each AWS service it has permissions for
//! (GenerateServiceLastAccessedDetails, then GetServiceLastAccessedDetails once the job
//! completes). Part of the `iam` collector; its own module because it is a job runner
//! rather than a mapping.

use crate::aws::failure;
use futures::stream::{self, StreamExt};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::time::Duration;

/// Jobs run at once (each is one Generate call and a few polls).
const CONCURRENT_JOBS: usize = 8;
/// How long one job may take before its principal is reported unreadable.
const POLLS: u32 = 60;
const POLL_EVERY: Duration = Duration::from_millis(500);

/// For each principal ARN, its services as `{namespace: last authenticated (RFC 3339) or
/// null when never used}`, or why it could not be read. When the first job fails (the
/// operation is denied or not offered), the others are not tried: they would fail alike.
pub(crate) async fn services_last_accessed(
    iam: &aws_sdk_iam::Client,
    arns: Vec<String>,
) -> HashMap<String, Result<Value, String>> {
    let mut out = HashMap::new();
    let mut rest = arns.into_iter();
    let Some(first) = rest.next() else {
        return out;
    };
    let first_result = one(iam, &first).await;
    if let Err(e) = &first_result {
        let reason = e.clone();
        out.insert(first, first_result);
        for arn in rest {
            out.insert(arn, Err(reason.clone()));
        }
        return out;
    }
    out.insert(first, first_result);
    let results: Vec<(String, Result<Value, String>)> = stream::iter(rest)
        .map(|arn| async move {
            let r = one(iam, &arn).await;
            (arn, r)
        })
        .buffer_unordered(CONCURRENT_JOBS)
        .collect()
        .await;
    out.extend(results);
    out
}

async fn one(iam: &aws_sdk_iam::Client, arn: &str) -> Result<Value, String> {
    let job = iam
        .generate_service_last_accessed_details()
        .arn(arn)
        .send()
        .await
        .map_err(|e| failure("GenerateServiceLastAccessedDetails", &e))?;
    // JobId is required by the model: without it there is no job to poll.
    let job_id = job
        .job_id()
        .filter(|id| !id.is_empty())
        .ok_or("GenerateServiceLastAccessedDetails answered without a JobId")?
        .to_string();
    let mut services = Map::new();
    let mut marker: Option<String> = None;
    let mut polls = 0;
    loop {
        let page = iam
            .get_service_last_accessed_details()
            .job_id(&job_id)
            .set_marker(marker.clone())
            .send()
            .await
            .map_err(|e| failure("GetServiceLastAccessedDetails", &e))?;
        match page.job_status().as_str() {
            "COMPLETED" => {}
            "FAILED" => {
                return Err(format!(
                    "service last accessed job failed: {}",
                    page.error().map(|e| e.message()).unwrap_or_default()
                ))
            }
            _ => {
                polls += 1;
                if polls >= POLLS {
                    return Err("service last accessed job did not complete in time".into());
                }
                tokio::time::sleep(POLL_EVERY).await;
                continue;
            }
        }
        for s in page.services_last_accessed() {
            services.insert(
                s.service_namespace().to_string(),
                super::support::ts(s.last_authenticated()),
            );
        }
        match (page.is_truncated(), page.marker()) {
            (true, Some(m)) => marker = Some(m.to_string()),
            _ => return Ok(Value::Object(services)),
        }
    }
}
