# METADATA
# title: EMR block public access is on in the region
# description: |
#   Checks the region's EMR block public access configuration: clusters cannot be
#   launched with security groups open to the internet, except on the ports the
#   configuration permits (22 by default).
# custom:
#   id: emr_cluster_account_public_block_enabled
#   severity: high
#   service: emr
#   resource_type: Parapet::EMR::RegionSettings
#   requires: [block_public_access]
#   risk: A cluster can be started with inbound rules open to the whole internet, exposing Hadoop, Spark and notebook interfaces.
#   remediation:
#     text: Turn block public access on, permitting only port 22 if needed.
#     cli: aws emr put-block-public-access-configuration --block-public-access-configuration BlockPublicSecurityGroupRules=true,PermittedPublicSecurityGroupRuleRanges=[{MinRange=22,MaxRange=22}]
#     terraform: |
#       resource "aws_emr_block_public_access_configuration" "this" {
#         block_public_security_group_rules = true
#         permitted_public_security_group_rule_range {
#           min_range = 22
#           max_range = 22
#         }
#       }
package parapet.aws.emr.emr_cluster_account_public_block_enabled

import rego.v1

config := input.resource.attributes.block_public_access

blocked if config.BlockPublicSecurityGroupRules == true

status := "PASS" if blocked

status := "FAIL" if {
	is_object(config)
	not blocked
}

reason := sprintf("EMR block public access is on in %s", [input.resource.region]) if status == "PASS"

reason := sprintf("EMR block public access is off in %s", [input.resource.region]) if status == "FAIL"
