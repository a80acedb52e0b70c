//! The network plumbing of one account and region, read once from the resource
//! documents and indexed by id: subnets, route tables (with the addresses each one
//! sends to an attached internet gateway, by longest prefix), network ACLs and
//! security groups. Every lookup after indexing is a hash lookup, so evaluating N
//! resources stays linear.

use super::addr::{AddrSet, Cidr, Family};
use super::{Evidence, Protocol};
use crate::model::Resource;
use serde_json::Value;
use std::collections::HashMap;

pub const EPHEMERAL_PORTS: (u16, u16) = (1024, 65535);

/// The string at `key`, or "" when absent or not a string.
pub(super) fn text<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The array at `key`, or none when absent or not an array.
pub(super) fn list<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A number the API gives as a number or, in XML-read documents, as a string.
pub fn number(v: &Value) -> Option<i64> {
    v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())
}

/// Which protocols a security-group or NACL rule covers (`-1`/`all`, names or numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProtocolMatch {
    All,
    Only(Protocol),
    Other,
}

impl ProtocolMatch {
    fn parse(text: &str) -> ProtocolMatch {
        match text.trim().to_ascii_lowercase().as_str() {
            "-1" | "all" => ProtocolMatch::All,
            "6" | "tcp" => ProtocolMatch::Only(Protocol::Tcp),
            "17" | "udp" => ProtocolMatch::Only(Protocol::Udp),
            _ => ProtocolMatch::Other,
        }
    }

    fn covers(self, protocol: Protocol) -> bool {
        match self {
            ProtocolMatch::All => true,
            ProtocolMatch::Only(p) => p == protocol,
            ProtocolMatch::Other => false,
        }
    }
}

/// A port range from `FromPort`/`ToPort` or `PortRange{From, To}`; absent or `-1` means
/// every port (AWS ignores ports for "all protocols" rules).
fn port_range(from: Option<&Value>, to: Option<&Value>, protocol: ProtocolMatch) -> (u16, u16) {
    let clamp = |v: Option<&Value>| number(v?).filter(|n| (0..=65535).contains(n));
    match (protocol, clamp(from), clamp(to)) {
        (ProtocolMatch::Only(_), Some(lo), Some(hi)) if lo <= hi => (lo as u16, hi as u16),
        _ => (0, 65535),
    }
}

pub struct Subnet {
    pub arn: String,
    pub vpc_id: String,
    pub cidr: Option<Cidr>,
}

struct Route {
    destination: Option<Cidr>,
    destination_text: String,
    target: String,
    active: bool,
}

/// The part of a route table's address space that it sends to an internet gateway,
/// one region per gateway route that wins longest-prefix matching somewhere.
pub struct InternetRoute {
    pub region: AddrSet,
    pub evidence: Vec<Evidence>,
}

pub struct RouteTable {
    pub id: String,
    pub arn: String,
    pub main: bool,
    pub to_internet: Vec<InternetRoute>,
}

pub struct NaclRule {
    pub number: i64,
    egress: bool,
    protocol: ProtocolMatch,
    pub ports: (u16, u16),
    cidr: Option<Cidr>,
    allow: bool,
}

pub struct Nacl {
    pub id: String,
    pub arn: String,
    /// Entries in ascending rule number: AWS evaluates them in that order.
    rules: Vec<NaclRule>,
}

pub struct SgRule {
    protocol: ProtocolMatch,
    ip_protocol: String,
    pub ports: (u16, u16),
    cidrs: Vec<(Cidr, String)>,
    pub groups: Vec<String>,
}

pub struct Group {
    pub id: String,
    pub arn: String,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

/// Internet gateways by id: the VPCs each is attached to (attachment state `available`).
type Gateways = HashMap<String, Vec<String>>;

#[derive(Default)]
pub struct Network {
    subnets: HashMap<String, Subnet>,
    tables: Vec<RouteTable>,
    table_of_subnet: HashMap<String, usize>,
    main_table: HashMap<String, usize>,
    nacls: Vec<Nacl>,
    nacl_of_subnet: HashMap<String, usize>,
    default_nacl: HashMap<String, usize>,
    groups: HashMap<String, Group>,
}

impl Network {
    pub fn index<'r>(resources: impl IntoIterator<Item = &'r Resource> + Clone) -> Network {
        let gateways = gateways(resources.clone());
        let mut net = Network::default();
        for r in resources {
            let a = &r.attributes;
            match r.resource_type.as_str() {
                "AWS::EC2::Subnet" => {
                    let subnet = Subnet {
                        arn: r.arn.clone(),
                        vpc_id: text(a, "VpcId").to_string(),
                        cidr: Cidr::parse(text(a, "CidrBlock")),
                    };
                    net.subnets.insert(text(a, "SubnetId").to_string(), subnet);
                }
                "AWS::EC2::RouteTable" => net.add_table(r, &gateways),
                "AWS::EC2::NetworkAcl" => net.add_nacl(r),
                "AWS::EC2::SecurityGroup" => {
                    let group = Group {
                        id: text(a, "GroupId").to_string(),
                        arn: r.arn.clone(),
                        ingress: list(a, "IpPermissions").iter().map(sg_rule).collect(),
                        egress: list(a, "IpPermissionsEgress").iter().map(sg_rule).collect(),
                    };
                    net.groups.insert(group.id.clone(), group);
                }
                _ => {}
            }
        }
        net
    }

    fn add_table(&mut self, r: &Resource, gateways: &Gateways) {
        let a = &r.attributes;
        let vpc = text(a, "VpcId");
        let index = self.tables.len();
        let mut main = false;
        for assoc in list(a, "Associations") {
            match assoc.get("SubnetId").and_then(Value::as_str) {
                Some(subnet) if !subnet.is_empty() => {
                    self.table_of_subnet.insert(subnet.to_string(), index);
                }
                _ if assoc.get("Main") == Some(&Value::Bool(true)) => {
                    main = true;
                    self.main_table.insert(vpc.to_string(), index);
                }
                _ => {}
            }
        }
        let routes: Vec<Route> = list(a, "Routes").iter().filter_map(route).collect();
        let mut table = RouteTable {
            id: text(a, "RouteTableId").to_string(),
            arn: r.arn.clone(),
            main,
            to_internet: Vec::new(),
        };
        for family in Family::BOTH {
            table
                .to_internet
                .extend(internet_routes(&table, &routes, family, vpc, gateways));
        }
        self.tables.push(table);
    }

    fn add_nacl(&mut self, r: &Resource) {
        let a = &r.attributes;
        let index = self.nacls.len();
        for assoc in list(a, "Associations") {
            let subnet = text(assoc, "SubnetId");
            if !subnet.is_empty() {
                self.nacl_of_subnet.insert(subnet.to_string(), index);
            }
        }
        if a.get("IsDefault") == Some(&Value::Bool(true)) {
            self.default_nacl
                .insert(text(a, "VpcId").to_string(), index);
        }
        let mut rules: Vec<NaclRule> = list(a, "Entries").iter().filter_map(nacl_rule).collect();
        rules.sort_by_key(|rule| rule.number);
        self.nacls.push(Nacl {
            id: text(a, "NetworkAclId").to_string(),
            arn: r.arn.clone(),
            rules,
        });
    }

    pub fn subnet(&self, id: &str) -> Option<&Subnet> {
        self.subnets.get(id)
    }

    /// The subnet's own route table, else its VPC's main one.
    pub fn route_table(&self, subnet: &str) -> Option<&RouteTable> {
        let index = self.table_of_subnet.get(subnet).or_else(|| {
            let vpc = &self.subnets.get(subnet)?.vpc_id;
            self.main_table.get(vpc)
        })?;
        self.tables.get(*index)
    }

    /// The NACL associated with the subnet, else its VPC's default one.
    pub fn nacl(&self, subnet: &str) -> Option<&Nacl> {
        let index = self.nacl_of_subnet.get(subnet).or_else(|| {
            let vpc = &self.subnets.get(subnet)?.vpc_id;
            self.default_nacl.get(vpc)
        })?;
        self.nacls.get(*index)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.get(id)
    }
}

fn gateways<'r>(resources: impl IntoIterator<Item = &'r Resource>) -> Gateways {
    resources
        .into_iter()
        .filter(|r| r.resource_type == "AWS::EC2::InternetGateway")
        .map(|r| {
            let a = &r.attributes;
            let vpcs = list(a, "Attachments")
                .iter()
                // DescribeInternetGateways reports `available` for an attached gateway.
                .filter(|x| matches!(text(x, "State"), "available" | "attached"))
                .map(|x| text(x, "VpcId").to_string())
                .collect();
            (text(a, "InternetGatewayId").to_string(), vpcs)
        })
        .collect()
}

fn route(v: &Value) -> Option<Route> {
    let destination_text = [
        "DestinationCidrBlock",
        "DestinationIpv6CidrBlock",
        "DestinationPrefixListId",
    ]
    .iter()
    .map(|k| text(v, k))
    .find(|d| !d.is_empty())?
    .to_string();
    // Only GatewayId can name an internet gateway; any other target (NAT gateway,
    // instance, peering, egress-only gateway, ...) is "somewhere else".
    let target = [
        "GatewayId",
        "NatGatewayId",
        "EgressOnlyInternetGatewayId",
        "VpcPeeringConnectionId",
        "TransitGatewayId",
        "NetworkInterfaceId",
        "InstanceId",
    ]
    .iter()
    .map(|k| text(v, k))
    .find(|t| !t.is_empty())
    .unwrap_or_default()
    .to_string();
    Some(Route {
        destination: Cidr::parse(&destination_text),
        destination_text,
        target,
        // A route without a state is taken as active; `blackhole` drops traffic.
        active: text(v, "State") != "blackhole",
    })
}

/// Longest prefix match, solved for every address at once: walk the routes from the
/// most to the least specific; each one takes the addresses no more specific route has
/// taken. The regions taken by active routes to an attached internet gateway are what
/// the table sends to the internet. Prefix-list destinations are not expanded.
fn internet_routes(
    table: &RouteTable,
    routes: &[Route],
    family: Family,
    vpc: &str,
    gateways: &Gateways,
) -> Vec<InternetRoute> {
    let mut ordered: Vec<(&Route, Cidr)> = routes
        .iter()
        .filter_map(|r| Some((r, r.destination.filter(|c| c.family == family)?)))
        .collect();
    ordered.sort_by_key(|(_, cidr)| std::cmp::Reverse(cidr.prefix));
    let mut taken = AddrSet::empty(family);
    let mut out = Vec::new();
    for (route, cidr) in ordered {
        let block = AddrSet::of(&cidr);
        let region = block.subtract(&taken);
        taken = taken.union(&block);
        if region.is_empty() || !route.active || !route.target.starts_with("igw-") {
            continue;
        }
        let attachment = match gateways.get(&route.target) {
            Some(vpcs) if vpcs.iter().any(|v| v == vpc) => "available",
            Some(_) => continue,
            // No gateway document (not collected): rely on the route's state, which
            // AWS turns to `blackhole` when the gateway is detached.
            None => "not collected",
        };
        let evidence = vec![
            Evidence::Route {
                route_table: table.arn.clone(),
                route_table_id: table.id.clone(),
                main: table.main,
                destination: route.destination_text.clone(),
                gateway_id: route.target.clone(),
            },
            Evidence::InternetGateway {
                gateway_id: route.target.clone(),
                vpc_id: vpc.to_string(),
                attachment: attachment.to_string(),
            },
        ];
        out.push(InternetRoute { region, evidence });
    }
    out
}

fn nacl_rule(v: &Value) -> Option<NaclRule> {
    let protocol = ProtocolMatch::parse(text(v, "Protocol"));
    let ports = v.get("PortRange").filter(|p| p.is_object());
    let cidr = [text(v, "CidrBlock"), text(v, "Ipv6CidrBlock")]
        .into_iter()
        .find(|c| !c.is_empty())
        .and_then(Cidr::parse);
    Some(NaclRule {
        number: number(v.get("RuleNumber")?)?,
        egress: v.get("Egress") == Some(&Value::Bool(true)),
        protocol,
        ports: port_range(
            ports.and_then(|p| p.get("From")),
            ports.and_then(|p| p.get("To")),
            protocol,
        ),
        cidr,
        allow: text(v, "RuleAction").eq_ignore_ascii_case("allow"),
    })
}

impl Nacl {
    /// The addresses this NACL lets through for one port, first match wins, split by
    /// the allow rule that decided each part. Inbound rules match the source address,
    /// outbound ones the destination; the final `*` rule (and anything unmatched) denies.
    pub fn allowed(
        &self,
        egress: bool,
        family: Family,
        protocol: Protocol,
        port: u16,
    ) -> Vec<(AddrSet, &NaclRule)> {
        let mut undecided = AddrSet::all(family);
        let mut out = Vec::new();
        for rule in self.rules.iter().filter(|r| r.egress == egress) {
            let Some(cidr) = rule.cidr.filter(|c| c.family == family) else {
                continue;
            };
            if !rule.protocol.covers(protocol) || port < rule.ports.0 || port > rule.ports.1 {
                continue;
            }
            let decided = undecided.intersect(&AddrSet::of(&cidr));
            if decided.is_empty() {
                continue;
            }
            undecided = undecided.subtract(&decided);
            if rule.allow {
                out.push((decided, rule));
            }
        }
        out
    }

    /// The port ranges of the rules of one direction that cover the protocol: where
    /// the NACL's decision can change.
    pub fn port_bounds(
        &self,
        egress: bool,
        protocol: Protocol,
    ) -> impl Iterator<Item = (u16, u16)> + '_ {
        self.rules
            .iter()
            .filter(move |r| r.egress == egress && r.protocol.covers(protocol))
            .map(|r| r.ports)
    }

    /// Addresses that traffic to an ephemeral port may go to (outbound: replies to a
    /// client outside) or come from (inbound: replies to a client inside), on at least
    /// one port of 1024-65535: the client picks its port, so one is enough. Split by
    /// deciding allow rule.
    pub fn ephemeral_allowed(
        &self,
        egress: bool,
        family: Family,
        protocol: Protocol,
    ) -> Vec<(AddrSet, &NaclRule)> {
        let bounds: Vec<(u16, u16)> = self.port_bounds(egress, protocol).collect();
        pieces(EPHEMERAL_PORTS, &bounds)
            .into_iter()
            .flat_map(|(lo, _)| self.allowed(egress, family, protocol, lo))
            .collect()
    }
}

fn sg_rule(v: &Value) -> SgRule {
    let ip_protocol = text(v, "IpProtocol").to_string();
    let protocol = ProtocolMatch::parse(&ip_protocol);
    let mut cidrs: Vec<(Cidr, String)> = Vec::new();
    for (ranges, key) in [("IpRanges", "CidrIp"), ("Ipv6Ranges", "CidrIpv6")] {
        for range in list(v, ranges) {
            let source = text(range, key);
            if let Some(cidr) = Cidr::parse(source) {
                cidrs.push((cidr, source.to_string()));
            }
        }
    }
    SgRule {
        protocol,
        ip_protocol,
        ports: port_range(v.get("FromPort"), v.get("ToPort"), protocol),
        cidrs,
        groups: list(v, "UserIdGroupPairs")
            .iter()
            .map(|p| text(p, "GroupId").to_string())
            .filter(|g| !g.is_empty())
            .collect(),
    }
}

impl SgRule {
    pub fn covers(&self, protocol: Protocol, port: u16) -> bool {
        self.protocol.covers(protocol) && self.ports.0 <= port && port <= self.ports.1
    }

    pub fn cidrs(&self, family: Family) -> impl Iterator<Item = &(Cidr, String)> {
        self.cidrs.iter().filter(move |(c, _)| c.family == family)
    }

    pub fn evidence(&self, group: &Group, peer: &str) -> Evidence {
        self.evidence_of(group, peer, false)
    }

    pub fn evidence_of(&self, group: &Group, peer: &str, egress: bool) -> Evidence {
        Evidence::SecurityGroupRule {
            security_group: group.arn.clone(),
            group_id: group.id.clone(),
            egress,
            protocol: self.ip_protocol.clone(),
            from_port: self.ports.0,
            to_port: self.ports.1,
            peer: peer.to_string(),
        }
    }
}

impl NaclRule {
    pub fn evidence(&self, nacl: &Nacl) -> Evidence {
        Evidence::NetworkAclRule {
            network_acl: nacl.arn.clone(),
            network_acl_id: nacl.id.clone(),
            rule_number: self.number,
            egress: self.egress,
        }
    }
}

/// Cuts `[lo, hi]` wherever one of `ranges` starts or ends, so that inside each piece
/// every range either covers all ports or none.
pub fn pieces((lo, hi): (u16, u16), ranges: &[(u16, u16)]) -> Vec<(u16, u16)> {
    let mut cuts: Vec<u32> = vec![u32::from(lo), u32::from(hi) + 1];
    for &(a, b) in ranges {
        for cut in [u32::from(a), u32::from(b) + 1] {
            if cut > u32::from(lo) && cut <= u32::from(hi) {
                cuts.push(cut);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Each cut is at most hi + 1 <= 65536, so a piece's end fits in u16.
    cuts.windows(2)
        .map(|w| (w[0] as u16, (w[1] - 1) as u16))
        .collect()
}
