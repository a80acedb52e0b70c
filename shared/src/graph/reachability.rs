//! Internet reachability, computed per network interface, address family and port
//! from the resource documents of one account and region (`docs/threat-graph.md`,
//! "Reachability"). An instance is reachable from a public source on a port when it has
//! a public address of that family, its subnet's route table (its own, else the VPC's
//! main one) sends the source to an attached internet gateway by longest prefix, the
//! subnet's NACL lets the port in and replies out (first matching rule wins), and one
//! of its security groups admits the source on the port. Internet-facing load
//! balancers and publicly accessible databases are judged the same way per subnet;
//! function URLs without auth and non-private API Gateway endpoints are entries by
//! configuration. Pure logic: no AWS call, deterministic output.

mod addr;
mod entries;
mod exposure;
mod fronts;
mod network;
#[cfg(test)]
mod tests;

pub use fronts::Placement;
pub use network::Network;

use crate::model::Resource;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
}

impl Protocol {
    pub const BOTH: [Protocol; 2] = [Protocol::Tcp, Protocol::Udp];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PortRange {
    pub protocol: Protocol,
    pub from: u16,
    pub to: u16,
}

impl PortRange {
    pub fn one(protocol: Protocol, port: u16) -> PortRange {
        PortRange {
            protocol,
            from: port,
            to: port,
        }
    }

    pub fn contains(&self, protocol: Protocol, port: u16) -> bool {
        self.protocol == protocol && self.from <= port && port <= self.to
    }
}

/// Ports reachable from the internet and the public sources that reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExposedPorts {
    pub protocol: Protocol,
    pub from: u16,
    pub to: u16,
    /// Public CIDRs (IPv4 first, then IPv6), the fewest blocks that cover the sources.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Instance,
    LoadBalancer,
    FunctionUrl,
    Api,
    Database,
}

/// A fact that makes an entry reachable, named so that the findings about it can be
/// attached to the edge (`*_arn` fields are the resource ARNs findings are keyed by).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum Evidence {
    /// A public IPv4 (auto-assigned or Elastic IP) or global IPv6 address.
    PublicAddress {
        interface: String,
        address: String,
    },
    /// The route that wins longest-prefix matching for the sources.
    Route {
        route_table: String,
        route_table_id: String,
        main: bool,
        destination: String,
        gateway_id: String,
    },
    /// `attachment` is `available`, or `not collected` when no gateway document was
    /// scanned and the route's state was trusted.
    InternetGateway {
        gateway_id: String,
        vpc_id: String,
        attachment: String,
    },
    NetworkAclRule {
        network_acl: String,
        network_acl_id: String,
        rule_number: i64,
        egress: bool,
    },
    SecurityGroupRule {
        security_group: String,
        group_id: String,
        egress: bool,
        protocol: String,
        from_port: u16,
        to_port: u16,
        /// The CIDR or security group the rule admits.
        peer: String,
    },
    /// A load balancer's `internet-facing` scheme (its nodes have public addresses).
    Scheme {
        scheme: String,
    },
    PubliclyAccessible,
    FunctionUrl {
        url: String,
        auth_type: String,
    },
    /// A resource-policy statement granting the public access; `conditional` when it
    /// has conditions beyond the ones the service itself sets.
    ResourcePolicyStatement {
        sid: String,
        conditional: bool,
    },
    ApiEndpoint {
        endpoint_type: String,
    },
}

/// One resource the internet can reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InternetEntry {
    pub resource_arn: String,
    pub kind: EntryKind,
    /// Sorted by protocol and port; adjacent ranges with the same sources are merged.
    pub ports: Vec<ExposedPorts>,
    /// Every public source of any port.
    pub sources: Vec<String>,
    /// Sorted and without duplicates.
    pub evidence: Vec<Evidence>,
}

/// A resource that may be an entry but whose documents lack what the computation
/// needs (an attribute not collected, or unreadable): reported, never guessed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Undetermined {
    pub resource_arn: String,
    pub kind: EntryKind,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reachability {
    /// Sorted by resource ARN.
    pub entries: Vec<InternetEntry>,
    pub undetermined: Vec<Undetermined>,
}

/// The internet entry points among `resources` (one account and region).
pub fn internet_entries(resources: &[Resource]) -> Reachability {
    let network = Network::index(resources);
    internet_entries_with(&network, resources)
}

/// The same over an already indexed network (the graph builder indexes once and also
/// asks `Network::fronts`).
pub fn internet_entries_with(network: &Network, resources: &[Resource]) -> Reachability {
    let mut out = Reachability::default();
    let mut memo = entries::Memo::default();
    for resource in resources {
        match entries::judge(network, &mut memo, resource) {
            Some(Ok(entry)) => out.entries.push(entry),
            Some(Err(undetermined)) => out.undetermined.push(undetermined),
            None => {}
        }
    }
    out.entries
        .sort_by(|a, b| a.resource_arn.cmp(&b.resource_arn));
    out.undetermined.sort();
    out
}
