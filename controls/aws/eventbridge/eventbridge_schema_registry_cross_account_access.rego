# METADATA
# title: EventBridge schema registry is not open to other accounts
# description: |
#   Checks the schema registry's resource policy for Allow statements that name another
#   account, or any principal without a condition restricting it (the shared analysis of
#   controls/lib/iam.rego). Registries without a policy pass.
# custom:
#   id: eventbridge_schema_registry_cross_account_access
#   severity: medium
#   service: eventbridge
#   resource_type: AWS::EventSchemas::Registry
#   requires: [policy]
#   risk: Other accounts can read, change or delete the event schemas that producers and consumers rely on.
#   remediation:
#     text: Remove the statements granting other accounts or everyone access from the registry policy.
#     cli: aws schemas delete-resource-policy --registry-name REGISTRY
#     terraform: |
#       resource "aws_schemas_registry_policy" "this" {
#         registry_name = aws_schemas_registry.this.name
#         policy        = data.aws_iam_policy_document.same_account_only.json
#       }
package parapet.aws.eventbridge.eventbridge_schema_registry_cross_account_access

import rego.v1

import data.parapet.lib.iam

policy := input.resource.attributes.policy

foreign := iam.foreign_accounts(policy, input.resource.account_id) if is_object(policy)

default foreign := set()

public := iam.public_statements(policy) if is_object(policy)

default public := []

status := "PASS" if {
	count(foreign) == 0
	count(public) == 0
}

status := "FAIL" if count(foreign) > 0

status := "FAIL" if count(public) > 0

reason := sprintf("schema registry %s is not shared with other accounts", [input.resource.name]) if status == "PASS"

reason := sprintf("schema registry %s is open to every account", [input.resource.name]) if count(public) > 0

reason := sprintf("schema registry %s is shared with accounts %s", [input.resource.name, concat(", ", sort(foreign))]) if {
	count(public) == 0
	count(foreign) > 0
}
