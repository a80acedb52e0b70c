#!/usr/bin/env python3
"""Generate the port-exposure control families under controls/aws/ec2/.

    scripts/gen_port_controls.py

Two families differ only in the service they name and its ports, so they come from one
table here rather than thirty hand-copied files:

- ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_<service>: a security group
  admits 0.0.0.0/0 or ::/0 to one of the service's TCP ports.
- ec2_instance_port_<service>_exposed_to_internet: an instance with a public address has
  a security group rule admitting the internet to one of the service's TCP ports. Each
  control is its METADATA, its ports and its label; the verdict, its reason and the
  reachability it rests on are controls/lib/port_exposure.rego's, and the cases every
  control shares (all-traffic rules, IPv6, unreadable rules) are tested through
  controls/lib/port_exposure_test.rego's helpers.

Both read the resource's internet openings from controls/lib/network.rego
(security_group_tcp_openings, instance_tcp_openings: computed once per resource and shared
by the whole family), so the rule for ranges, all-protocol rules, prefix lists and
referenced groups is the library's.
The generated files (controls and tests) are committed; edit this script, not them.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "controls/aws/ec2"

# label, ports, severity, what an attacker gets.
# Each list is the set of TCP ports the service listens on by default, from its own
# documentation (one source per service, cited beside it).
SERVICES = {
    # RFC 854 (Telnet protocol, port 23).
    "telnet": ("Telnet", [23], "high", "Telnet carries credentials and whole sessions in clear text and is a favourite target of botnets."),
    # RFC 959 (FTP: control 21, active-mode data 20).
    "ftp": ("FTP", [20, 21], "high", "FTP sends credentials in clear text and its servers are often misconfigured for anonymous access."),
    # MySQL Port Reference (dev.mysql.com/doc/mysql-port-reference): classic protocol 3306, X Protocol 33060.
    "mysql": ("MySQL", [3306, 33060], "high", "The database is open to credential guessing and to exploits against the server from anywhere."),
    # PostgreSQL documentation, "Connections and Authentication" (port, default 5432).
    "postgresql": ("PostgreSQL", [5432], "high", "The database is open to credential guessing and to exploits against the server from anywhere."),
    # Redis documentation: server 6379, cluster bus (port + 10000) 16379, Sentinel 26379.
    "redis": ("Redis", [6379, 16379, 26379], "high", "Redis often runs without authentication; an open port lets anyone read or overwrite the data and, through its configuration commands, take over the host."),
    # MongoDB "Default MongoDB Port": mongod/mongos 27017, shard member 27018, config server 27019.
    "mongodb": ("MongoDB", [27017, 27018, 27019], "high", "Open MongoDB instances are routinely found, emptied and ransomed by automated scanners."),
    # Apache Cassandra "Configuring firewall port access" / cassandra.yaml: internode 7000,
    # internode TLS 7001, JMX 7199, CQL native 9042 (TLS 9142), Thrift 9160 (before 4.0);
    # 8888 is DataStax OpsCenter, kept because the security-group id names it.
    "cassandra": ("Cassandra", [7000, 7001, 7199, 8888, 9042, 9142, 9160], "high", "The cluster's internode, management and client ports let anyone who reaches them read data or reconfigure nodes."),
    # Elasticsearch "Networking" settings (HTTP 9200, transport 9300) and Kibana server.port 5601.
    "elasticsearch_kibana": ("Elasticsearch/Kibana", [5601, 9200, 9300], "high", "Open search clusters and dashboards are a common source of large data leaks."),
    # Apache Kafka configuration (listeners: broker 9092, KRaft controller 9093) and Amazon MSK
    # "Port information" (TLS 9094, SASL/SCRAM 9096, IAM 9098).
    "kafka": ("Kafka", [9092, 9093, 9094, 9096, 9098], "high", "Anyone who reaches the broker can read or inject messages when the listener is unauthenticated."),
    # memcached documentation (-p, default TCP port 11211).
    "memcached": ("Memcached", [11211], "high", "Memcached has no authentication by default and is abused for cache theft and traffic amplification."),
    # Oracle Database Net Services reference: listener 1521, IANA-registered 2483 (TCP) and 2484 (TCPS).
    "oracle": ("Oracle Database", [1521, 2483, 2484], "high", "The database listener is open to credential guessing and to exploits from anywhere."),
    # Microsoft, "Configure the Windows Firewall to allow SQL Server access": engine 1433,
    # dedicated admin connection 1434.
    "sqlserver": ("SQL Server", [1433, 1434], "high", "The database and its admin connection are open to credential guessing and to exploits from anywhere."),
    # Microsoft, "Service overview and network port requirements for Windows": NetBIOS session 139, SMB 445.
    "cifs": ("CIFS/SMB", [139, 445], "high", "SMB from the internet has carried some of the most damaging worms; file shares must stay inside the network."),
    # MIT Kerberos documentation (KDC 88, kpasswd 464, kadmind 749, legacy v4 KDC 750).
    "kerberos": ("Kerberos", [88, 464, 749, 750], "high", "The directory's authentication service can be probed for accounts and attacked offline (AS-REP roasting, password spraying)."),
    # RFC 4511 / 4513 (LDAP 389, LDAPS 636) and Active Directory global catalog 3268 / 3269.
    "ldap": ("LDAP", [389, 636, 3268, 3269], "high", "An open directory leaks users and groups and accepts password guessing."),
    # RFC 4253 (SSH, port 22).
    "ssh": ("SSH", [22], "high", "SSH from anywhere invites credential brute-forcing and exploits against the daemon."),
    # Microsoft Remote Desktop Services (port 3389).
    "rdp": ("RDP", [3389], "high", "RDP from anywhere invites credential brute-forcing and exploits against the remote desktop service."),
}

# Security-group ids use Prowler's names, which spell the ports out.
SG_IDS = {
    "telnet": "telnet_23", "ftp": "ftp_20_21", "mysql": "mysql_3306", "postgresql": "postgres_5432",
    "redis": "redis_6379", "mongodb": "mongodb_27017_27018", "cassandra": "cassandra_7199_9160_8888",
    "elasticsearch_kibana": "elasticsearch_kibana_9200_9300_5601", "kafka": "kafka_9092",
    "memcached": "memcached_11211", "oracle": "oracle_1521_2483", "sqlserver": "sql_server_1433_1434",
}
# A security-group id that names ports (Prowler's ids) covers those ports and every other
# port the service listens on: the question is "is the service open to the internet?", and
# a world-open 9042 exposes Cassandra as much as 9160 does. So the family uses SERVICES'
# lists, which include every port the id names.


def comment(text: str) -> str:
    return "\n".join("#   " + line if line else "#" for line in text.splitlines())


def ports_text(ports: list[int]) -> str:
    return ", ".join(str(p) for p in ports)


def sg_control(key: str) -> tuple[str, str, str]:
    label, ports, severity, risk = SERVICES[key]
    cid = f"ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_{SG_IDS[key]}"
    plural = "port" if len(ports) == 1 else "ports"
    first = ports[0]
    rego = f"""# METADATA
# title: Security group does not admit the internet to {label} (TCP {plural} {ports_text(ports)})
# description: |
#   Checks that no inbound rule admits 0.0.0.0/0 or ::/0 to TCP {plural} {ports_text(ports)}
#   ({label}), whether by a rule for the port, a port range that includes it, or a rule
#   for all protocols. Prefix lists and referenced security groups are not the internet.
# custom:
#   id: {cid}
#   severity: {severity}
#   service: ec2
#   resource_type: AWS::EC2::SecurityGroup
#   requires: [IpPermissions]
#   risk: {risk}
#   remediation:
#     text: Remove the internet rule; admit only the application tier's security group or known address ranges, and reach the service through a VPN, PrivateLink or a bastion.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort={first},ToPort={first},IpRanges=[{{CidrIp=0.0.0.0/0}}]'
#     cloudformation: |
#       FromAppTier:
#         Type: AWS::EC2::SecurityGroupIngress
#         Properties:
#           GroupId: !Ref Group
#           IpProtocol: tcp
#           FromPort: {first}
#           ToPort: {first}
#           SourceSecurityGroupId: !Ref AppTierGroup
#     terraform: |
#       resource "aws_vpc_security_group_ingress_rule" "from_app_tier" {{
#         security_group_id            = aws_security_group.this.id
#         ip_protocol                  = "tcp"
#         from_port                    = {first}
#         to_port                      = {first}
#         referenced_security_group_id = aws_security_group.app.id
#       }}
package parapet.aws.ec2.{cid}

import rego.v1

import data.parapet.lib.network

ports := {sorted(ports)}

permissions := input.resource.attributes.IpPermissions

# The group's internet openings are computed once per resource (network.rego).
exposed := network.exposed_ports(network.security_group_tcp_openings, ports)

# No default: without the rules the control cannot decide (the engine reports ERROR).
status := "PASS" if {{
	is_array(permissions)
	count(exposed) == 0
}}

status := "FAIL" if {{
	is_array(permissions)
	count(exposed) > 0
}}

reason := sprintf("security group %s does not admit the internet to {label} (TCP {ports_text(ports)})", [input.resource.name]) if status == "PASS"

reason := sprintf("security group %s admits the internet to {label} on TCP %s (%s)", [
	input.resource.name,
	concat(", ", [sprintf("%d", [p]) | some p in exposed]),
	concat("; ", sort({{network.permission_label(p) | some p in network.openings_permissions(network.security_group_tcp_openings, ports)}})),
]) if status == "FAIL"
"""
    last = ports[-1]
    test = f"""package parapet.aws.ec2.{cid}_test

import rego.v1

import data.parapet.aws.ec2.{cid} as control

sg(perms) := {{"resource": {{"name": "sg-1", "attributes": {{"GroupId": "sg-1", "IpPermissions": perms}}}}}}

tcp(from, to, cidrs, cidrs6) := {{
	"IpProtocol": "tcp", "FromPort": from, "ToPort": to,
	"IpRanges": [{{"CidrIp": c}} | some c in cidrs],
	"Ipv6Ranges": [{{"CidrIpv6": c}} | some c in cidrs6],
	"PrefixListIds": [], "UserIdGroupPairs": [],
}}

test_port_open_to_ipv4_internet_fails if {{
	inp := sg([tcp({last}, {last}, ["0.0.0.0/0"], [])])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 admits the internet to {label} on TCP {last} (tcp port {last})" with input as inp
}}

test_port_open_to_ipv6_internet_fails if control.status == "FAIL" with input as sg([tcp({first}, {first}, [], ["::/0"])])

test_range_containing_the_port_fails if control.status == "FAIL" with input as sg([tcp({first - 1}, {last + 1}, ["0.0.0.0/0"], [])])

test_all_protocols_fails if {{
	inp := sg([{{"IpProtocol": "-1", "IpRanges": [{{"CidrIp": "0.0.0.0/0"}}]}}])
	control.status == "FAIL" with input as inp
	control.reason == "security group sg-1 admits the internet to {label} on TCP {ports_text(ports)} (all traffic)" with input as inp
}}

test_private_source_prefix_list_and_group_pass if {{
	inp := sg([
		tcp({first}, {first}, ["10.0.0.0/8"], []),
		object.union(tcp({first}, {first}, [], []), {{"PrefixListIds": [{{"PrefixListId": "pl-123"}}]}}),
		object.union(tcp({first}, {first}, [], []), {{"UserIdGroupPairs": [{{"GroupId": "sg-app"}}]}}),
		tcp(443, 443, ["0.0.0.0/0"], ["::/0"]),
	])
	control.status == "PASS" with input as inp
	control.reason == "security group sg-1 does not admit the internet to {label} (TCP {ports_text(ports)})" with input as inp
}}

test_udp_and_icmp_pass if {{
	udp := object.union(tcp({first}, {first}, ["0.0.0.0/0"], []), {{"IpProtocol": "udp"}})
	icmp := {{"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [{{"CidrIp": "0.0.0.0/0"}}]}}
	control.status == "PASS" with input as sg([udp, icmp])
}}

test_no_rules_pass if control.status == "PASS" with input as sg([])

# Every port the service documents, written out here so the test fails if the list shrinks.
test_each_documented_port_fails if {{
	every p in {sorted(ports)} {{
		control.status == "FAIL" with input as sg([tcp(p, p, ["0.0.0.0/0"], [])])
	}}
}}

test_unreadable_rules_decide_nothing if not control.status with input as {{"resource": {{"name": "sg-1", "attributes": {{}}}}}}
"""
    return cid, rego, test


def neighbours(ports: list[int]) -> list[int]:
    """The ports just outside the service's list: the check must leave them alone."""
    return sorted({p for q in ports for p in (q - 1, q + 1) if p not in ports and 0 < p < 65536})


def instance_control(key: str) -> tuple[str, str, str]:
    label, ports, severity, risk = SERVICES[key]
    cid = f"ec2_instance_port_{key}_exposed_to_internet"
    plural = "port" if len(ports) == 1 else "ports"
    first, last = ports[0], ports[-1]
    rego = f"""# METADATA
# title: EC2 instance does not expose {label} (TCP {plural} {ports_text(ports)}) to the internet
# description: |
#   Checks the security groups attached to the instance for a rule admitting 0.0.0.0/0
#   or ::/0 to TCP {plural} {ports_text(ports)} ({label}). Such a rule reaches the instance
#   when it has a public IPv4 address (for 0.0.0.0/0) or an IPv6 address (for ::/0, as
#   IPv6 addresses are globally routable); without one the rule is reported but passes.
# custom:
#   id: {cid}
#   severity: {severity}
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [security_group_rules, PublicIpAddress, Ipv6Address]
#   risk: {risk}
#   remediation:
#     text: Remove the internet rule from the instance's security groups (admit only known ranges or other security groups), or move the instance to a private subnet without a public address.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort={first},ToPort={first},IpRanges=[{{CidrIp=0.0.0.0/0}}]'
#     terraform: |
#       resource "aws_instance" "this" {{
#         associate_public_ip_address = false
#         vpc_security_group_ids      = [aws_security_group.private.id]
#       }}
package parapet.aws.ec2.{cid}

import rego.v1

import data.parapet.lib.port_exposure

# The service's TCP ports; the verdict and its reason are the family's (port_exposure.rego).
ports := {ports}

verdict := port_exposure.instance_verdict(ports, "{label}")

status := verdict.status

reason := verdict.reason
"""
    test = f"""package parapet.aws.ec2.{cid}_test

import rego.v1

import data.parapet.aws.ec2.{cid} as control
import data.parapet.lib.port_exposure_test as family

test_public_instance_with_open_port_fails if {{
	inp := family.public_instance([family.world_open({last})])
	control.status == "FAIL" with input as inp
	control.reason == "instance i-1 is reachable from the internet on {label} (TCP {last}) through its security groups (tcp port {last})" with input as inp
}}

test_open_rule_without_public_address_passes_and_says_so if {{
	inp := family.instance([family.world_open({first})], null)
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has a security group rule admitting the internet to {label} (tcp port {first}) but no public address that rule could reach" with input as inp
}}

test_restricted_sources_pass if {{
	inp := family.public_instance([family.tcp({first}, {first}, ["10.0.0.0/8"], []), family.tcp(443, 443, ["0.0.0.0/0"], ["::/0"])])
	control.status == "PASS" with input as inp
	control.reason == "instance i-1 has no security group rule admitting the internet to {label} (TCP {ports_text(ports)})" with input as inp
}}

# Every port the service documents, written out here so the test fails if the list shrinks.
test_each_documented_port_fails if {{
	every p in {ports} {{
		control.status == "FAIL" with input as family.public_instance([family.world_open(p)])
	}}
}}

# The ports next to the service's: the list does not grow unnoticed.
test_neighbouring_ports_pass if {{
	every p in {neighbours(ports)} {{
		control.status == "PASS" with input as family.public_instance([family.world_open(p)])
	}}
}}

# All-traffic and range rules, IPv6, other protocols, unreadable rules (port_exposure_test.rego).
test_family_cases if {{
	every c in family.family_cases({first}) {{
		[s | s := control.status with input as c.input] == c.status
	}}
}}
"""
    return cid, rego, test


def main() -> None:
    written = 0
    for key in SG_IDS:
        for cid, rego, test in [sg_control(key)]:
            (OUT / f"{cid}.rego").write_text(rego)
            (OUT / f"{cid}_test.rego").write_text(test)
            written += 1
    for key in SERVICES:
        cid, rego, test = instance_control(key)
        (OUT / f"{cid}.rego").write_text(rego)
        (OUT / f"{cid}_test.rego").write_text(test)
        written += 1
    print(f"{written} controls written to {OUT}")


if __name__ == "__main__":
    main()
