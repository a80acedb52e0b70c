//! The CIS section 4 monitoring family end to end against moto_server: trail -> log group
//! -> metric filter -> alarm -> SNS topic with a subscriber. tests/support/seed_monitoring.py
//! seeds either every chain complete ("good": each control PASSes) or each chain broken in
//! one way ("bad": each control FAILs, for the reason checked here). One `parapet scan`
//! per test runs the real collectors (CloudWatch over the query protocol, CloudWatch Logs,
//! CloudTrail, SNS) and controls.
//!
//! moto gap: SNS subscriptions to SQS are confirmed at once, so "pending confirmation" is
//! covered only by the collector's logic, not here.

use crate::support;
use std::collections::BTreeMap;
use support::*;

const ACCOUNT: &str = "123456789012";

/// The 15 CIS 4.x controls, each with the reason fragment of its failure in the "bad"
/// scenario (see BROKEN in the seed script).
const FAMILY: &[(&str, &str)] = &[
    // "AccessDenied" spelled exactly misses "AccessDeniedException".
    (
        "cloudwatch_log_metric_filter_unauthorized_api_calls",
        "no metric filter",
    ),
    // Counts sign-ins with MFA instead of without.
    (
        "cloudwatch_log_metric_filter_sign_in_without_mfa",
        "no metric filter",
    ),
    // The alarm's ActionsEnabled is false.
    (
        "cloudwatch_log_metric_filter_root_usage",
        "actions are disabled",
    ),
    // Each "missing-event" filter leaves out the last event name of the CIS pattern.
    (
        "cloudwatch_log_metric_filter_policy_changes",
        "no metric filter",
    ),
    (
        "cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled",
        "no metric filter",
    ),
    // The filter is on a log group no trail writes to.
    (
        "cloudwatch_log_metric_filter_authentication_failures",
        "no metric filter",
    ),
    // The alarm's topic has no subscriber.
    (
        "cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk",
        "confirmed subscriber",
    ),
    (
        "cloudwatch_log_metric_filter_for_s3_bucket_policy_changes",
        "no metric filter",
    ),
    // The filter has no alarm.
    (
        "cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled",
        "no CloudWatch alarm",
    ),
    (
        "cloudwatch_log_metric_filter_security_group_changes",
        "actions are disabled",
    ),
    (
        "cloudwatch_changes_to_network_acls_alarm_configured",
        "no metric filter",
    ),
    (
        "cloudwatch_changes_to_network_gateways_alarm_configured",
        "confirmed subscriber",
    ),
    (
        "cloudwatch_changes_to_network_route_tables_alarm_configured",
        "no metric filter",
    ),
    // `{ $.eventName = * }` counts every event, so it alarms on nothing in particular.
    (
        "cloudwatch_changes_to_vpcs_alarm_configured",
        "no metric filter",
    ),
    (
        "cloudwatch_log_metric_filter_aws_organizations_changes",
        "no metric filter",
    ),
];

const ALARM_CONTROL: &str = "cloudwatch_alarm_actions_alarm_state_configured";

fn scan_scenario(scenario: &str) -> BTreeMap<(String, String), (String, String)> {
    let moto = Moto::start();
    python(&["tests/support/seed_monitoring.py", &moto.url, scenario]);
    let mut controls: Vec<&str> = FAMILY.iter().map(|(c, _)| *c).collect();
    controls.push(ALARM_CONTROL);
    scan_verdicts(&moto, &controls, &[])
}

fn verdict<'a>(
    found: &'a BTreeMap<(String, String), (String, String)>,
    control: &str,
    resource: &str,
) -> &'a (String, String) {
    found
        .get(&(control.to_string(), resource.to_string()))
        .unwrap_or_else(|| panic!("no finding of {control} on {resource}; found {found:#?}"))
}

#[test]
fn complete_chains_pass_every_control() {
    let found = scan_scenario("good");
    let mut wrong = Vec::new();
    for (control, _) in FAMILY {
        let (status, reason) = verdict(&found, control, ACCOUNT);
        if status != "PASS" {
            wrong.push(format!("{control}: {status} ({reason})"));
        }
    }
    for alarm in ["cis-RootAccountUsage", "cis-VPCChanges"] {
        let (status, reason) = verdict(&found, ALARM_CONTROL, alarm);
        if status != "PASS" {
            wrong.push(format!("{ALARM_CONTROL} on {alarm}: {status} ({reason})"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn each_broken_chain_fails_for_its_reason() {
    let found = scan_scenario("bad");
    let mut wrong = Vec::new();
    for (control, why) in FAMILY {
        let (status, reason) = verdict(&found, control, ACCOUNT);
        if status != "FAIL" || !reason.contains(why) {
            wrong.push(format!(
                "{control}: {status} ({reason}), expected FAIL with {why:?}"
            ));
        }
    }
    // The same disabled alarm is judged on its own too; an enabled one still passes.
    for (alarm, expected) in [
        ("cis-RootAccountUsage", "FAIL"),
        ("cis-SecurityGroupChanges", "FAIL"),
        ("cis-VPCChanges", "PASS"),
    ] {
        let (status, reason) = verdict(&found, ALARM_CONTROL, alarm);
        if status != expected {
            wrong.push(format!(
                "{ALARM_CONTROL} on {alarm}: {status} ({reason}), expected {expected}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
