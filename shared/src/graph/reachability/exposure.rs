//! The reachability of one network attachment point (an interface, or one subnet of a
//! load balancer or database): which public sources reach which ports through the
//! subnet's route table, its NACL (both directions) and the security groups.

use super::addr::{AddrSet, Family};
use super::network::{pieces, Group, InternetRoute, Nacl, NaclRule, Network, RouteTable, SgRule};
use super::{Evidence, PortRange, Protocol};
use std::collections::BTreeSet;

/// Where a resource meets the network and what it offers there.
pub struct Attachment {
    pub subnet_id: String,
    /// The security groups, or None for a resource without any (an NLB without
    /// groups is filtered by its NACL only).
    pub groups: Option<Vec<String>>,
    /// Each public address with its family; none means not reachable.
    pub addresses: Vec<(Family, Evidence)>,
    /// The ports the resource listens on, or None for "whatever the groups allow".
    pub listening: Option<Vec<PortRange>>,
}

/// Ports reachable over one family, with the exact set of public sources.
#[derive(Clone)]
pub struct Exposed {
    pub protocol: Protocol,
    pub from: u16,
    pub to: u16,
    pub sources: AddrSet,
}

/// What an attachment exposes; the evidence leaves out its addresses, so that
/// attachments alike but for their addresses share one evaluation.
#[derive(Default, Clone)]
pub struct Outcome {
    pub exposed: Vec<Exposed>,
    pub evidence: BTreeSet<Evidence>,
}

fn union<'a, T: 'a>(family: Family, parts: impl IntoIterator<Item = &'a (AddrSet, T)>) -> AddrSet {
    parts
        .into_iter()
        .fold(AddrSet::empty(family), |acc, (set, _)| acc.union(set))
}

/// What decides an attachment's exposure besides its addresses: instances of one
/// subnet and groups (an auto-scaling group, say) are evaluated once.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Key {
    subnet_id: String,
    groups: Option<Vec<String>>,
    families: BTreeSet<Family>,
    listening: Option<Vec<PortRange>>,
}

impl Attachment {
    pub fn key(&self) -> Key {
        Key {
            subnet_id: self.subnet_id.clone(),
            groups: self.groups.clone(),
            families: self.addresses.iter().map(|(f, _)| *f).collect(),
            listening: self.listening.clone(),
        }
    }

    /// The address evidence of the families the outcome exposes.
    pub fn address_evidence(&self, outcome: &Outcome) -> Vec<Evidence> {
        let exposed: BTreeSet<Family> = outcome.exposed.iter().map(|e| e.sources.family).collect();
        self.addresses
            .iter()
            .filter(|(f, _)| exposed.contains(f))
            .map(|(_, e)| e.clone())
            .collect()
    }
}

/// The documents an attachment is judged on.
struct Plumbing<'n> {
    table: &'n RouteTable,
    nacl: &'n Nacl,
    /// None: no security groups filter (a network load balancer without any).
    groups: Option<Vec<&'n Group>>,
}

/// Err names the document that is missing.
fn plumbing<'n>(net: &'n Network, at: &Attachment) -> Result<Plumbing<'n>, String> {
    let subnet = &at.subnet_id;
    net.subnet(subnet)
        .ok_or_else(|| format!("subnet {subnet} is not in the scan"))?;
    let table = net.route_table(subnet).ok_or_else(|| {
        format!("no route table of subnet {subnet} (nor a main one) is in the scan")
    })?;
    let nacl = net
        .nacl(subnet)
        .ok_or_else(|| format!("no network ACL of subnet {subnet} is in the scan"))?;
    let groups = match &at.groups {
        None => None,
        Some(ids) => Some(
            ids.iter()
                .map(|id| {
                    net.group(id)
                        .ok_or_else(|| format!("security group {id} is not in the scan"))
                })
                .collect::<Result<_, _>>()?,
        ),
    };
    Ok(Plumbing {
        table,
        nacl,
        groups,
    })
}

/// Err names the document that is missing.
pub fn evaluate(net: &Network, at: &Attachment) -> Result<Outcome, String> {
    let mut out = Outcome::default();
    if at.addresses.is_empty() {
        return Ok(out);
    }
    let plumbing = plumbing(net, at)?;
    let families: BTreeSet<Family> = at.addresses.iter().map(|(f, _)| *f).collect();
    for family in families {
        let routes: Vec<&InternetRoute> = plumbing
            .table
            .to_internet
            .iter()
            .filter(|r| r.region.family == family)
            .collect();
        let routed = routes
            .iter()
            .fold(AddrSet::empty(family), |acc, r| acc.union(&r.region))
            .intersect(&AddrSet::public(family));
        if routed.is_empty() {
            continue;
        }
        for protocol in Protocol::BOTH {
            let flow = Flow {
                plumbing: &plumbing,
                routes: &routes,
                family,
                protocol,
            };
            flow.judge(&routed, &listening(at, protocol), &mut out);
        }
    }
    Ok(out)
}

/// One family and protocol through an attachment's plumbing.
struct Flow<'a, 'n> {
    plumbing: &'a Plumbing<'n>,
    routes: &'a [&'n InternetRoute],
    family: Family,
    protocol: Protocol,
}

impl Flow<'_, '_> {
    /// Adds to `out` the listening ports that sources in `routed` reach.
    fn judge(&self, routed: &AddrSet, listening: &[(u16, u16)], out: &mut Outcome) {
        let (family, protocol, nacl) = (self.family, self.protocol, self.plumbing.nacl);
        let replies = nacl.ephemeral_allowed(true, family, protocol);
        let base = routed.intersect(&union(family, &replies));
        if base.is_empty() {
            return;
        }
        let rules: Vec<(&Group, &SgRule)> = self
            .plumbing
            .groups
            .iter()
            .flatten()
            .flat_map(|g| g.ingress.iter().map(move |r| (*g, r)))
            .collect();
        let mut bounds: Vec<(u16, u16)> = nacl.port_bounds(false, protocol).collect();
        bounds.extend(rules.iter().map(|(_, r)| r.ports));
        for &range in listening {
            for (lo, hi) in pieces(range, &bounds) {
                // Within a piece every rule decides alike: judge its first port.
                let Some((sources, evidence)) = self.piece(&base, &rules, &replies, lo) else {
                    continue;
                };
                out.evidence.extend(evidence);
                out.exposed.push(Exposed {
                    protocol,
                    from: lo,
                    to: hi,
                    sources,
                });
            }
        }
    }

    /// The sources reaching `port` and the facts that let them, or None.
    fn piece(
        &self,
        base: &AddrSet,
        rules: &[(&Group, &SgRule)],
        replies: &[(AddrSet, &NaclRule)],
        port: u16,
    ) -> Option<(AddrSet, Vec<Evidence>)> {
        let (family, protocol, nacl) = (self.family, self.protocol, self.plumbing.nacl);
        let admitted: Vec<(AddrSet, Option<Evidence>)> = if self.plumbing.groups.is_some() {
            rules
                .iter()
                .filter(|(_, r)| r.covers(protocol, port))
                .flat_map(|(g, r)| {
                    r.cidrs(family)
                        .map(|(c, text)| (AddrSet::of(c), Some(r.evidence(g, text))))
                })
                .collect()
        } else {
            vec![(AddrSet::all(family), None)]
        };
        let admitted_sources = base.intersect(&union(family, &admitted));
        if admitted_sources.is_empty() {
            return None;
        }
        let inbound = nacl.allowed(false, family, protocol, port);
        let sources = admitted_sources.intersect(&union(family, &inbound));
        if sources.is_empty() {
            return None;
        }
        let mut evidence = Vec::new();
        for route in self.routes.iter().filter(|r| r.region.overlaps(&sources)) {
            evidence.extend(route.evidence.iter().cloned());
        }
        for (set, rule) in inbound.iter().chain(replies) {
            if set.overlaps(&sources) {
                evidence.push(rule.evidence(nacl));
            }
        }
        for (set, rule) in &admitted {
            if let Some(rule) = rule.as_ref().filter(|_| set.overlaps(&sources)) {
                evidence.push(rule.clone());
            }
        }
        Some((sources, evidence))
    }
}

fn listening(at: &Attachment, protocol: Protocol) -> Vec<(u16, u16)> {
    match &at.listening {
        None => vec![(0, 65535)],
        Some(ports) => ports
            .iter()
            .filter(|p| p.protocol == protocol)
            .map(|p| (p.from, p.to))
            .collect(),
    }
}
