# METADATA
# title: EC2 instance requires IMDSv2 for its metadata service
# description: |
#   Checks that the instance metadata service accepts only session-token (IMDSv2)
#   requests, or is switched off. IMDSv1 answers plain GET requests, which a server-side
#   request forgery flaw in any application on the instance can issue. Terminated and
#   terminating instances are skipped.
# custom:
#   id: ec2_instance_imdsv2_enabled
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [MetadataOptions, State]
#   risk: An SSRF or open-proxy flaw lets an attacker read the instance role's temporary credentials from the metadata service and use them outside the instance.
#   remediation:
#     text: Require session tokens on the instance's metadata service (check first that its SDKs and agents support IMDSv2), and set the account's default for new instances to IMDSv2.
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
package parapet.aws.ec2.ec2_instance_imdsv2_enabled

import rego.v1

attrs := input.resource.attributes

metadata := attrs.MetadataOptions

gone if attrs.State.Name in {"shutting-down", "terminated"}

imdsv2_enforced if metadata.HttpTokens == "required"

# No metadata service at all cannot leak credentials.
imdsv2_enforced if metadata.HttpEndpoint == "disabled"

status := "SKIPPED" if gone

status := "PASS" if {
	not gone
	imdsv2_enforced
}

# No default: without MetadataOptions the control cannot decide (the engine reports ERROR).
status := "FAIL" if {
	not gone
	is_object(metadata)
	not imdsv2_enforced
}

reason := sprintf("instance %s is %s", [input.resource.name, attrs.State.Name]) if status == "SKIPPED"

reason := sprintf("instance %s requires IMDSv2 session tokens", [input.resource.name]) if {
	status == "PASS"
	metadata.HttpTokens == "required"
}

reason := sprintf("instance %s has its metadata service disabled", [input.resource.name]) if {
	status == "PASS"
	not metadata.HttpTokens == "required"
}

reason := sprintf("instance %s accepts IMDSv1 requests (HttpTokens is %v)", [input.resource.name, object.get(metadata, "HttpTokens", null)]) if status == "FAIL"
