# METADATA
# title: EBS volume is encrypted
# description: |
#   Checks that the EBS volume is encrypted at rest. Encryption also covers the
#   snapshots taken from the volume and the data moving between it and the instance.
# custom:
#   id: ec2_ebs_volume_encryption
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::Volume
#   requires: [Encrypted]
#   risk: Data on the volume and on its snapshots is readable by anyone who obtains a copy of them, for example through a shared snapshot.
#   remediation:
#     text: A volume cannot be encrypted in place; snapshot it, copy the snapshot with encryption, create a new volume from the copy and swap it in. Turn on EBS encryption by default in every region so new volumes are encrypted.
#     cli: aws ec2 enable-ebs-encryption-by-default --region REGION
#     cloudformation: |
#       Volume:
#         Type: AWS::EC2::Volume
#         Properties:
#           Encrypted: true
#     terraform: |
#       resource "aws_ebs_volume" "this" {
#         encrypted = true
#       }
package parapet.aws.ec2.ec2_ebs_volume_encryption

import rego.v1

default status := "FAIL"

status := "PASS" if input.resource.attributes.Encrypted == true

reason := sprintf("EBS volume %s is encrypted", [input.resource.name]) if status == "PASS"

reason := sprintf("EBS volume %s is not encrypted", [input.resource.name]) if status == "FAIL"
