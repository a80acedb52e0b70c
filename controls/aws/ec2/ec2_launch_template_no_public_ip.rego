# METADATA
# title: Launch template does not give instances public IP addresses
# description: |
#   Checks the network interfaces of the launch template's default version for
#   AssociatePublicIpAddress set to true. Every instance (and every Auto Scaling
#   instance) launched from such a template gets a public IPv4 address, whatever the
#   subnet's own setting.
# custom:
#   id: ec2_launch_template_no_public_ip
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::LaunchTemplate
#   requires: [default_version_network_interfaces]
#   risk: Whole fleets land on the internet by default, exposed wherever their security groups allow.
#   remediation:
#     text: Create a new template version with AssociatePublicIpAddress false (or omitted in private subnets), make it the default, and roll the fleet.
#     cli: aws ec2 create-launch-template-version --launch-template-id LT_ID --source-version '$Default' --launch-template-data '{"NetworkInterfaces":[{"DeviceIndex":0,"AssociatePublicIpAddress":false}]}'
#     terraform: |
#       resource "aws_launch_template" "this" {
#         network_interfaces {
#           associate_public_ip_address = false
#         }
#       }
package parapet.aws.ec2.ec2_launch_template_no_public_ip

import rego.v1

import data.parapet.lib.util

interfaces := input.resource.attributes.default_version_network_interfaces

public := [i | some i in util.as_list(interfaces); i.AssociatePublicIpAddress == true]

status := "PASS" if {
	is_array(interfaces)
	count(public) == 0
}

status := "FAIL" if count(public) > 0

reason := sprintf("launch template %s does not assign public IP addresses", [input.resource.name]) if status == "PASS"

reason := sprintf("launch template %s assigns a public IP address to instances launched from its default version", [input.resource.name]) if status == "FAIL"
