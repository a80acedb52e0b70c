//! Decoding tests for the control-plane collectors (IAM, CloudTrail, CloudWatch, Config,
//! Route 53, WAF, Network Firewall, CloudFront, Auto Scaling): each run against AWS's
//! documented answer shapes (`shared/tests/fixtures/aws_answers`, sources in its README),
//! asserting the resources it builds with the JSON types controls expect.

use super::replay::{first_of, only, unknown_naming, Replay, Route, ACCESS_DENIED_XML};
use super::Collected;
use serde_json::{json, Value};

/// Whether `collected` failed `resource_type` with a reason naming `operation`.
fn failed(collected: &Collected, resource_type: &str, operation: &str) -> bool {
    collected
        .failures
        .iter()
        .any(|f| f.resource_type == resource_type && f.reason.contains(operation))
}

#[tokio::test]
async fn auto_scaling_group_decodes_members_and_launch_configuration() {
    let replay = Replay::serve(&["autoscaling"], &[]);
    let collected = replay.collect("autoscaling").await;
    let g = only(&collected, "AWS::AutoScaling::AutoScalingGroup");
    let a = &g.attributes;
    assert!(
        g.arn.ends_with(":autoScalingGroupName/web-asg"),
        "{}",
        g.arn
    );
    assert_eq!(g.name, "web-asg");
    assert_eq!(g.tags.get("env").map(String::as_str), Some("prod"));
    assert_eq!(a["MinSize"], json!(1));
    assert_eq!(a["DesiredCapacity"], json!(2));
    assert_eq!(a["NewInstancesProtectedFromScaleIn"], false);
    assert_eq!(a["CreatedTime"], "2023-03-09T12:06:07.567Z");
    // One-member lists stay lists; empty ones are empty lists.
    assert_eq!(a["AvailabilityZones"], json!(["us-east-1a"]));
    assert_eq!(a["LoadBalancerNames"], json!([]));
    assert_eq!(a["Instances"][0]["ProtectedFromScaleIn"], false);
    let lc = &a["launch_configuration"];
    assert_eq!(lc["LaunchConfigurationName"], "web-lc");
    assert_eq!(lc["MetadataOptions"]["HttpTokens"], "required");
    assert_eq!(lc["MetadataOptions"]["HttpPutResponseHopLimit"], json!(1));
    assert_eq!(
        replay.operations(),
        ["DescribeAutoScalingGroups", "DescribeLaunchConfigurations"]
    );
}

#[tokio::test]
async fn auto_scaling_failed_launch_configurations_fail_the_type() {
    let replay = Replay::serve(&["autoscaling"], &[]);
    replay.answer_with(
        "DescribeLaunchConfigurations",
        "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized</Message></Error></ErrorResponse>",
    );
    let collected = replay.collect("autoscaling").await;
    assert!(
        failed(
            &collected,
            "AWS::AutoScaling::AutoScalingGroup",
            "DescribeLaunchConfigurations"
        ),
        "{:?}",
        collected.failures
    );
}

#[tokio::test]
async fn config_recorder_decodes_group_and_status() {
    let replay = Replay::serve(&["config"], &[]);
    let collected = replay.collect("config").await;
    let s = only(&collected, "Parapet::Config::RegionSettings");
    let r = &s.attributes["recorders"];
    assert_eq!(r.as_array().map(Vec::len), Some(1), "{r}");
    assert_eq!(r[0]["name"], "default");
    assert_eq!(r[0]["recording"], true);
    assert_eq!(r[0]["last_status"], "Success");
    assert_eq!(r[0]["all_supported"], true);
    assert_eq!(r[0]["include_global_resource_types"], true);
}

#[tokio::test]
async fn config_unreadable_status_is_a_failure_not_a_stopped_recorder() {
    let replay = Replay::serve(&["config"], &[]);
    replay.answer_with(
        "DescribeConfigurationRecorderStatus",
        r#"{"__type": "AccessDeniedException", "message": "not authorized"}"#,
    );
    let collected = replay.collect("config").await;
    assert!(
        failed(
            &collected,
            "Parapet::Config::RegionSettings",
            "DescribeConfigurationRecorderStatus"
        ),
        "{:?}",
        collected.failures
    );
    assert!(collected.resources.is_empty());
}

const ROUTE53_ROUTES: &[Route] = &[
    ("GET", "/2013-04-01/hostedzone", "ListHostedZones"),
    (
        "GET",
        "/2013-04-01/queryloggingconfig",
        "ListQueryLoggingConfigs",
    ),
];

#[tokio::test]
async fn route53_zone_decodes_config_and_query_logging() {
    let replay = Replay::serve(&["route53"], ROUTE53_ROUTES);
    let collected = replay.collect("route53").await;
    let z = only(&collected, "AWS::Route53::HostedZone");
    let a = &z.attributes;
    assert_eq!(z.arn, "arn:aws:route53:::hostedzone/Z1D633PJN98FT9");
    assert_eq!(z.name, "example.com.");
    assert_eq!(a["Id"], "Z1D633PJN98FT9");
    assert_eq!(a["Config"]["PrivateZone"], false);
    assert_eq!(a["ResourceRecordSetCount"], json!(17));
    let logging = &a["query_logging_configs"];
    assert_eq!(logging.as_array().map(Vec::len), Some(1), "{logging}");
    assert_eq!(
        logging[0]["CloudWatchLogsLogGroupArn"],
        "arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53/example.com:*"
    );
}

#[tokio::test]
async fn route53_unreadable_logging_is_unknown_not_empty() {
    let replay = Replay::serve(&["route53"], ROUTE53_ROUTES);
    replay.answer_with("ListQueryLoggingConfigs", ACCESS_DENIED_XML);
    let collected = replay.collect("route53").await;
    let z = first_of(&collected, "AWS::Route53::HostedZone");
    unknown_naming(z, "query_logging_configs", "ListQueryLoggingConfigs");
}

#[tokio::test]
async fn cloudwatch_alarm_decodes_actions_and_state() {
    let replay = Replay::serve(&["cloudwatch"], &[]);
    let collected = replay.collect("cloudwatch").await;
    let alarm = only(&collected, "AWS::CloudWatch::Alarm");
    let a = &alarm.attributes;
    assert_eq!(
        alarm.arn,
        "arn:aws:cloudwatch:us-east-1:111122223333:alarm:root-account-usage"
    );
    assert_eq!(alarm.name, "root-account-usage");
    assert_eq!(a["ActionsEnabled"], true);
    assert_eq!(
        a["AlarmActions"],
        json!(["arn:aws:sns:us-east-1:111122223333:security-alerts"])
    );
    assert_eq!(a["StateValue"], "OK");
}

#[tokio::test]
async fn cloudwatch_renamed_alarm_list_fails_the_type() {
    let replay = Replay::serve(&["cloudwatch"], &[]);
    replay.answer_with(
        "DescribeAlarms",
        r#"<DescribeAlarmsResponse><DescribeAlarmsResult><Alarms><member><AlarmName>x</AlarmName></member></Alarms></DescribeAlarmsResult></DescribeAlarmsResponse>"#,
    );
    let collected = replay.collect("cloudwatch").await;
    assert!(
        failed(&collected, "AWS::CloudWatch::Alarm", "DescribeAlarms"),
        "{:?} {:?}",
        collected.failures,
        collected.resources
    );
}

/// The trail bucket's reads (path-style S3), the account block (S3 Control).
const TRAIL_ROUTES: &[Route] = &[
    (
        "GET",
        "/v20180820/configuration/publicAccessBlock",
        "GetAccountPublicAccessBlock",
    ),
    ("GET", "/{}?policy", "GetBucketPolicy"),
    ("GET", "/{}?publicAccessBlock", "GetPublicAccessBlock"),
    ("GET", "/{}?logging", "GetBucketLogging"),
    ("GET", "/{}?ownershipControls", "GetBucketOwnershipControls"),
    ("GET", "/{}?acl", "GetBucketAcl"),
];

const TRAIL_SERVICES: &[&str] = &["cloudtrail", "logs", "cloudwatch", "sns", "s3", "s3control"];

#[tokio::test]
async fn cloudtrail_trail_decodes_status_selectors_and_monitoring() {
    let replay = Replay::serve(TRAIL_SERVICES, TRAIL_ROUTES);
    let collected = replay.collect("cloudtrail").await;
    let t = only(&collected, "AWS::CloudTrail::Trail");
    let a = &t.attributes;
    assert_eq!(
        t.arn,
        "arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events"
    );
    assert_eq!(t.name, "management-events");
    assert_eq!(a["IsMultiRegionTrail"], true);
    assert_eq!(a["LogFileValidationEnabled"], true);
    assert_eq!(a["IsOrganizationTrail"], false);
    assert_eq!(a["status"]["IsLogging"], true);
    assert_eq!(
        a["status"]["LatestDeliveryTime"],
        "2023-11-14T22:15:23.456Z"
    );
    let selector = &a["event_selectors"]["EventSelectors"][0];
    assert!(!selector.is_null(), "{a}");
    assert_eq!(
        a["insight_types"],
        json!(["ApiCallRateInsight", "ApiErrorRateInsight"])
    );
    let filter = &a["metric_filters"][0];
    assert_eq!(filter["name"], "root-account-usage");
    assert_eq!(filter["monitors"], json!(["root_usage"]));
    assert_eq!(filter["alarms"][0]["name"], "root-account-usage");
    assert_eq!(filter["alarms"][0]["actions_enabled"], true);
    assert_eq!(filter["alarms"][0]["subscribed_topics"], json!(1));
    assert!(a["bucket_logging"]["TargetBucket"].is_string(), "{a}");
    let exposure = &a["bucket_exposure"];
    assert_eq!(exposure["bucket"], "trail-logs-111122223333");
    assert_eq!(exposure["policy"]["Statement"][0]["Effect"], "Deny");
    assert_eq!(exposure["public_access_block"]["BlockPublicAcls"], true);
    assert_eq!(
        exposure["account_public_access_block"]["BlockPublicPolicy"],
        true
    );
    // The account's summary: what "no trail logs X" controls read.
    let s = only(&collected, "Parapet::CloudTrail::AccountSettings");
    let summary = &s.attributes["trails"][0];
    assert_eq!(summary["logging"], true);
    assert_eq!(summary["multi_region"], true);
    assert_eq!(summary["management_events"], true);
    assert_eq!(
        summary["s3_data_events"],
        json!({"read": true, "write": true})
    );
}

#[tokio::test]
async fn cloudtrail_unreadable_status_is_unknown_and_insights_off_is_empty() {
    let replay = Replay::serve(TRAIL_SERVICES, TRAIL_ROUTES);
    replay.answer_with(
        "GetTrailStatus",
        r#"{"__type": "AccessDeniedException", "Message": "not authorized"}"#,
    );
    // How CloudTrail answers for a trail without Insights.
    replay.answer_with(
        "GetInsightSelectors",
        r#"{"__type": "InsightNotEnabledException", "Message": "Trail management-events does not have Insights enabled."}"#,
    );
    let collected = replay.collect("cloudtrail").await;
    let t = first_of(&collected, "AWS::CloudTrail::Trail");
    unknown_naming(t, "status", "GetTrailStatus");
    assert_eq!(t.attributes["insight_types"], json!([]));
    let s = first_of(&collected, "Parapet::CloudTrail::AccountSettings");
    assert_eq!(s.attributes["trails"][0]["logging"], Value::Null);
    assert!(
        s.attributes["errors"]["trails"]
            .as_str()
            .is_some_and(|e| e.contains("GetTrailStatus")),
        "{}",
        s.attributes
    );
}

const ACCOUNT_ROUTES: &[Route] = &[
    ("POST", "/getAlternateContact", "GetAlternateContact"),
    ("POST", "/getContactInformation", "GetContactInformation"),
];

#[tokio::test]
async fn iam_principals_policies_and_account_settings_decode() {
    let replay = Replay::serve(&["iam", "account"], ACCOUNT_ROUTES);
    let collected = replay.collect("iam").await;
    let user = only(&collected, "AWS::IAM::User");
    let u = &user.attributes;
    assert_eq!(user.arn, "arn:aws:iam::111122223333:user/deploy");
    assert_eq!(user.tags.get("team").map(String::as_str), Some("platform"));
    assert_eq!(u["CreateDate"], "2013-10-14T18:32:24Z");
    assert_eq!(u["groups"], json!(["deployers"]));
    assert_eq!(
        u["attached_policies"],
        json!([{"PolicyName": "write-logs", "PolicyArn": "arn:aws:iam::111122223333:policy/write-logs"}])
    );
    // Inline documents arrive URL-encoded and are kept as JSON.
    let document = &u["inline_policies"][0]["PolicyDocument"];
    assert_eq!(document["Statement"][0]["Action"], "s3:GetObject");
    // Credential report cells are typed: booleans, nulls for N/A, RFC 3339 text.
    assert_eq!(u["credential"]["password_enabled"], true);
    assert_eq!(u["credential"]["mfa_active"], false);
    assert_eq!(u["credential"]["access_key_2_last_rotated"], Value::Null);
    assert_eq!(
        u["credential"]["access_key_1_last_used_date"],
        "2023-06-03T08:00:00+00:00"
    );
    assert_eq!(
        u["service_last_accessed"],
        json!({"s3": "2018-10-24T19:11:00Z", "bedrock": null})
    );
    let role = only(&collected, "AWS::IAM::Role");
    let r = &role.attributes;
    assert_eq!(role.name, "web-instance");
    assert_eq!(
        r["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"],
        "ec2.amazonaws.com"
    );
    assert_eq!(
        r["instance_profiles"],
        json!(["arn:aws:iam::111122223333:instance-profile/web-instance"])
    );
    assert_eq!(r["RoleLastUsed"]["LastUsedDate"], "2019-11-18T05:26:34Z");
    assert_eq!(r["inline_policies"], json!([]));
    let group = only(&collected, "AWS::IAM::Group");
    assert_eq!(
        group.attributes["attached_policies"][0]["PolicyName"],
        "write-logs"
    );
    // The unattached AWS managed policy is left out; the customer one keeps its default version.
    let policy = only(&collected, "AWS::IAM::Policy");
    let p = &policy.attributes;
    assert_eq!(p["AttachmentCount"], json!(3));
    assert_eq!(p["IsAttachable"], true);
    assert_eq!(p["aws_managed"], false);
    assert_eq!(
        p["document"]["Statement"][0]["Action"],
        json!(["logs:CreateLogStream", "logs:PutLogEvents"])
    );
    let cert = only(&collected, "AWS::IAM::ServerCertificate");
    assert_eq!(cert.attributes["Expiration"], "2024-04-22T23:59:59Z");
    let settings = only(&collected, "Parapet::Account::Settings");
    let s = &settings.attributes;
    assert_eq!(s["password_policy"]["MinimumPasswordLength"], json!(14));
    assert_eq!(s["password_policy"]["PasswordReusePrevention"], json!(24));
    assert_eq!(s["password_policy"]["HardExpiry"], false);
    assert_eq!(s["account_summary"]["AccountMFAEnabled"], json!(1));
    assert_eq!(s["account_summary"]["AccountAccessKeysPresent"], json!(0));
    assert_eq!(s["root"]["mfa_active"], true);
    assert_eq!(s["root"]["password_enabled"], Value::Null);
    // The only virtual device is a user's: the root user has none.
    assert_eq!(s["root_virtual_mfa"], false);
    assert_eq!(
        s["support_role"],
        json!({"attached": true, "roles": ["support"], "users": [], "groups": []})
    );
    assert_eq!(
        s["saml_providers"],
        json!(["arn:aws:iam::111122223333:saml-provider/corporate-idp"])
    );
    assert_eq!(
        s["contacts"]["security"]["EmailAddress"],
        "security@example.com"
    );
    assert_eq!(s["contacts"]["primary"]["CountryCode"], "US");
}

#[tokio::test]
async fn iam_failed_reads_are_unknown_not_absent() {
    let replay = Replay::serve(&["iam", "account"], ACCOUNT_ROUTES);
    let denied = "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized</Message></Error></ErrorResponse>";
    for op in ["GetAccountPasswordPolicy", "GetCredentialReport"] {
        replay.answer_with(op, denied);
    }
    let collected = replay.collect("iam").await;
    let settings = first_of(&collected, "Parapet::Account::Settings");
    let s = &settings.attributes;
    assert_eq!(s["password_policy"], Value::Null);
    assert!(
        s["errors"]["password_policy"]
            .as_str()
            .is_some_and(|e| e.contains("GetAccountPasswordPolicy")),
        "{s}"
    );
    assert_eq!(s["root"], Value::Null);
    assert!(
        s["errors"]["root"]
            .as_str()
            .is_some_and(|e| e.contains("GetCredentialReport")),
        "{s}"
    );
    let user = first_of(&collected, "AWS::IAM::User");
    assert_eq!(user.attributes["credential"], Value::Null);
    assert!(user.attributes["errors"]["credential"].is_string());
    // No password policy at all is NoSuchEntity: absent, not an error.
    replay.answer_with(
        "GetAccountPasswordPolicy",
        "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The Password Policy with domain name 111122223333 cannot be found.</Message></Error></ErrorResponse>",
    );
    let collected = replay.collect("iam").await;
    let settings = first_of(&collected, "Parapet::Account::Settings");
    assert_eq!(settings.attributes["password_policy"], Value::Null);
    assert_eq!(settings.attributes["errors"].get("password_policy"), None);
}

#[tokio::test]
async fn waf_classic_decodes_acl_rules_and_groups_global_and_regional() {
    for (collector, prefix, service) in [
        ("waf", "arn:aws:waf::111122223333", "AWS::WAF"),
        (
            "wafregional",
            "arn:aws:waf-regional:us-east-1:111122223333",
            "AWS::WAFRegional",
        ),
    ] {
        // Both flavours answer in the same shapes (only their endpoints differ).
        let replay = Replay::serve(&["waf"], &[]);
        let collected = replay.collect(collector).await;
        let acl = only(&collected, &format!("{service}::WebACL"));
        let a = &acl.attributes;
        // The ARN GetWebACL answers is kept (the recorded answer's is the global one).
        assert_eq!(
            acl.arn,
            "arn:aws:waf::111122223333:webacl/webacl-1472061481310"
        );
        assert_eq!(acl.name, "edge-protection");
        assert_eq!(a["DefaultAction"]["Type"], "ALLOW");
        assert_eq!(a["Rules"][0]["Priority"], json!(1));
        assert_eq!(a["Rules"][1]["Type"], "GROUP");
        assert_eq!(
            a["logging_configuration"]["LogDestinationConfigs"],
            json!(["arn:aws:firehose:us-east-1:111122223333:deliverystream/aws-waf-logs-edge"])
        );
        let rule = only(&collected, &format!("{service}::Rule"));
        assert_eq!(rule.arn, format!("{prefix}:rule/WAFRule-1-Example"));
        assert_eq!(rule.attributes["Predicates"][0]["Negated"], false);
        assert_eq!(rule.attributes["Predicates"][0]["Type"], "IPMatch");
        let group = only(&collected, &format!("{service}::RuleGroup"));
        assert_eq!(group.arn, format!("{prefix}:rulegroup/rulegroup-1-Example"));
        assert_eq!(
            group.attributes["activated_rules"][0]["Action"]["Type"],
            "BLOCK"
        );
    }
}

#[tokio::test]
async fn waf_acl_without_logging_and_with_unreadable_rules() {
    let replay = Replay::serve(&["waf"], &[]);
    replay.answer_with(
        "GetLoggingConfiguration",
        r#"{"__type": "WAFNonexistentItemException", "message": "The referenced item does not exist."}"#,
    );
    replay.answer_with(
        "GetWebACL",
        r#"{"__type": "AccessDeniedException", "message": "not authorized"}"#,
    );
    let collected = replay.collect("waf").await;
    let acl = first_of(&collected, "AWS::WAF::WebACL");
    let a = &acl.attributes;
    // No logging configuration is absent, not an error.
    assert_eq!(a["logging_configuration"], Value::Null);
    assert_eq!(a["errors"].get("logging_configuration"), None, "{a}");
    assert_eq!(a["Rules"], Value::Null);
    assert!(
        a["errors"]["Rules"]
            .as_str()
            .is_some_and(|e| e.contains("GetWebACL")),
        "{a}"
    );
}

#[tokio::test]
async fn network_firewall_decodes_firewall_logging_and_policy() {
    let replay = Replay::serve(&["networkfirewall"], &[]);
    let collected = replay.collect("networkfirewall").await;
    let fw = only(&collected, "AWS::NetworkFirewall::Firewall");
    let a = &fw.attributes;
    assert_eq!(
        fw.arn,
        "arn:aws:network-firewall:us-east-1:111122223333:firewall/egress"
    );
    assert_eq!(fw.name, "egress");
    assert_eq!(a["VpcId"], "vpc-0123456789abcdef0");
    assert_eq!(a["DeleteProtection"], true);
    let destinations = &a["logging_configuration"]["LogDestinationConfigs"];
    assert_eq!(destinations.as_array().map(Vec::len), Some(2), "{a}");
    assert_eq!(destinations[0]["LogType"], "ALERT");
    assert_eq!(
        destinations[1]["LogDestination"]["logGroup"],
        "/network-firewall/egress/flow"
    );
    let policy = &a["firewall_policy"];
    assert_eq!(
        policy["StatelessDefaultActions"],
        json!(["aws:forward_to_sfe"])
    );
    assert_eq!(policy["StatefulDefaultActions"], json!(["aws:drop_strict"]));
    assert_eq!(
        replay.operations(),
        [
            "ListFirewalls",
            "DescribeFirewall",
            "DescribeLoggingConfiguration",
            "DescribeFirewallPolicy"
        ]
    );
}

#[tokio::test]
async fn network_firewall_unreadable_firewall_leaves_policy_unknown() {
    let replay = Replay::serve(&["networkfirewall"], &[]);
    replay.answer_with(
        "DescribeFirewall",
        r#"{"__type": "AccessDeniedException", "Message": "not authorized"}"#,
    );
    let collected = replay.collect("networkfirewall").await;
    let fw = first_of(&collected, "AWS::NetworkFirewall::Firewall");
    let a = &fw.attributes;
    assert_eq!(a["firewall_policy"], Value::Null);
    assert_eq!(a["DeleteProtection"], Value::Null);
    assert!(
        a["errors"]["FirewallPolicyArn"]
            .as_str()
            .is_some_and(|e| e.contains("DescribeFirewall")),
        "{a}"
    );
    assert!(a["errors"]["firewall_policy"].is_string(), "{a}");
}

const CLOUDFRONT_ROUTES: &[Route] = &[
    ("GET", "/2020-05-31/distribution", "ListDistributions"),
    (
        "GET",
        "/2020-05-31/distribution/{}/config",
        "GetDistributionConfig",
    ),
];

#[tokio::test]
async fn cloudfront_distribution_decodes_summary_and_logging() {
    let replay = Replay::serve(&["cloudfront"], CLOUDFRONT_ROUTES);
    let collected = replay.collect("cloudfront").await;
    let d = only(&collected, "AWS::CloudFront::Distribution");
    let a = &d.attributes;
    assert_eq!(
        d.arn,
        "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"
    );
    assert_eq!(d.name, "EDFDVBD6EXAMPLE");
    assert_eq!(a["Enabled"], true);
    assert_eq!(a["Status"], "Deployed");
    assert_eq!(a["Aliases"]["Items"], json!(["www.example.com"]));
    assert_eq!(
        a["Origins"]["Items"][0]["OriginAccessControlId"],
        "E2QWRUHEXAMPLE"
    );
    assert_eq!(a["Origins"]["Items"][0]["ConnectionAttempts"], json!(3));
    assert_eq!(
        a["viewer_protocol_policies"],
        json!(["redirect-to-https", "allow-all"])
    );
    assert_eq!(
        a["ViewerCertificate"]["MinimumProtocolVersion"],
        "TLSv1.2_2021"
    );
    assert_eq!(a["HttpVersion"], "http2");
    assert!(a["WebACLId"]
        .as_str()
        .is_some_and(|w| w.contains(":global/webacl/")));
    assert_eq!(a["Logging"]["Enabled"], true);
    assert_eq!(a["Logging"]["IncludeCookies"], false);
    assert_eq!(
        a["Logging"]["Bucket"],
        "cf-logs-111122223333.s3.amazonaws.com"
    );
}

#[tokio::test]
async fn cloudfront_unreadable_config_leaves_logging_unknown() {
    let replay = Replay::serve(&["cloudfront"], CLOUDFRONT_ROUTES);
    replay.answer_with("GetDistributionConfig", ACCESS_DENIED_XML);
    let collected = replay.collect("cloudfront").await;
    let d = first_of(&collected, "AWS::CloudFront::Distribution");
    unknown_naming(d, "Logging", "GetDistributionConfig");
}

#[tokio::test]
async fn cloudtrail_activity_groups_looked_up_events_by_identity() {
    // Every LookupEvents call (one an event name) gets the same recorded answer: one
    // CreateAccessKey by mallory. The collector spaces its calls (CloudTrail allows two
    // LookupEvents a second), so this test takes about half a second per event name.
    let replay = Replay::serve(&["cloudtrail"], &[]);
    let collected = replay.collect("cloudtrail_activity").await;
    let s = only(&collected, "Parapet::CloudTrail::RegionActivity");
    let a = &s.attributes;
    let mallory = "arn:aws:iam::111122223333:user/mallory";
    assert_eq!(
        a["privilege_escalation"]["identities"][mallory],
        json!(["CreateAccessKey"])
    );
    assert_eq!(a["enumeration"]["identities"], json!({}));
    assert!(a["enumeration"]["watched"].as_u64().is_some_and(|n| n > 0));
    assert_eq!(a["window_hours"], json!(24));
    assert!(replay.operations().iter().all(|op| op == "LookupEvents"));
}

#[tokio::test]
async fn waf_answers_with_renamed_wrappers_leave_rules_unknown_and_said_so() {
    let replay = Replay::serve(&["waf"], &[]);
    replay.answer_with(
        "GetWebACL",
        r#"{"WebAcl": {"WebACLId": "webacl-1472061481310", "Rules": []}}"#,
    );
    replay.answer_with(
        "GetRule",
        r#"{"Rule": {"RuleId": "WAFRule-1-Example", "Predicate": []}}"#,
    );
    let collected = replay.collect("waf").await;
    let find = |t: &str| {
        collected
            .resources
            .iter()
            .find(|r| r.resource_type == t)
            .map(|r| r.attributes.clone())
            .expect(t)
    };
    let acl = find("AWS::WAF::WebACL");
    assert_eq!(acl["Rules"], Value::Null);
    assert!(
        acl["errors"]["Rules"]
            .as_str()
            .is_some_and(|e| e.contains("GetWebACL")),
        "{acl}"
    );
    let rule = find("AWS::WAF::Rule");
    assert_eq!(rule["Predicates"], Value::Null);
    assert!(
        rule["errors"]["Predicates"]
            .as_str()
            .is_some_and(|e| e.contains("GetRule")),
        "{rule}"
    );
}
