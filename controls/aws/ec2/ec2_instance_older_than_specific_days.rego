# METADATA
# title: Running EC2 instance was launched within the last 180 days
# description: |
#   Checks that a running instance was launched (or last replaced) less than 180 days
#   before the scan. Long-lived instances drift from their image, miss the patches baked
#   into newer AMIs and accumulate manual changes; regular replacement keeps them close
#   to a known, current build. Stopped and terminated instances are skipped.
# custom:
#   id: ec2_instance_older_than_specific_days
#   severity: low
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [LaunchTime, State]
#   risk: Old instances carry unpatched software and undocumented changes that make them easier to compromise and harder to rebuild.
#   remediation:
#     text: Replace the instance from a current, patched AMI (an Auto Scaling instance refresh or a redeploy), and patch in place with Systems Manager Patch Manager in between.
#     cli: aws autoscaling start-instance-refresh --auto-scaling-group-name GROUP
#     terraform: |
#       resource "aws_autoscaling_group" "this" {
#         max_instance_lifetime = 15552000 # 180 days
#       }
package parapet.aws.ec2.ec2_instance_older_than_specific_days

import rego.v1

import data.parapet.lib.util

max_days := 180

attrs := input.resource.attributes

running if attrs.State.Name == "running"

age := util.days_since(attrs.LaunchTime) if is_string(attrs.LaunchTime)

status := "SKIPPED" if not running

status := "PASS" if {
	running
	age < max_days
}

status := "FAIL" if {
	running
	age >= max_days
}

reason := sprintf("instance %s is %v, not running", [input.resource.name, attrs.State.Name]) if status == "SKIPPED"

reason := sprintf("instance %s was launched %d days ago (limit %d)", [input.resource.name, age, max_days]) if status in {"PASS", "FAIL"}
