//! Alerts put on an EventBridge bus, through the hand-written AWS client (`aws::api`).
//! One event per message: source `parapet`, detail-type `Parapet Alert`, detail the
//! webhook's JSON (so rules match on `detail.type`, `detail.account_id`, ...).

use super::deliver::DeliveryError;
use super::model::bus_region;
use crate::aws::{Api, CallCounter, Limiter, Protocol, Service};
use serde_json::{json, Value};

static EVENTS: Service = Service {
    signing_name: "events",
    endpoint_prefix: "events",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AWSEvents",
    },
    global: None,
};

pub const EVENT_SOURCE: &str = "parapet";
pub const EVENT_DETAIL_TYPE: &str = "Parapet Alert";

pub struct EventBus {
    api: Api,
    bus_arn: String,
}

impl EventBus {
    /// The bus, reached with `config`'s credentials (and endpoint override, if any) in
    /// the bus's own region.
    pub fn new(config: &aws_config::SdkConfig, bus_arn: &str) -> Result<Self, String> {
        let region = bus_region(bus_arn)?.to_string();
        Ok(EventBus {
            api: Api {
                config: config.clone(),
                counter: CallCounter::default(),
                limiter: Limiter::new(2),
                endpoint_override: config.endpoint_url().map(str::to_string),
                service: &EVENTS,
                region,
            },
            bus_arn: bus_arn.to_string(),
        })
    }

    /// Puts one event whose detail is `body` (a webhook JSON body).
    pub async fn put(&self, body: &str) -> Result<u32, DeliveryError> {
        let input = json!({"Entries": [{
            "EventBusName": self.bus_arn,
            "Source": EVENT_SOURCE,
            "DetailType": EVENT_DETAIL_TYPE,
            "Detail": body,
        }]});
        let answer = self
            .api
            .call("PutEvents", &input)
            .await
            .map_err(|e| DeliveryError {
                attempts: 1,
                // The client already retried what may pass; a 4xx left is a refusal.
                permanent: (400..500).contains(&e.status) && !e.code.contains("Throttl"),
                reason: e.to_string(),
            })?;
        entry_outcome(&answer)
    }
}

/// PutEvents answers 200 even when its entry failed: the entry's error code says.
fn entry_outcome(answer: &Value) -> Result<u32, DeliveryError> {
    let entry = &answer["Entries"][0];
    match entry["ErrorCode"].as_str() {
        None if entry["EventId"].is_string() => Ok(1),
        code => {
            let code = code.unwrap_or("NoEventId");
            let message = entry["ErrorMessage"].as_str().unwrap_or_default();
            Err(DeliveryError {
                attempts: 1,
                permanent: !matches!(code, "InternalFailure" | "ThrottlingException"),
                reason: super::plan::clip(&format!("PutEvents: {code}: {message}"), 300),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_entry_is_an_error() {
        assert_eq!(
            entry_outcome(&json!({"FailedEntryCount": 0, "Entries": [{"EventId": "e-1"}]})),
            Ok(1)
        );
        let err = entry_outcome(&json!({"FailedEntryCount": 1, "Entries": [
            {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}]}))
        .unwrap_err();
        assert!(
            err.permanent && err.reason.contains("MalformedDetail"),
            "{err}"
        );
        let err =
            entry_outcome(&json!({"Entries": [{"ErrorCode": "InternalFailure"}]})).unwrap_err();
        assert!(!err.permanent);
        assert!(
            entry_outcome(&json!({})).is_err(),
            "no entry is not a success"
        );
    }
}
