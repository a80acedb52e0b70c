//! Findings as OCSF Detection Findings (class 2004, category 2 "Findings"), one JSON
//! object per finding in a JSON array, for SIEMs and Amazon Security Lake.
//!
//! Mapping: `status_code` is the control's verdict (PASS, FAIL, ...); `status_id` is the
//! finding's workflow state: 3 (Suppressed) when a mute rule matches, else 1 (New).

use crate::controls::Catalog;
use crate::model::{Finding, Severity};
use serde_json::{json, Value};

pub const OCSF_VERSION: &str = "1.3.0";
const DETECTION_FINDING: u32 = 2004;
const CREATE: u32 = 1;

fn severity_id(s: Severity) -> u32 {
    match s {
        Severity::Informational => 1,
        Severity::Low => 2,
        Severity::Medium => 3,
        Severity::High => 4,
        Severity::Critical => 5,
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Informational => "Informational",
        Severity::Low => "Low",
        Severity::Medium => "Medium",
        Severity::High => "High",
        Severity::Critical => "Critical",
    }
}

/// A stable id per account, region, control and resource, so a later scan's finding
/// updates the same record downstream.
pub fn finding_uid(f: &Finding) -> String {
    format!(
        "parapet-{}-{}-{}-{}",
        f.account_id, f.region, f.control_id, f.resource_arn
    )
}

pub fn ocsf_finding(f: &Finding, catalog: &Catalog) -> Value {
    let control = catalog.control(&f.control_id);
    let title = control.map_or(f.control_id.as_str(), |c| c.title.as_str());
    let desc = control.map_or("", |c| c.description.as_str());
    let compliance: Vec<Value> = catalog
        .frameworks
        .iter()
        .filter_map(|fw| {
            let reqs = fw.requirements_of(&f.control_id);
            (!reqs.is_empty()).then(|| json!({"benchmark": fw.id, "requirements": reqs}))
        })
        .collect();
    let (status_id, status) = if f.muted.is_some() {
        (3, "Suppressed")
    } else {
        (1, "New")
    };
    let mut v = json!({
        "class_uid": DETECTION_FINDING,
        "class_name": "Detection Finding",
        "category_uid": 2,
        "category_name": "Findings",
        "activity_id": CREATE,
        "activity_name": "Create",
        "type_uid": DETECTION_FINDING * 100 + CREATE,
        "type_name": "Detection Finding: Create",
        "time": f.last_seen.timestamp_millis(),
        "severity_id": severity_id(f.severity),
        "severity": severity_name(f.severity),
        "status_id": status_id,
        "status": status,
        "status_code": f.status.as_str(),
        "status_detail": f.reason,
        "message": f.reason,
        "metadata": {
            "version": OCSF_VERSION,
            "event_code": f.control_id,
            "product": {
                "name": "parapet",
                "vendor_name": "parapet",
                "version": env!("CARGO_PKG_VERSION"),
            },
        },
        "finding_info": {
            "uid": finding_uid(f),
            "title": title,
            "desc": desc,
            "types": [f.service],
            "created_time": f.first_seen.timestamp_millis(),
            "first_seen_time": f.first_seen.timestamp_millis(),
            "last_seen_time": f.last_seen.timestamp_millis(),
            "modified_time": f.status_changed_at.timestamp_millis(),
        },
        "cloud": {
            "provider": "AWS",
            "region": f.region,
            // The account has no other name in a finding; its id is what consoles show.
            "account": {"uid": f.account_id, "name": f.account_id, "type": "AWS Account", "type_id": 10},
        },
        "resources": [{
            "uid": f.resource_arn,
            "name": f.resource_name,
            "type": f.resource_type,
            "region": f.region,
            "group": {"name": f.service},
        }],
        "unmapped": {
            "scan_id": f.scan_id,
            "compliance": compliance,
        },
    });
    if let Some(c) = control {
        v["remediation"] = json!({"desc": c.meta.remediation.text});
    }
    if let Some(m) = &f.muted {
        v["unmapped"]["mute"] = json!({"rule_id": m.rule_id, "reason": m.reason});
    }
    v
}

/// A JSON array of Detection Findings.
pub fn render_ocsf(findings: &[Finding], catalog: &Catalog) -> String {
    let all: Vec<Value> = findings.iter().map(|f| ocsf_finding(f, catalog)).collect();
    serde_json::to_string_pretty(&all).expect("JSON values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MutedBy, Status};
    use crate::report::test_support::{catalog, finding};

    #[test]
    fn a_detection_finding_has_the_class_fields_and_keeps_the_verdict() {
        let cat = catalog(&["s3_x"]);
        let mut muted = finding("s3_x", Status::Fail);
        muted.muted = Some(MutedBy {
            rule_id: "r1".into(),
            reason: "site".into(),
        });
        let all: Vec<Value> =
            serde_json::from_str(&render_ocsf(&[finding("s3_x", Status::Fail), muted], &cat))
                .unwrap();
        let v = &all[0];
        assert_eq!(v["class_uid"], 2004);
        assert_eq!(v["category_uid"], 2);
        assert_eq!(v["type_uid"], 200401);
        assert_eq!(v["activity_id"], 1);
        assert_eq!(v["severity_id"], 4);
        assert_eq!(v["status_code"], "FAIL");
        assert_eq!(v["status_id"], 1);
        assert_eq!(v["finding_info"]["title"], "Title of s3_x");
        assert!(v["finding_info"]["uid"]
            .as_str()
            .unwrap()
            .contains("arn:aws:s3:::bucket-s3_x"));
        assert_eq!(v["metadata"]["version"], OCSF_VERSION);
        assert_eq!(v["metadata"]["product"]["name"], "parapet");
        assert_eq!(v["cloud"]["account"]["uid"], "123456789012");
        assert_eq!(v["resources"][0]["uid"], "arn:aws:s3:::bucket-s3_x");
        assert!(
            v["time"].as_i64().unwrap() > 1_700_000_000_000,
            "milliseconds"
        );
        assert_eq!(v["unmapped"]["compliance"][0]["requirements"][0], "2.1.1");
        assert_eq!(all[1]["status_id"], 3, "muted: Suppressed");
        assert_eq!(all[1]["status_code"], "FAIL", "keeps the verdict");
    }
}
