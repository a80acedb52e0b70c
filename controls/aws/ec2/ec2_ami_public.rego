# METADATA
# title: AMI owned by the account is not public
# description: |
#   Checks whether an image the account owns is shared with every AWS account. Images
#   built from real servers carry their files, configuration and often secrets; publish
#   one only on purpose, from a pipeline built for it.
# custom:
#   id: ec2_ami_public
#   severity: critical
#   service: ec2
#   resource_type: AWS::EC2::Image
#   requires: [Public]
#   risk: Anyone can launch the image and read everything on its disks, including keys, credentials and application data.
#   remediation:
#     text: Remove the public launch permission and turn on block public access for AMIs in the region.
#     cli: aws ec2 modify-image-attribute --image-id AMI_ID --launch-permission '{"Remove":[{"Group":"all"}]}'
#     terraform: |
#       resource "aws_ec2_image_block_public_access" "this" {
#         state = "block-new-sharing"
#       }
package parapet.aws.ec2.ec2_ami_public

import rego.v1

public := input.resource.attributes.Public

status := "FAIL" if public == true

status := "PASS" if public == false

reason := sprintf("AMI %s can be launched by any AWS account", [input.resource.name]) if status == "FAIL"

reason := sprintf("AMI %s is not public", [input.resource.name]) if status == "PASS"
