# METADATA
# title: Auto Scaling group's launch configuration requires IMDSv2
# description: |
#   For groups launched from a launch configuration, checks its metadata options:
#   HttpTokens "required" (IMDSv2 only), or the metadata endpoint disabled. Groups
#   launched from launch templates are skipped; their templates are checked by the EC2
#   launch template controls.
# custom:
#   id: autoscaling_group_launch_configuration_requires_imdsv2
#   severity: high
#   service: autoscaling
#   resource_type: AWS::AutoScaling::AutoScalingGroup
#   requires: [launch_configuration]
#   risk: Instances answer IMDSv1 requests, so a server-side request forgery in an application can steal the instance role's credentials.
#   remediation:
#     text: Create a launch template (or a new launch configuration) with HttpTokens required and move the group to it.
#     cli: aws autoscaling create-launch-configuration --launch-configuration-name NAME --image-id AMI --instance-type TYPE --metadata-options HttpTokens=required,HttpEndpoint=enabled
#     terraform: |
#       resource "aws_launch_template" "this" {
#         metadata_options {
#           http_tokens   = "required"
#           http_endpoint = "enabled"
#         }
#       }
package parapet.aws.autoscaling.autoscaling_group_launch_configuration_requires_imdsv2

import rego.v1

attrs := input.resource.attributes

config := attrs.launch_configuration

options := object.get(config, "MetadataOptions", {}) if is_object(config)

imdsv2_only if options.HttpTokens == "required"

imdsv2_only if options.HttpEndpoint == "disabled"

status := "SKIPPED" if config == null

status := "PASS" if {
	is_object(config)
	imdsv2_only
}

status := "FAIL" if {
	is_object(config)
	not imdsv2_only
}

reason := sprintf("group %s does not use a launch configuration", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("group %s launches instances that require IMDSv2 (%s)", [input.resource.name, config.LaunchConfigurationName]) if status == "PASS"

reason := sprintf("group %s launches instances from %s, which accept IMDSv1", [input.resource.name, config.LaunchConfigurationName]) if status == "FAIL"
