# METADATA
# title: EBS snapshots cannot be shared publicly in the region
# description: |
#   Checks the region's block public access setting for EBS snapshots. block-all-sharing
#   stops every public share, including existing ones; block-new-sharing only refuses new
#   ones and leaves snapshots already public as they are, so it fails too.
# custom:
#   id: ec2_ebs_snapshot_account_block_public_access
#   severity: high
#   service: ec2
#   resource_type: Parapet::EC2::RegionSettings
#   requires: [snapshot_block_public_access]
#   risk: A single mistaken modify-snapshot-attribute call publishes a full disk image, with its data and any secrets on it, to every AWS account.
#   remediation:
#     text: Enable block public access for snapshots with block-all-sharing in every region.
#     cli: aws ec2 enable-snapshot-block-public-access --state block-all-sharing --region REGION
#     terraform: |
#       resource "aws_ebs_snapshot_block_public_access" "this" {
#         state = "block-all-sharing"
#       }
package parapet.aws.ec2.ec2_ebs_snapshot_account_block_public_access

import rego.v1

state := input.resource.attributes.snapshot_block_public_access

status := "PASS" if state == "block-all-sharing"

status := "FAIL" if {
	is_string(state)
	state != "block-all-sharing"
}

reason := sprintf("EBS snapshot public sharing is blocked entirely in %s", [input.resource.region]) if status == "PASS"

reason := sprintf("EBS snapshot block public access is %s in %s; snapshots already public stay public", [state, input.resource.region]) if state == "block-new-sharing"

reason := sprintf("EBS snapshot block public access is %s in %s", [state, input.resource.region]) if {
	status == "FAIL"
	state != "block-new-sharing"
}
