# METADATA
# title: CloudWatch data is not shared with other accounts
# description: |
#   CloudWatch cross-account sharing works through an IAM role named
#   CloudWatch-CrossAccountSharingRole that monitoring accounts assume to read this
#   account's metrics, logs, dashboards and alarms. Each role is checked: that role fails
#   (the reason names who may assume it); every other role is skipped.
# custom:
#   id: fuzz_control
#   severity: low
#   service: cloudwatch
#   resource_type: AWS::IAM::Role
#   requires: [RoleName, AssumeRolePolicyDocument]
#   risk: Other accounts can read operational data (log contents, metrics, alarm history) that may include sensitive details; sharing that is not reviewed tends to outlive the reason for it.
#   remediation:
#     text: If the sharing is not needed, delete the role; if it is, keep the trust policy to the monitoring accounts you intend and mute this finding with the reason.
#     cli: aws iam delete-role --role-name CloudWatch-CrossAccountSharingRole (detach its policies first)
package parapet.aws.cloudwatch.fuzz_control
