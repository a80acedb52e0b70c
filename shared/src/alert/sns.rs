//! Alerts published to an SNS topic, through the hand-written AWS client (`aws::api`:
//! SigV4, retries of throttling, 5xx and transport failures with the SDK's limits). The
//! message is the webhook's JSON; a `type` message attribute lets subscriptions filter.

use super::deliver::DeliveryError;
use super::model::topic_region;
use crate::aws::{Api, CallCounter, Limiter, Protocol, Service};
use serde_json::json;

static SNS: Service = Service {
    signing_name: "sns",
    endpoint_prefix: "sns",
    protocol: Protocol::Query {
        version: "2010-03-31",
    },
    global: None,
};

pub struct SnsTopic {
    api: Api,
    topic_arn: String,
}

impl SnsTopic {
    /// The topic, reached with `config`'s credentials (and its endpoint override, if any)
    /// in the topic's own region.
    pub fn new(config: &aws_config::SdkConfig, topic_arn: &str) -> Result<Self, String> {
        let region = topic_region(topic_arn)?.to_string();
        Ok(SnsTopic {
            api: Api {
                config: config.clone(),
                counter: CallCounter::default(),
                limiter: Limiter::new(2),
                endpoint_override: config.endpoint_url().map(str::to_string),
                service: &SNS,
                region,
            },
            topic_arn: topic_arn.to_string(),
        })
    }

    /// Publishes one message (a webhook JSON body, `render::webhook_body`). Ok holds the
    /// attempts (one: the client retries inside).
    pub async fn publish(&self, body: &str) -> Result<u32, DeliveryError> {
        let (kind, subject) = subject_of(body);
        let input = json!({
            "TopicArn": self.topic_arn,
            "Subject": subject,
            "Message": body,
            "MessageAttributes.entry.1.Name": "type",
            "MessageAttributes.entry.1.Value.DataType": "String",
            "MessageAttributes.entry.1.Value.StringValue": kind,
        });
        match self.api.call("Publish", &input).await {
            Ok(_) => Ok(1),
            Err(e) => Err(DeliveryError {
                attempts: 1,
                // The client already retried what may pass; a 4xx left is a refusal
                // (no such topic, access denied, message too large).
                permanent: (400..500).contains(&e.status) && !e.code.contains("Throttl"),
                reason: e.to_string(),
            }),
        }
    }
}

/// The message's `type` and a one-line ASCII subject (SNS: at most 100 characters),
/// read from the body itself, so a dead letter is published again the same way.
fn subject_of(body: &str) -> (String, String) {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let kind = v["type"].as_str().unwrap_or("alert").to_string();
    let what = match (kind.as_str(), v["total"].as_u64()) {
        ("new_failures", Some(n)) => format!("{n} new failure(s)"),
        ("resolved", Some(n)) => format!("{n} failure(s) resolved"),
        ("scan_problem", _) => "scan incomplete".to_string(),
        (other, _) => other.replace('_', " "),
    };
    let account = v["account_id"].as_str().unwrap_or("?");
    let subject = format!("parapet: {what} in account {account}")
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(100)
        .collect();
    (kind, subject)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_short_ascii_lines() {
        let body = r#"{"type":"new_failures","total":12,"account_id":"123456789012\nx\u00e9"}"#;
        let (kind, subject) = subject_of(body);
        assert_eq!(kind, "new_failures");
        assert_eq!(
            subject,
            "parapet: 12 new failure(s) in account 123456789012x"
        );
        let (_, long) = subject_of(&format!(
            r#"{{"type":"test","account_id":"{}"}}"#,
            "9".repeat(500)
        ));
        assert_eq!(long.len(), 100);
    }
}
