use serde::{Deserialize, Serialize};

/// One unit of scan work: one collector, in one region of one account.
/// This is the SQS message body; see ARCHITECTURE.md "Messages". It carries ids only:
/// the worker reaches the account with the role its registration names and the
/// ExternalId it derives, so a message (forged or not) cannot choose either. Unknown
/// fields (a `role_arn` in an old or forged message) are ignored, never used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScanTask {
    pub scan_id: String,
    pub account_id: String,
    /// An AWS region, or `global` for collectors planned once per account.
    pub region: String,
    pub collector: String,
    /// Only these resources (real-time rescans); `None` collects everything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_ids: Option<Vec<String>>,
    /// Set on a continuation: the collector resumes after this resource id, where the
    /// task before it ran out of time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
    #[serde(default)]
    pub attempt: u32,
    /// Set on a summary refresh rather than a collection: recompute the finished scan's
    /// summary, unless one computed at or after this time is already stored. Rescans
    /// request one each, delayed, so a burst of them costs one recompute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_requested_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl ScanTask {
    /// A stable key for the task within its scan, used to count it done exactly once.
    /// Continuations share their first part's key: the part that runs out of time is not
    /// counted, the one that finishes the collector counts the whole chain.
    pub fn key(&self) -> String {
        format!("{}/{}/{}/", self.account_id, self.region, self.collector)
    }

    /// The follow-up of a task that ran out of time: the same collector, resuming after
    /// the resource id `after`.
    pub fn continuation(&self, after: String) -> ScanTask {
        ScanTask {
            page_token: Some(after),
            attempt: 0,
            ..self.clone()
        }
    }

    /// A task of the scan's plan, counted toward finishing it (not a real-time rescan or a
    /// summary refresh, which come after).
    pub fn is_planned(&self) -> bool {
        self.resource_ids.is_none() && self.summary_requested_at.is_none()
    }

    /// The request, sent after this rescan's writes, to refresh its scan's summary.
    pub fn summary_request(&self, at: chrono::DateTime<chrono::Utc>) -> ScanTask {
        ScanTask {
            resource_ids: None,
            page_token: None,
            attempt: 0,
            summary_requested_at: Some(at),
            ..self.clone()
        }
    }

    /// Parses a queue message body, naming what is wrong when it is not a task.
    pub fn from_message(body: &str) -> Result<Self, String> {
        let task: ScanTask =
            serde_json::from_str(body).map_err(|e| format!("malformed scan task message: {e}"))?;
        if task.scan_id.is_empty() || task.account_id.is_empty() || task.collector.is_empty() {
            return Err(
                "malformed scan task message: scan_id, account_id and collector must not be empty"
                    .into(),
            );
        }
        if !(task.account_id.len() == 12 && task.account_id.bytes().all(|b| b.is_ascii_digit())) {
            return Err(format!(
                "malformed scan task message: account_id {:?} is not a 12-digit AWS account id",
                task.account_id
            ));
        }
        Ok(task)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_credentials_in_a_message_and_never_sends_any() {
        let t = ScanTask::from_message(
            r#"{"scan_id":"s1","account_id":"123456789012","role_arn":"arn:aws:iam::999999999999:role/r","external_id":"SECRET-42","region":"us-east-1","collector":"ec2"}"#,
        )
        .unwrap();
        let shown = format!("{t:?} {}", serde_json::to_string(&t).unwrap());
        assert!(
            !shown.contains("SECRET-42") && !shown.contains("999999999999"),
            "{shown}"
        );
    }

    #[test]
    fn parses_a_minimal_message_and_rejects_bad_ones() {
        let t = ScanTask::from_message(
            r#"{"scan_id":"s1","account_id":"123456789012","region":"us-east-1","collector":"ec2"}"#,
        )
        .unwrap();
        assert_eq!(t.attempt, 0);
        assert!(t.resource_ids.is_none());

        let err = ScanTask::from_message(r#"{"scan_id":"s1"}"#).unwrap_err();
        assert!(err.contains("missing field"), "{err}");
        let err = ScanTask::from_message(
            r#"{"scan_id":"s1","account_id":"12","region":"us-east-1","collector":"ec2"}"#,
        )
        .unwrap_err();
        assert!(err.contains("12-digit"), "{err}");
    }
}
