//! Findings and catalogs for the report modules' unit tests.

use crate::controls::{
    Assessment, Catalog, Control, ControlMeta, Framework, Remediation, Requirement,
};
use crate::model::{Finding, Severity, Status};
use chrono::{TimeZone, Utc};

pub fn finding(control: &str, status: Status) -> Finding {
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    Finding {
        control_id: control.into(),
        resource_arn: format!("arn:aws:s3:::bucket-{control}"),
        resource_name: format!("bucket-{control}"),
        resource_type: "AWS::S3::Bucket".into(),
        account_id: "123456789012".into(),
        region: "us-east-1".into(),
        service: "s3".into(),
        severity: Severity::High,
        status,
        reason: format!("bucket-{control} is {status}"),
        scan_id: "scan-1".into(),
        first_seen: at,
        last_seen: at,
        status_changed_at: at,
        muted: None,
    }
}

pub fn control(id: &str) -> Control {
    Control {
        title: format!("Title of {id}"),
        description: format!("What {id} checks."),
        meta: ControlMeta {
            id: id.into(),
            severity: Severity::High,
            service: "s3".into(),
            resource_type: "AWS::S3::Bucket".into(),
            requires: vec![],
            also_reads: vec![],
            risk: "risk".into(),
            remediation: Remediation {
                text: format!("Fix {id} <now> & here."),
                cli: Some(format!("aws s3api fix --{id}")),
                cloudformation: None,
                terraform: None,
            },
        },
        package: format!("parapet.aws.s3.{id}"),
        path: format!("aws/s3/{id}.rego"),
    }
}

pub fn catalog(ids: &[&str]) -> Catalog {
    Catalog {
        controls: ids.iter().map(|id| control(id)).collect(),
        frameworks: vec![Framework {
            id: "cis-aws-3.0".into(),
            name: "CIS AWS Foundations Benchmark".into(),
            version: "3.0.0".into(),
            requirements: vec![Requirement {
                id: "2.1.1".into(),
                section: "Storage".into(),
                description: "d".into(),
                assessment: Assessment::Automated,
                controls: ids.iter().map(|s| s.to_string()).collect(),
            }],
        }],
        rego: vec![],
        embedded_only: false,
    }
}
