//! Findings in the AWS Security Finding Format (ASFF), as a JSON array ready for Security
//! Hub's BatchImportFindings (which takes at most 100 findings per call).

use crate::controls::Catalog;
use crate::model::{Finding, Severity, Status, GLOBAL_REGION};
use serde_json::{json, Value};

pub const ASFF_SCHEMA_VERSION: &str = "2018-10-08";

/// ASFF text limits: Title 256 characters, Description 1024, recommendation text 512.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// `AWS::S3::Bucket` -> `AwsS3Bucket`, the ASFF resource type naming; parapet's own
/// settings types have no ASFF counterpart and become `Other`.
pub fn asff_resource_type(cloudformation_type: &str) -> String {
    if !cloudformation_type.starts_with("AWS::") {
        return "Other".into();
    }
    cloudformation_type.split("::").map(pascal_part).collect()
}

/// `AWS` -> `Aws`, `EC2` -> `Ec2`, `DBInstance` -> `DbInstance`, `SecurityGroup` kept:
/// a leading acronym keeps only its first capital.
fn pascal_part(part: &str) -> String {
    let chars: Vec<char> = part.chars().collect();
    let run = chars
        .iter()
        .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        .count();
    // In `DBInstance` the run is `DBI`; its last capital starts the next word.
    let acronym = if run == chars.len() {
        run
    } else {
        run.saturating_sub(1)
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i > 0 && i < acronym {
                c.to_ascii_lowercase()
            } else {
                *c
            }
        })
        .collect()
}

fn compliance_status(s: Status) -> &'static str {
    match s {
        Status::Pass => "PASSED",
        Status::Fail => "FAILED",
        Status::Info => "WARNING",
        Status::Error | Status::Skipped | Status::Muted => "NOT_AVAILABLE",
    }
}

fn label(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "CRITICAL",
        Severity::High => "HIGH",
        Severity::Medium => "MEDIUM",
        Severity::Low => "LOW",
        Severity::Informational => "INFORMATIONAL",
    }
}

/// One ASFF finding. `home_region` stands in for `global` (IAM, S3 listing), since
/// Security Hub findings live in a region.
pub fn asff_finding(f: &Finding, catalog: &Catalog, home_region: &str) -> Value {
    let region = if f.region == GLOBAL_REGION {
        home_region
    } else {
        f.region.as_str()
    };
    let control = catalog.control(&f.control_id);
    let title = control.map_or(f.control_id.clone(), |c| c.title.clone());
    let requirements: Vec<String> = catalog
        .frameworks
        .iter()
        .flat_map(|fw| {
            fw.requirements_of(&f.control_id)
                .into_iter()
                .map(move |r| format!("{} {r}", fw.id))
        })
        .collect();
    let mut types = vec!["Software and Configuration Checks".to_string()];
    if requirements.iter().any(|r| r.starts_with("cis-aws")) {
        types.push(
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"
                .into(),
        );
    }
    let mut v = json!({
        "SchemaVersion": ASFF_SCHEMA_VERSION,
        "Id": crate::report::ocsf::finding_uid(f),
        "ProductArn": format!("arn:aws:securityhub:{region}:{0}:product/{0}/default", f.account_id),
        "GeneratorId": format!("parapet/{}", f.control_id),
        "AwsAccountId": f.account_id,
        "Types": types,
        "FirstObservedAt": f.first_seen.to_rfc3339(),
        "LastObservedAt": f.last_seen.to_rfc3339(),
        "CreatedAt": f.first_seen.to_rfc3339(),
        "UpdatedAt": f.last_seen.to_rfc3339(),
        "Severity": {"Label": label(f.severity)},
        "Title": clip(&title, 256),
        "Description": clip(&f.reason, 1024),
        "ProductName": "parapet",
        "Region": region,
        "Resources": [{
            "Type": asff_resource_type(&f.resource_type),
            "Id": f.resource_arn,
            "Partition": "aws",
            "Region": region,
        }],
        "Compliance": {
            "Status": compliance_status(f.status),
            "RelatedRequirements": requirements.iter().take(32).collect::<Vec<_>>(),
        },
        "Workflow": {"Status": if f.muted.is_some() { "SUPPRESSED" } else { "NEW" }},
        "RecordState": "ACTIVE",
        "ProductFields": {
            "parapet/control_id": f.control_id,
            "parapet/status": f.status.as_str(),
            "parapet/scan_id": f.scan_id,
        },
    });
    if let Some(c) = control {
        v["Remediation"] = json!({"Recommendation": {"Text": clip(&c.meta.remediation.text, 512)}});
    }
    if let Some(m) = &f.muted {
        v["Note"] = json!({
            "Text": clip(&format!("muted by {}: {}", m.rule_id, m.reason), 512),
            "UpdatedBy": "parapet",
            "UpdatedAt": f.last_seen.to_rfc3339(),
        });
    }
    v
}

pub fn render_asff(findings: &[Finding], catalog: &Catalog, home_region: &str) -> String {
    let all: Vec<Value> = findings
        .iter()
        .map(|f| asff_finding(f, catalog, home_region))
        .collect();
    serde_json::to_string_pretty(&all).expect("JSON values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MutedBy;
    use crate::report::test_support::{catalog, finding};

    /// Security Hub rejects a finding without any of these.
    const REQUIRED: [&str; 12] = [
        "SchemaVersion",
        "Id",
        "ProductArn",
        "GeneratorId",
        "AwsAccountId",
        "Types",
        "CreatedAt",
        "UpdatedAt",
        "Severity",
        "Title",
        "Description",
        "Resources",
    ];

    #[test]
    fn every_required_field_is_present_and_shaped() {
        let cat = catalog(&["s3_x"]);
        let mut f = finding("s3_x", Status::Fail);
        f.region = GLOBAL_REGION.into();
        f.reason = "x".repeat(2000);
        let v = asff_finding(&f, &cat, "eu-west-1");
        for field in REQUIRED {
            assert!(!v[field].is_null(), "{field} missing: {v}");
        }
        assert_eq!(
            v["ProductArn"],
            "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default"
        );
        assert_eq!(v["Resources"][0]["Type"], "AwsS3Bucket");
        assert_eq!(v["Resources"][0]["Region"], "eu-west-1");
        assert_eq!(v["Severity"]["Label"], "HIGH");
        assert_eq!(v["Compliance"]["Status"], "FAILED");
        assert_eq!(v["Description"].as_str().unwrap().chars().count(), 1024);
        assert!(chrono::DateTime::parse_from_rfc3339(v["CreatedAt"].as_str().unwrap()).is_ok());
        assert_eq!(v["Workflow"]["Status"], "NEW");
    }

    #[test]
    fn muted_findings_are_suppressed_and_settings_types_are_other() {
        let cat = catalog(&["s3_x"]);
        let mut f = finding("s3_x", Status::Fail);
        f.muted = Some(MutedBy {
            rule_id: "r".into(),
            reason: "ok".into(),
        });
        f.resource_type = "Parapet::S3::AccountSettings".into();
        let v = asff_finding(&f, &cat, "us-east-1");
        assert_eq!(v["Workflow"]["Status"], "SUPPRESSED");
        assert_eq!(v["Compliance"]["Status"], "FAILED");
        assert_eq!(v["Resources"][0]["Type"], "Other");
        assert_eq!(
            asff_resource_type("AWS::EC2::SecurityGroup"),
            "AwsEc2SecurityGroup"
        );
        assert_eq!(
            asff_resource_type("AWS::RDS::DBInstance"),
            "AwsRdsDbInstance"
        );
        assert_eq!(
            asff_resource_type("AWS::CloudTrail::Trail"),
            "AwsCloudTrailTrail"
        );
        assert_eq!(asff_resource_type("AWS::IAM::User"), "AwsIamUser");
    }
}
