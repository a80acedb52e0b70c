# METADATA
# title: EBS snapshot is encrypted
# description: |
#   Checks that the snapshot is encrypted. Snapshots of unencrypted volumes are
#   unencrypted; copying one with encryption (or turning on EBS encryption by default
#   before taking new ones) fixes that.
# custom:
#   id: ec2_ebs_snapshots_encrypted
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::Snapshot
#   requires: [Encrypted]
#   risk: A full disk image is readable by anyone it is shared with, or who obtains a copy, with no key permission in the way.
#   remediation:
#     text: Copy the snapshot with encryption, delete the unencrypted original, and encrypt the source volume (or turn on EBS encryption by default).
#     cli: aws ec2 copy-snapshot --source-region REGION --source-snapshot-id SNAPSHOT_ID --encrypted --kms-key-id KEY_ARN
#     terraform: |
#       resource "aws_ebs_snapshot_copy" "encrypted" {
#         source_snapshot_id = "snap-0123456789abcdef0"
#         source_region      = "us-east-1"
#         encrypted          = true
#       }
package parapet.aws.ec2.ec2_ebs_snapshots_encrypted

import rego.v1

encrypted := input.resource.attributes.Encrypted

status := "PASS" if encrypted == true

status := "FAIL" if encrypted == false

reason := sprintf("snapshot %s is encrypted", [input.resource.name]) if status == "PASS"

reason := sprintf("snapshot %s is not encrypted", [input.resource.name]) if status == "FAIL"
