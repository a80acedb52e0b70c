# METADATA
# title: EC2 instance does not expose Elasticsearch/Kibana (TCP ports 5601, 9200, 9300) to the internet
# description: |
#   Checks the security groups attached to the instance for a rule admitting 0.0.0.0/0
#   or ::/0 to TCP ports 5601, 9200, 9300 (Elasticsearch/Kibana). Such a rule reaches the instance
#   when it has a public IPv4 address (for 0.0.0.0/0) or an IPv6 address (for ::/0, as
#   IPv6 addresses are globally routable); without one the rule is reported but passes.
# custom:
#   id: ec2_instance_port_elasticsearch_kibana_exposed_to_internet
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [security_group_rules, PublicIpAddress, Ipv6Address]
#   risk: Open search clusters and dashboards are a common source of large data leaks.
#   remediation:
#     text: Remove the internet rule from the instance's security groups (admit only known ranges or other security groups), or move the instance to a private subnet without a public address.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=5601,ToPort=5601,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     terraform: |
#       resource "aws_instance" "this" {
#         associate_public_ip_address = false
#         vpc_security_group_ids      = [aws_security_group.private.id]
#       }
#   realtime_triggers:
#     - ec2.amazonaws.com:RunInstances
#     - ec2.amazonaws.com:ModifyInstanceAttribute
#     - ec2.amazonaws.com:ModifyNetworkInterfaceAttribute
#     - ec2.amazonaws.com:AssociateAddress
#     - ec2.amazonaws.com:DisassociateAddress
#     - ec2.amazonaws.com:AuthorizeSecurityGroupIngress
#     - ec2.amazonaws.com:RevokeSecurityGroupIngress
#     - ec2.amazonaws.com:ModifySecurityGroupRules
package parapet.aws.ec2.ec2_instance_port_elasticsearch_kibana_exposed_to_internet

import rego.v1

import data.parapet.lib.network
import data.parapet.lib.util

ports := [5601, 9200, 9300]

attrs := input.resource.attributes

rules := attrs.security_group_rules

# The instance's internet openings are computed once per resource (network.rego).
open_rules := network.openings_permissions(network.instance_tcp_openings, ports)

public_ipv4 if is_string(attrs.PublicIpAddress)

has_ipv6 if is_string(object.get(attrs, "Ipv6Address", null))

# The open rules a packet from the internet can actually use on this instance.
reachable := [p |
	some p in open_rules
	reachable_rule(p)
]

reachable_rule(p) if {
	public_ipv4
	some r in util.as_list(p.IpRanges)
	r.CidrIp == "0.0.0.0/0"
}

reachable_rule(p) if {
	has_ipv6
	some r in util.as_list(p.Ipv6Ranges)
	r.CidrIpv6 == "::/0"
}

status := "FAIL" if {
	is_array(rules)
	count(reachable) > 0
}

status := "PASS" if {
	is_array(rules)
	count(reachable) == 0
}

labels(perms) := concat("; ", sort({network.permission_label(p) | some p in perms}))

reason := sprintf("instance %s is reachable from the internet on Elasticsearch/Kibana (TCP %s) through its security groups (%s)", [
	input.resource.name,
	concat(", ", [sprintf("%d", [p]) | some p in network.exposed_tcp_ports(reachable, ports)]),
	labels(reachable),
]) if status == "FAIL"

reason := sprintf("instance %s has no security group rule admitting the internet to Elasticsearch/Kibana (TCP 5601, 9200, 9300)", [input.resource.name]) if {
	status == "PASS"
	count(open_rules) == 0
}

reason := sprintf("instance %s has a security group rule admitting the internet to Elasticsearch/Kibana (%s) but no public address that rule could reach", [input.resource.name, labels(open_rules)]) if {
	status == "PASS"
	count(open_rules) > 0
}
