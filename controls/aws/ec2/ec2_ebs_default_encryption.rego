# METADATA
# title: EBS encryption by default is on in the region
# description: |
#   Checks the region's EBS setting that encrypts every new volume and snapshot copy,
#   whatever the launch request says. It is per region, so every scanned region is
#   judged.
# custom:
#   id: ec2_ebs_default_encryption
#   severity: medium
#   service: ec2
#   resource_type: Parapet::EC2::RegionSettings
#   requires: [ebs_encryption_by_default]
#   risk: A launch template or script that forgets the Encrypted flag creates unencrypted volumes, whose data and snapshots are readable by anyone who gets hold of them.
#   remediation:
#     text: Turn on EBS encryption by default in every region you use (optionally with a customer-managed default key).
#     cli: aws ec2 enable-ebs-encryption-by-default --region REGION
#     terraform: |
#       resource "aws_ebs_encryption_by_default" "this" {
#         enabled = true
#       }
package parapet.aws.ec2.ec2_ebs_default_encryption

import rego.v1

enabled := input.resource.attributes.ebs_encryption_by_default

status := "PASS" if enabled == true

status := "FAIL" if enabled == false

reason := sprintf("EBS encryption by default is on in %s", [input.resource.region]) if status == "PASS"

reason := sprintf("EBS encryption by default is off in %s", [input.resource.region]) if status == "FAIL"
