# METADATA
# title: CloudWatch Logs log group is not open to everyone through a resource policy
# description: |
#   CloudWatch Logs resource policies (per account and region) let services and other
#   accounts write to or read log groups. Checks whether any of them has a statement
#   that anyone can use (Principal "*" or NotPrincipal, without a condition such as
#   aws:SourceAccount or aws:SourceArn) and whose Resource matches this log group.
# custom:
#   id: cloudwatch_log_group_not_publicly_accessible
#   severity: high
#   service: cloudwatch
#   resource_type: AWS::Logs::LogGroup
#   requires: [arn, resource_policies]
#   risk: Anyone can read the log events (which often hold tokens and personal data) or inject forged events that mislead investigations.
#   remediation:
#     text: Replace the public principal with the service principal that needs access and add aws:SourceAccount and aws:SourceArn conditions; narrow Resource to the log groups concerned.
#     cli: aws logs put-resource-policy --policy-name NAME --policy-document file://scoped.json
package parapet.aws.cloudwatch.cloudwatch_log_group_not_publicly_accessible

import rego.v1

import data.parapet.lib.iam
import data.parapet.lib.util

attrs := input.resource.attributes

# Policies usually name log groups with a trailing ":*" (their log streams).
arns := [attrs.arn, concat("", [attrs.arn, ":*"])]

exposing := sort({p.PolicyName |
	some p in util.as_list(attrs.resource_policies)
	some st in iam.public_statements(p.PolicyDocument)
	some arn in arns
	iam.statement_covers_resource(st, arn)
})

status := "PASS" if {
	is_array(attrs.resource_policies)
	count(exposing) == 0
}

status := "FAIL" if count(exposing) > 0

reason := sprintf("log group %s is not open to everyone through a resource policy", [input.resource.name]) if status == "PASS"

reason := sprintf("log group %s is open to everyone through resource policies %s", [input.resource.name, concat(", ", exposing)]) if status == "FAIL"
