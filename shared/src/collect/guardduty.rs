//! GuardDuty detectors and their open high-severity findings (regional), read through
//! `aws::api` (REST-JSON).

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::{
    api::{Method, Protocol},
    Api, ApiError, Service,
};
use serde_json::{json, Value};

pub const GUARDDUTY: Service = Service {
    signing_name: "guardduty",
    endpoint_prefix: "guardduty",
    protocol: Protocol::RestJson,
    global: None,
};

const TYPE: &str = "Parapet::GuardDuty::RegionSettings";

/// GuardDuty's "high" band starts at severity 7.0.
const HIGH_SEVERITY: f64 = 7.0;

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&GUARDDUTY, ctx.region);
    let _permit = ctx.permit(GUARDDUTY.signing_name, ctx.region).await;
    let ids = match api
        .rest_list(
            "ListDetectors",
            "/detector",
            &[("maxResults", "50".into())],
            "nextToken",
            "nextToken",
            "detectorIds",
        )
        .await
    {
        Ok(ids) => ids,
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    let mut errors = Errors::default();
    let mut detectors = Vec::new();
    let mut high = Some(0u64);
    for id in ids.iter().filter_map(Value::as_str) {
        let status = match api
            .rest(
                "GetDetector",
                Method::GET,
                &format!("/detector/{id}"),
                &[],
                None,
            )
            .await
        {
            Ok(d) => d["status"].clone(),
            Err(e) => {
                errors.record_api("detectors", &e);
                Value::Null
            }
        };
        if status == "ENABLED" {
            match open_high_findings(&api, id).await {
                Ok(n) => high = high.map(|h| h + n),
                Err(e) => {
                    errors.record_api("high_severity_findings", &e);
                    high = None;
                }
            }
        }
        detectors.push(json!({"DetectorId": id, "Status": status}));
    }
    out.resources.push(ctx.region_settings(
        TYPE,
        "guardduty",
        "detectors",
        errors.attach(json!({"detectors": detectors, "high_severity_findings": high})),
    ));
}

/// How many findings of the detector are not archived and have severity 7.0 or more.
async fn open_high_findings(api: &Api, detector: &str) -> Result<u64, ApiError> {
    let mut count = 0u64;
    let mut token: Option<String> = None;
    let mut seen = std::collections::HashSet::new();
    loop {
        let mut body = json!({
            "findingCriteria": {"criterion": {
                "severity": {"gte": HIGH_SEVERITY},
                "service.archived": {"eq": ["false"]}
            }},
            "maxResults": 50
        });
        if let Some(t) = &token {
            body["nextToken"] = json!(t);
        }
        let page = api
            .rest(
                "ListFindings",
                Method::POST,
                &format!("/detector/{detector}/findings"),
                &[],
                Some(&body),
            )
            .await?;
        count += page["findingIds"].as_array().map_or(0, |a| a.len() as u64);
        match page["nextToken"].as_str().filter(|t| !t.is_empty()) {
            Some(t) if seen.insert(t.to_string()) => token = Some(t.to_string()),
            _ => return Ok(count),
        }
    }
}
