//! Failing findings as SARIF 2.1.0, for tools that show static-analysis results (code
//! scanning dashboards, IDE viewers). Each control is a rule; each failing finding a
//! result located at its resource (a logical location: there is no source file). Muted
//! failures are kept, with an external suppression carrying the mute reason.

use crate::controls::Catalog;
use crate::model::{Finding, Severity, Status};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Informational => "note",
    }
}

/// The 0-10 score code-scanning tools sort security results by.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Informational => "0.0",
    }
}

pub fn render_sarif(findings: &[Finding], catalog: &Catalog) -> String {
    let failing: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .collect();
    let mut rule_index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules = Vec::new();
    for f in &failing {
        if rule_index.contains_key(f.control_id.as_str()) {
            continue;
        }
        rule_index.insert(&f.control_id, rules.len());
        let c = catalog.control(&f.control_id);
        let mut help = c.map_or(String::new(), |c| c.meta.remediation.text.clone());
        if let Some(cli) = c.and_then(|c| c.meta.remediation.cli.as_deref()) {
            help.push_str("\n\n");
            help.push_str(cli);
        }
        rules.push(json!({
            "id": f.control_id,
            "name": f.control_id,
            "shortDescription": {"text": c.map_or(f.control_id.as_str(), |c| c.title.as_str())},
            "fullDescription": {"text": c.map_or("", |c| c.description.as_str())},
            "help": {"text": help},
            "defaultConfiguration": {"level": level(f.severity)},
            "properties": {
                "tags": ["security", f.service],
                "security-severity": security_severity(f.severity),
            },
        }));
    }
    let results: Vec<Value> = failing
        .iter()
        .map(|f| {
            let mut r = json!({
                "ruleId": f.control_id,
                "ruleIndex": rule_index[f.control_id.as_str()],
                "level": level(f.severity),
                "kind": "fail",
                "message": {"text": f.reason},
                "locations": [{
                    "logicalLocations": [{
                        "name": f.resource_name,
                        "fullyQualifiedName": f.resource_arn,
                        "kind": "resource",
                    }],
                }],
                "partialFingerprints": {"parapetFinding/v1": crate::report::ocsf::finding_uid(f)},
                "properties": {
                    "account_id": f.account_id,
                    "region": f.region,
                    "resource_type": f.resource_type,
                },
            });
            if let Some(m) = &f.muted {
                r["suppressions"] = json!([{"kind": "external", "justification": m.reason}]);
            }
            r
        })
        .collect();
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "parapet",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("JSON values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MutedBy;
    use crate::report::test_support::{catalog, finding};

    #[test]
    fn failing_findings_become_results_of_their_rule() {
        let cat = catalog(&["s3_a", "s3_b"]);
        let mut muted = finding("s3_b", Status::Fail);
        muted.muted = Some(MutedBy {
            rule_id: "r".into(),
            reason: "accepted risk".into(),
        });
        let findings = [
            finding("s3_a", Status::Pass),
            finding("s3_b", Status::Fail),
            muted,
        ];
        let v: Value = serde_json::from_str(&render_sarif(&findings, &cat)).unwrap();
        assert_eq!(v["version"], "2.1.0");
        assert_eq!(v["$schema"], SARIF_SCHEMA);
        let run = &v["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "parapet");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 1, "only controls with failures");
        assert_eq!(rules[0]["id"], "s3_b");
        assert_eq!(rules[0]["properties"]["security-severity"], "8.0");
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 2, "PASS is not a result");
        assert_eq!(results[0]["level"], "error");
        assert_eq!(results[0]["ruleIndex"], 0);
        assert!(results[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("bucket-s3_b"));
        assert_eq!(
            results[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "arn:aws:s3:::bucket-s3_b"
        );
        assert!(results[0].get("suppressions").is_none());
        assert_eq!(
            results[1]["suppressions"][0]["justification"],
            "accepted risk"
        );
    }
}
