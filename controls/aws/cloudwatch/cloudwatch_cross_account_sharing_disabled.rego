# METADATA
# title: CloudWatch data is not shared with other accounts
# description: |
#   CloudWatch cross-account sharing works through an IAM role named
#   CloudWatch-CrossAccountSharingRole that monitoring accounts assume to read this
#   account's metrics, logs, dashboards and alarms. Each role is checked: that role fails
#   (the reason names who may assume it); every other role is skipped.
# custom:
#   id: cloudwatch_cross_account_sharing_disabled
#   severity: low
#   service: cloudwatch
#   resource_type: AWS::IAM::Role
#   requires: [RoleName, AssumeRolePolicyDocument]
#   risk: Other accounts can read operational data (log contents, metrics, alarm history) that may include sensitive details; sharing that is not reviewed tends to outlive the reason for it.
#   remediation:
#     text: If the sharing is not needed, delete the role; if it is, keep the trust policy to the monitoring accounts you intend and mute this finding with the reason.
#     cli: aws iam delete-role --role-name CloudWatch-CrossAccountSharingRole (detach its policies first)
package parapet.aws.cloudwatch.cloudwatch_cross_account_sharing_disabled

import rego.v1

import data.parapet.lib.iam

attrs := input.resource.attributes

sharing_role if attrs.RoleName == "CloudWatch-CrossAccountSharingRole"

trusted := sort({v |
	some st in iam.statements(attrs.AssumeRolePolicyDocument)
	iam.allows(st)
	some v in iam.principal_values(st.Principal)
})

status := "SKIPPED" if not sharing_role

status := "FAIL" if sharing_role

reason := sprintf("role %s is not the CloudWatch cross-account sharing role", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("CloudWatch data of this account is shared: role %s can be assumed by %s", [input.resource.name, concat(", ", trusted)]) if status == "FAIL"
