"""Seeds moto_server with the CIS section 4 monitoring chain for tests/monitoring_moto.rs:
a multi-region, logging CloudTrail trail -> its CloudWatch Logs group -> one metric filter
per CIS control -> an alarm on the filter's metric -> an SNS topic with a subscriber.

Usage: seed_monitoring.py ENDPOINT_URL good|bad

"good": every control's chain is complete, with the benchmark's filter pattern.
"bad": every control's chain is broken in one way (see BROKEN); each should FAIL.
"""

import sys

import boto3

URL, SCENARIO = sys.argv[1], sys.argv[2]
REGION = "us-east-1"
ACCOUNT = "123456789012"
TRAIL_GROUP = "cis-cloudtrail"
OTHER_GROUP = "app-logs"


def client(name):
    return boto3.client(name, endpoint_url=URL, region_name=REGION)


def any_of(*names):
    return " || ".join(f"($.eventName = {n})" for n in names)


# control id -> (metric name, CIS AWS Foundations 3.0 filter pattern).
CIS = {
    "cloudwatch_log_metric_filter_unauthorized_api_calls": ("UnauthorizedAPICalls",
        '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && '
        '($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }'),
    "cloudwatch_log_metric_filter_sign_in_without_mfa": ("ConsoleSigninWithoutMFA",
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && '
        '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'),
    "cloudwatch_log_metric_filter_root_usage": ("RootAccountUsage",
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'),
    "cloudwatch_log_metric_filter_policy_changes": ("IAMPolicyChanges", "{ " + any_of(
        "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
        "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
        "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy",
        "DetachGroupPolicy") + " }"),
    "cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled": ("CloudTrailChanges",
        "{ " + any_of("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging") + " }"),
    "cloudwatch_log_metric_filter_authentication_failures": ("ConsoleAuthFailures",
        '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'),
    "cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk": ("DisableOrDeleteCMK",
        "{ ($.eventSource = kms.amazonaws.com) && (" + any_of("DisableKey", "ScheduleKeyDeletion") + ") }"),
    "cloudwatch_log_metric_filter_for_s3_bucket_policy_changes": ("S3BucketPolicyChanges",
        "{ ($.eventSource = s3.amazonaws.com) && (" + any_of(
            "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
            "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication") + ") }"),
    "cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled": ("ConfigChanges",
        "{ ($.eventSource = config.amazonaws.com) && (" + any_of(
            "StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel",
            "PutConfigurationRecorder") + ") }"),
    "cloudwatch_log_metric_filter_security_group_changes": ("SecurityGroupChanges", "{ " + any_of(
        "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup") + " }"),
    "cloudwatch_changes_to_network_acls_alarm_configured": ("NACLChanges", "{ " + any_of(
        "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
        "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation") + " }"),
    "cloudwatch_changes_to_network_gateways_alarm_configured": ("NetworkGatewayChanges", "{ " + any_of(
        "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway",
        "DeleteInternetGateway", "DetachInternetGateway") + " }"),
    "cloudwatch_changes_to_network_route_tables_alarm_configured": ("RouteTableChanges", "{ " + any_of(
        "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable",
        "DeleteRoute", "DisassociateRouteTable") + " }"),
    "cloudwatch_changes_to_vpcs_alarm_configured": ("VPCChanges", "{ " + any_of(
        "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
        "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
        "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink") + " }"),
    "cloudwatch_log_metric_filter_aws_organizations_changes": ("OrganizationsChanges",
        "{ ($.eventSource = organizations.amazonaws.com) && (" + any_of(
            "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy",
            "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy",
            "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization",
            "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit") + ") }"),
}


def drop_last_event(pattern):
    """The pattern without its last `|| ($.eventName = X)` alternative."""
    head, sep, _ = pattern.rpartition(" || ")
    assert sep, pattern
    return head + (") }" if pattern.endswith(")) }") else " }")


# control id -> how the "bad" scenario breaks it (every other link stays as in "good").
BROKEN = {
    "cloudwatch_log_metric_filter_unauthorized_api_calls": "exact-access-denied",
    "cloudwatch_log_metric_filter_sign_in_without_mfa": "mfa-used",
    "cloudwatch_log_metric_filter_root_usage": "actions-disabled",
    "cloudwatch_log_metric_filter_policy_changes": "missing-event",
    "cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled": "missing-event",
    "cloudwatch_log_metric_filter_authentication_failures": "other-log-group",
    "cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk": "no-subscriber",
    "cloudwatch_log_metric_filter_for_s3_bucket_policy_changes": "missing-event",
    "cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled": "no-alarm",
    "cloudwatch_log_metric_filter_security_group_changes": "actions-disabled",
    "cloudwatch_changes_to_network_acls_alarm_configured": "missing-event",
    "cloudwatch_changes_to_network_gateways_alarm_configured": "no-subscriber",
    "cloudwatch_changes_to_network_route_tables_alarm_configured": "other-log-group",
    "cloudwatch_changes_to_vpcs_alarm_configured": "catch-all",
    "cloudwatch_log_metric_filter_aws_organizations_changes": "missing-event",
}

logs, sns, sqs, cw, ct, s3 = (client(n) for n in ("logs", "sns", "sqs", "cloudwatch", "cloudtrail", "s3"))

s3.create_bucket(Bucket="cis-trail-logs")
for group in (TRAIL_GROUP, OTHER_GROUP):
    logs.create_log_group(logGroupName=group)
ct.create_trail(
    Name="cis-trail", S3BucketName="cis-trail-logs", IsMultiRegionTrail=True,
    CloudWatchLogsLogGroupArn=f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{TRAIL_GROUP}:*",
    CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT}:role/cis-trail-to-logs",
)
ct.put_event_selectors(TrailName="cis-trail", EventSelectors=[
    {"ReadWriteType": "All", "IncludeManagementEvents": True}])
ct.start_logging(Name="cis-trail")

watched = sns.create_topic(Name="security-alarms")["TopicArn"]
unwatched = sns.create_topic(Name="nobody-listens")["TopicArn"]
queue_url = sqs.create_queue(QueueName="alarm-sink")["QueueUrl"]
queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
sns.subscribe(TopicArn=watched, Protocol="sqs", Endpoint=queue_arn)

for control, (metric, pattern) in CIS.items():
    how = BROKEN[control] if SCENARIO == "bad" else "good"
    group, topic, actions_enabled = TRAIL_GROUP, watched, True
    if how == "missing-event":
        pattern = drop_last_event(pattern)
    elif how == "exact-access-denied":
        # Misses "AccessDeniedException" (KMS, Lambda, ...).
        pattern = '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied") }'
    elif how == "mfa-used":
        pattern = pattern.replace('MFAUsed != "Yes"', 'MFAUsed = "Yes"')
    elif how == "catch-all":
        pattern = "{ $.eventName = * }"
    elif how == "other-log-group":
        group = OTHER_GROUP
    elif how == "no-subscriber":
        topic = unwatched
    elif how == "actions-disabled":
        actions_enabled = False
    logs.put_metric_filter(
        logGroupName=group, filterName=f"cis-{metric}", filterPattern=pattern,
        metricTransformations=[{"metricName": metric, "metricNamespace": "CISBenchmark", "metricValue": "1"}])
    if how == "no-alarm":
        continue
    cw.put_metric_alarm(
        AlarmName=f"cis-{metric}", MetricName=metric, Namespace="CISBenchmark", Statistic="Sum", Period=300,
        EvaluationPeriods=1, Threshold=1.0, ComparisonOperator="GreaterThanOrEqualToThreshold",
        ActionsEnabled=actions_enabled, AlarmActions=[topic])

print("seeded", SCENARIO)
