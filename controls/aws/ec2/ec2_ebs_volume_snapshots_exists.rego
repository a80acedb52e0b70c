# METADATA
# title: EBS volume has at least one snapshot
# description: |
#   Checks that at least one of the account's snapshots in the region was taken of the
#   volume. It does not judge how recent the snapshot is; AWS Backup or Data Lifecycle
#   Manager policies are how to keep them current.
# custom:
#   id: ec2_ebs_volume_snapshots_exists
#   severity: low
#   service: ec2
#   resource_type: AWS::EC2::Volume
#   requires: [snapshot_count]
#   risk: When the volume fails, is deleted or is encrypted by ransomware, there is no copy to restore.
#   remediation:
#     text: Protect the volume with an AWS Backup plan or a Data Lifecycle Manager policy that snapshots it on a schedule.
#     cli: aws ec2 create-snapshot --volume-id VOLUME_ID --description "baseline"
#     terraform: |
#       resource "aws_dlm_lifecycle_policy" "daily" {
#         description        = "daily EBS snapshots"
#         execution_role_arn = aws_iam_role.dlm.arn
#         policy_details {
#           resource_types = ["VOLUME"]
#           target_tags    = { Backup = "daily" }
#           schedule {
#             name = "daily"
#             create_rule {
#               interval = 24
#             }
#             retain_rule {
#               count = 14
#             }
#           }
#         }
#       }
package parapet.aws.ec2.ec2_ebs_volume_snapshots_exists

import rego.v1

n := input.resource.attributes.snapshot_count

status := "PASS" if n > 0

status := "FAIL" if n == 0

reason := sprintf("volume %s has %d snapshots", [input.resource.name, n]) if status == "PASS"

reason := sprintf("volume %s has no snapshot", [input.resource.name]) if status == "FAIL"
