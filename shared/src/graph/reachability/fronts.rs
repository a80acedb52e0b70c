//! Reachability between two resources of one VPC, for `fronts` edges (a load balancer
//! to its targets, an API to its integration): the target's security groups admit the
//! source, the source's groups let the traffic out, and, when the two sit in different
//! subnets, both subnets' NACLs pass the port and the replies.

use super::addr::{AddrSet, Family};
use super::network::{Group, Nacl, Network, SgRule};
use super::{Evidence, Protocol};
use crate::model::Resource;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// Where a resource sits: its subnets and security groups (sorted, deduplicated).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub subnets: Vec<String>,
    pub groups: Vec<String>,
}

fn ids(values: &[Value], field: Option<&str>) -> Vec<String> {
    let set: BTreeSet<String> = values
        .iter()
        .filter_map(|v| match field {
            Some(f) => v.get(f)?.as_str(),
            None => v.as_str(),
        })
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    set.into_iter().collect()
}

fn array(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

impl Placement {
    /// The placement of an instance, load balancer, database or VPC-attached Lambda
    /// function, from the attributes `docs/threat-graph.md` lists; None when unknown.
    pub fn of(r: &Resource) -> Option<Placement> {
        let a = &r.attributes;
        let at = |path: &str| array(a.pointer(path));
        let (subnets, groups) = match r.resource_type.as_str() {
            "AWS::EC2::Instance" if !at("/NetworkInterfaces").is_empty() => {
                let interfaces = at("/NetworkInterfaces");
                let groups: Vec<Value> = interfaces
                    .iter()
                    .flat_map(|n| array(n.get("Groups")).iter().cloned())
                    .collect();
                (
                    ids(interfaces, Some("SubnetId")),
                    ids(&groups, Some("GroupId")),
                )
            }
            "AWS::EC2::Instance" => {
                let subnet = a
                    .get("SubnetId")
                    .cloned()
                    .map(|s| vec![s])
                    .unwrap_or_default();
                (
                    ids(&subnet, None),
                    ids(at("/SecurityGroups"), Some("GroupId")),
                )
            }
            "AWS::ElasticLoadBalancingV2::LoadBalancer" => (
                ids(at("/AvailabilityZones"), Some("SubnetId")),
                ids(at("/SecurityGroups"), None),
            ),
            "AWS::ElasticLoadBalancing::LoadBalancer" => {
                (ids(at("/Subnets"), None), ids(at("/SecurityGroups"), None))
            }
            "AWS::RDS::DBInstance" | "AWS::Redshift::Cluster" => {
                let mut subnets = ids(at("/DBSubnetGroup/Subnets"), Some("SubnetIdentifier"));
                if subnets.is_empty() {
                    subnets = ids(at("/subnet_ids"), None);
                }
                (
                    subnets,
                    ids(at("/VpcSecurityGroups"), Some("VpcSecurityGroupId")),
                )
            }
            "AWS::Lambda::Function" => (
                ids(at("/VpcConfig/SubnetIds"), None),
                ids(at("/VpcConfig/SecurityGroupIds"), None),
            ),
            _ => return None,
        };
        (!subnets.is_empty()).then_some(Placement { subnets, groups })
    }
}

/// The rules of `groups` (one direction) that cover the port and name one of `peers`
/// or a CIDR overlapping `addresses`.
fn matching_rules(
    groups: &[&Group],
    egress: bool,
    protocol: Protocol,
    port: u16,
    peers: &[String],
    addresses: Option<&AddrSet>,
) -> Vec<Evidence> {
    let mut out = Vec::new();
    for group in groups {
        let rules: &[SgRule] = if egress {
            &group.egress
        } else {
            &group.ingress
        };
        for rule in rules.iter().filter(|r| rule_covers(r, protocol, port)) {
            for peer in rule.groups.iter().filter(|g| peers.contains(g)) {
                out.push(rule.evidence_of(group, peer, egress));
            }
            if let Some(addresses) = addresses {
                for (cidr, text) in rule.cidrs(addresses.family) {
                    if AddrSet::of(cidr).overlaps(addresses) {
                        out.push(rule.evidence_of(group, text, egress));
                    }
                }
            }
        }
    }
    out
}

fn rule_covers(rule: &SgRule, protocol: Protocol, port: u16) -> bool {
    rule.covers(protocol, port)
}

/// NACL rules letting `port` from `peer` (inbound) or to it (outbound), and the
/// replies back; None when the NACL blocks either.
fn nacl_passes(
    nacl: &Nacl,
    inbound: bool,
    protocol: Protocol,
    port: u16,
    peer: &AddrSet,
) -> Option<Vec<Evidence>> {
    let forward = nacl.allowed(!inbound, peer.family, protocol, port);
    let replies = nacl.ephemeral_allowed(inbound, peer.family, protocol);
    let mut out = Vec::new();
    for part in [&forward, &replies] {
        let deciding: Vec<Evidence> = part
            .iter()
            .filter(|(set, _)| set.overlaps(peer))
            .map(|(_, rule)| rule.evidence(nacl))
            .collect();
        if deciding.is_empty() {
            return None;
        }
        out.extend(deciding);
    }
    Some(out)
}

impl Network {
    /// Whether a rule of `target_groups` admits one of `source_groups` by reference on
    /// the port; the admitting rules when it does.
    pub fn admits(
        &self,
        source_groups: &[String],
        target_groups: &[String],
        protocol: Protocol,
        port: u16,
    ) -> Option<Vec<Evidence>> {
        let targets: Vec<&Group> = target_groups.iter().filter_map(|g| self.group(g)).collect();
        let found = matching_rules(&targets, false, protocol, port, source_groups, None);
        (!found.is_empty()).then(|| sorted(found))
    }

    /// Whether `source` can open a connection to `target` on the port, in the same
    /// VPC: the evidence (security-group rules both ways, NACL rules of both subnets
    /// when they differ) for the first subnet pair that works, or None.
    pub fn fronts(
        &self,
        source: &Placement,
        target: &Placement,
        protocol: Protocol,
        port: u16,
    ) -> Option<Vec<Evidence>> {
        let source_groups: Vec<&Group> =
            source.groups.iter().filter_map(|g| self.group(g)).collect();
        let target_groups: Vec<&Group> =
            target.groups.iter().filter_map(|g| self.group(g)).collect();
        for s in &source.subnets {
            for t in &target.subnets {
                if let Some(evidence) = self.pair(
                    s,
                    t,
                    &source_groups,
                    &target_groups,
                    source,
                    target,
                    protocol,
                    port,
                ) {
                    return Some(sorted(evidence));
                }
            }
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn pair(
        &self,
        s: &str,
        t: &str,
        source_groups: &[&Group],
        target_groups: &[&Group],
        source: &Placement,
        target: &Placement,
        protocol: Protocol,
        port: u16,
    ) -> Option<Vec<Evidence>> {
        let (from, to) = (self.subnet(s)?, self.subnet(t)?);
        if from.vpc_id != to.vpc_id {
            return None;
        }
        let from_cidr = AddrSet::of(from.cidr.as_ref().filter(|c| c.family == Family::V4)?);
        let to_cidr = AddrSet::of(to.cidr.as_ref().filter(|c| c.family == Family::V4)?);
        let mut evidence = matching_rules(
            target_groups,
            false,
            protocol,
            port,
            &source.groups,
            Some(&from_cidr),
        );
        if evidence.is_empty() {
            return None;
        }
        // Security groups are stateful: the source's egress is checked, replies are not.
        if !source_groups.is_empty() {
            let out = matching_rules(
                source_groups,
                true,
                protocol,
                port,
                &target.groups,
                Some(&to_cidr),
            );
            if out.is_empty() {
                return None;
            }
            evidence.extend(out);
        }
        // Traffic within one subnet never crosses its NACL.
        if s != t {
            evidence.extend(nacl_passes(self.nacl(s)?, false, protocol, port, &to_cidr)?);
            evidence.extend(nacl_passes(
                self.nacl(t)?,
                true,
                protocol,
                port,
                &from_cidr,
            )?);
        }
        Some(evidence)
    }
}

fn sorted(evidence: Vec<Evidence>) -> Vec<Evidence> {
    let set: BTreeSet<Evidence> = evidence.into_iter().collect();
    set.into_iter().collect()
}
