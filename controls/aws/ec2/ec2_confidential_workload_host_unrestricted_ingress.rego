# METADATA
# title: Confidential workload host accepts no inbound traffic from the internet
# description: |
#   For instances that host confidential workloads (Nitro Enclaves or AMD SEV-SNP
#   enabled, or a DataClassification tag of confidential, restricted or secret), checks
#   that no rule of their security groups admits 0.0.0.0/0 or ::/0 on any port. ICMP,
#   which opens no port, is not counted. Other instances are skipped.
# custom:
#   id: ec2_confidential_workload_host_unrestricted_ingress
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [security_group_rules, EnclaveOptions, CpuOptions, State]
#   risk: A host processing the most sensitive data is directly reachable from the internet, so any flaw in a listening service is exposed to every attacker.
#   remediation:
#     text: Remove internet-wide inbound rules from the instance's security groups and reach it through a load balancer, VPN or private connectivity with sources limited to known ranges or security groups.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=PORT,ToPort=PORT,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     cloudformation: |
#       AppFromLoadBalancer:
#         Type: AWS::EC2::SecurityGroupIngress
#         Properties:
#           GroupId: !Ref HostGroup
#           IpProtocol: tcp
#           FromPort: 443
#           ToPort: 443
#           SourceSecurityGroupId: !Ref LoadBalancerGroup
#     terraform: |
#       resource "aws_vpc_security_group_ingress_rule" "app_from_lb" {
#         security_group_id            = aws_security_group.host.id
#         ip_protocol                  = "tcp"
#         from_port                    = 443
#         to_port                      = 443
#         referenced_security_group_id = aws_security_group.lb.id
#       }
package parapet.aws.ec2.ec2_confidential_workload_host_unrestricted_ingress

import rego.v1

import data.parapet.lib.ec2
import data.parapet.lib.network

attrs := input.resource.attributes

# The definition shared by every confidential-workload control (controls/lib/ec2.rego).
confidential if ec2.confidential_host(input.resource)

gone if ec2.gone(input.resource)

applies if {
	confidential
	not gone
}

rules := attrs.security_group_rules

exposing := network.permissions_opening_some_port(rules)

status := "SKIPPED" if not applies

# No default: without the group rules the control cannot decide (the engine reports ERROR).
status := "PASS" if {
	applies
	is_array(rules)
	count(exposing) == 0
}

status := "FAIL" if {
	applies
	is_array(rules)
	count(exposing) > 0
}

reason := sprintf("instance %s is not a confidential workload host", [input.resource.name]) if not confidential

reason := sprintf("instance %s is %s", [input.resource.name, attrs.State.Name]) if {
	confidential
	gone
}

reason := sprintf("confidential workload host %s accepts no inbound traffic from the internet", [input.resource.name]) if status == "PASS"

reason := sprintf("confidential workload host %s accepts inbound traffic from the internet (%s)", [
	input.resource.name,
	concat("; ", sort({network.permission_label(p) | some p in exposing})),
]) if status == "FAIL"
