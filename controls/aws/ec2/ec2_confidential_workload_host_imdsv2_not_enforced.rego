# METADATA
# title: Confidential workload host requires IMDSv2
# description: |
#   For instances that host confidential workloads (Nitro Enclaves or AMD SEV-SNP
#   enabled, or a DataClassification tag of confidential, restricted or secret), checks
#   that the instance metadata service accepts only IMDSv2 session-token requests, or is
#   switched off. Other instances are skipped.
# custom:
#   id: ec2_confidential_workload_host_imdsv2_not_enforced
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [MetadataOptions, EnclaveOptions, CpuOptions, State]
#   risk: An SSRF flaw on a host handling the most sensitive data hands the attacker the instance role's credentials, and with them whatever data that role can reach.
#   remediation:
#     text: Require session tokens on the instance's metadata service, after checking that its SDKs and agents support IMDSv2.
#     cli: aws ec2 modify-instance-metadata-options --instance-id INSTANCE_ID --http-tokens required --http-endpoint enabled
#     cloudformation: |
#       LaunchTemplate:
#         Type: AWS::EC2::LaunchTemplate
#         Properties:
#           LaunchTemplateData:
#             MetadataOptions:
#               HttpTokens: required
#     terraform: |
#       resource "aws_instance" "this" {
#         metadata_options {
#           http_tokens = "required"
#         }
#       }
package parapet.aws.ec2.ec2_confidential_workload_host_imdsv2_not_enforced

import rego.v1

import data.parapet.lib.ec2

attrs := input.resource.attributes

# The definition shared by every confidential-workload control (controls/lib/ec2.rego).
confidential if ec2.confidential_host(input.resource)

gone if ec2.gone(input.resource)

applies if {
	confidential
	not gone
}

metadata := attrs.MetadataOptions

imdsv2_enforced if metadata.HttpTokens == "required"

# No metadata service at all cannot leak credentials.
imdsv2_enforced if metadata.HttpEndpoint == "disabled"

status := "SKIPPED" if not applies

status := "PASS" if {
	applies
	imdsv2_enforced
}

# No default: without MetadataOptions the control cannot decide (the engine reports ERROR).
status := "FAIL" if {
	applies
	is_object(metadata)
	not imdsv2_enforced
}

reason := sprintf("instance %s is not a confidential workload host", [input.resource.name]) if not confidential

reason := sprintf("instance %s is %s", [input.resource.name, attrs.State.Name]) if {
	confidential
	gone
}

reason := sprintf("confidential workload host %s requires IMDSv2 or has its metadata service disabled", [input.resource.name]) if status == "PASS"

reason := sprintf("confidential workload host %s accepts IMDSv1 requests (HttpTokens is %v)", [input.resource.name, object.get(metadata, "HttpTokens", null)]) if status == "FAIL"
