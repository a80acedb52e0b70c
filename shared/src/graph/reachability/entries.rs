//! Which resources can be internet entries, read from their documents: instances (per
//! network interface), internet-facing load balancers and publicly accessible
//! databases (per subnet), function URLs without auth and API Gateway endpoints that
//! are not private (by configuration).

use super::addr::{AddrSet, Cidr, Family};
use super::exposure::{evaluate, Attachment, Exposed, Key, Outcome};
use super::network::{list, number, pieces, text, Network};
use super::{EntryKind, Evidence, ExposedPorts, InternetEntry, PortRange, Protocol, Undetermined};
use crate::model::Resource;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

fn strings(v: &Value, key: &str, field: Option<&str>) -> Vec<String> {
    list(v, key)
        .iter()
        .filter_map(|x| match field {
            Some(f) => x.get(f)?.as_str(),
            None => x.as_str(),
        })
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// How a resource is judged.
enum Candidate {
    /// Through the network, at each attachment point.
    Network(EntryKind, Vec<Attachment>),
    /// By configuration alone: reachable from every public address on these ports.
    Direct(EntryKind, Vec<PortRange>, Vec<Family>, Vec<Evidence>),
    Unknown(EntryKind, String),
}

/// Work already done in this run: evaluations by everything but the addresses, and
/// printed source sets (most entries share a few).
#[derive(Default)]
pub struct Memo {
    outcomes: HashMap<Key, Result<Outcome, String>>,
    covers: HashMap<AddrSet, Vec<String>>,
}

impl Memo {
    fn cover(&mut self, set: AddrSet) -> &[String] {
        self.covers
            .entry(set)
            .or_insert_with_key(AddrSet::public_cover)
    }
}

fn candidate(r: &Resource) -> Option<Candidate> {
    match r.resource_type.as_str() {
        "AWS::EC2::Instance" => instance(r),
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => load_balancer_v2(r),
        "AWS::ElasticLoadBalancing::LoadBalancer" => classic_load_balancer(r),
        "AWS::RDS::DBInstance" | "AWS::Redshift::Cluster" => database(r),
        "AWS::Lambda::Function" => function_url(r),
        "AWS::ApiGateway::Stage" => rest_api_stage(r),
        // HTTP and WebSocket APIs have regional endpoints only.
        "AWS::ApiGatewayV2::Stage" => Some(Candidate::Direct(
            EntryKind::Api,
            vec![PortRange::one(Protocol::Tcp, 443)],
            vec![Family::V4],
            vec![Evidence::ApiEndpoint {
                endpoint_type: "REGIONAL".into(),
            }],
        )),
        _ => None,
    }
}

/// The entry `r` is, if any; Err when it cannot be judged from the documents.
pub fn judge(
    net: &Network,
    memo: &mut Memo,
    r: &Resource,
) -> Option<Result<InternetEntry, Undetermined>> {
    let undetermined = |kind, reason| Undetermined {
        resource_arn: r.arn.clone(),
        kind,
        reason,
    };
    let (kind, exposed, evidence) = match candidate(r)? {
        Candidate::Unknown(kind, reason) => return Some(Err(undetermined(kind, reason))),
        Candidate::Direct(kind, ports, families, evidence) => {
            let exposed = direct(&ports, &families);
            (kind, exposed, evidence.into_iter().collect())
        }
        Candidate::Network(kind, attachments) => match through_network(net, memo, &attachments) {
            Ok((exposed, evidence)) => (kind, exposed, evidence),
            Err(reason) => return Some(Err(undetermined(kind, reason))),
        },
    };
    if exposed.is_empty() {
        return None;
    }
    let ports = merge(memo, &exposed);
    let mut sources: Vec<String> = Vec::new();
    for family in Family::BOTH {
        let all = exposed
            .iter()
            .filter(|e| e.sources.family == family)
            .fold(AddrSet::empty(family), |acc, e| acc.union(&e.sources));
        sources.extend_from_slice(memo.cover(all));
    }
    Some(Ok(InternetEntry {
        resource_arn: r.arn.clone(),
        kind,
        ports,
        sources,
        evidence: evidence.into_iter().collect(),
    }))
}

/// Every attachment's exposure and evidence, each evaluation made once per run.
fn through_network(
    net: &Network,
    memo: &mut Memo,
    attachments: &[Attachment],
) -> Result<(Vec<Exposed>, BTreeSet<Evidence>), String> {
    let mut exposed = Vec::new();
    let mut evidence = BTreeSet::new();
    for at in attachments {
        let outcome = memo
            .outcomes
            .entry(at.key())
            .or_insert_with(|| evaluate(net, at))
            .as_ref()
            .map_err(Clone::clone)?;
        exposed.extend(outcome.exposed.iter().cloned());
        evidence.extend(outcome.evidence.iter().cloned());
        evidence.extend(at.address_evidence(outcome));
    }
    Ok((exposed, evidence))
}

fn direct(ports: &[PortRange], families: &[Family]) -> Vec<Exposed> {
    ports
        .iter()
        .flat_map(|p| {
            families.iter().map(|f| Exposed {
                protocol: p.protocol,
                from: p.from,
                to: p.to,
                sources: AddrSet::public(*f),
            })
        })
        .collect()
}

/// One list per protocol over every attachment and family: cut where any exposure
/// starts or ends, unite the sources of each piece, merge equal neighbours.
fn merge(memo: &mut Memo, exposed: &[Exposed]) -> Vec<ExposedPorts> {
    let mut out: Vec<ExposedPorts> = Vec::new();
    for protocol in Protocol::BOTH {
        let mine: Vec<&Exposed> = exposed.iter().filter(|e| e.protocol == protocol).collect();
        let bounds: Vec<(u16, u16)> = mine.iter().map(|e| (e.from, e.to)).collect();
        for (lo, hi) in pieces((0, 65535), &bounds) {
            let mut sources = Vec::new();
            for family in Family::BOTH {
                let set = mine
                    .iter()
                    .filter(|e| e.sources.family == family && e.from <= lo && lo <= e.to)
                    .fold(AddrSet::empty(family), |acc, e| acc.union(&e.sources));
                sources.extend_from_slice(memo.cover(set));
            }
            if sources.is_empty() {
                continue;
            }
            match out.last_mut() {
                Some(last)
                    if last.protocol == protocol
                        && u32::from(last.to) + 1 == u32::from(lo)
                        && last.sources == sources =>
                {
                    last.to = hi
                }
                _ => out.push(ExposedPorts {
                    protocol,
                    from: lo,
                    to: hi,
                    sources,
                }),
            }
        }
    }
    out
}

fn is_global_v6(address: &str) -> bool {
    Cidr::parse(address).is_some_and(|c| {
        c.family == Family::V6 && AddrSet::of(&c).overlaps(&AddrSet::public(Family::V6))
    })
}

/// Public addresses of one interface: its primary association, the associations of
/// its secondary private addresses (Elastic IPs) and its global IPv6 addresses.
fn interface_addresses(n: &Value, interface: &str) -> Vec<(Family, Evidence)> {
    let mut v4: BTreeSet<&str> = BTreeSet::new();
    fn assoc(x: &Value) -> Option<&str> {
        x.get("Association")
            .map(|a| text(a, "PublicIp"))
            .filter(|ip| !ip.is_empty())
    }
    v4.extend(assoc(n));
    v4.extend(list(n, "PrivateIpAddresses").iter().filter_map(assoc));
    let evidence = |address: &str| Evidence::PublicAddress {
        interface: interface.to_string(),
        address: address.to_string(),
    };
    let mut out: Vec<(Family, Evidence)> = v4
        .into_iter()
        .map(|ip| (Family::V4, evidence(ip)))
        .collect();
    for v6 in list(n, "Ipv6Addresses")
        .iter()
        .map(|x| text(x, "Ipv6Address"))
    {
        if is_global_v6(v6) {
            out.push((Family::V6, evidence(v6)));
        }
    }
    out
}

/// The primary interface as the instance-level fields describe it, for documents
/// without `NetworkInterfaces`.
fn primary_interface(a: &Value) -> Attachment {
    let mut addresses = Vec::new();
    let address = |address: &str| Evidence::PublicAddress {
        interface: String::new(),
        address: address.into(),
    };
    let public = text(a, "PublicIpAddress");
    if !public.is_empty() {
        addresses.push((Family::V4, address(public)));
    }
    let v6 = text(a, "Ipv6Address");
    if is_global_v6(v6) {
        addresses.push((Family::V6, address(v6)));
    }
    Attachment {
        subnet_id: text(a, "SubnetId").to_string(),
        groups: Some(strings(a, "SecurityGroups", Some("GroupId"))),
        addresses,
        listening: None,
    }
}

fn instance(r: &Resource) -> Option<Candidate> {
    let a = &r.attributes;
    let state = a.pointer("/State/Name").and_then(Value::as_str);
    // Stopped instances lose their auto-assigned address and serve nothing.
    if matches!(
        state,
        Some("stopped" | "stopping" | "terminated" | "shutting-down")
    ) {
        return None;
    }
    let interfaces = list(a, "NetworkInterfaces");
    let attachments: Vec<Attachment> = if interfaces.is_empty() {
        vec![primary_interface(a)]
    } else {
        interfaces
            .iter()
            .map(|n| Attachment {
                subnet_id: text(n, "SubnetId").to_string(),
                groups: Some(strings(n, "Groups", Some("GroupId"))),
                addresses: interface_addresses(n, text(n, "NetworkInterfaceId")),
                listening: None,
            })
            .collect()
    };
    let attachments: Vec<Attachment> = attachments
        .into_iter()
        .filter(|x| !x.addresses.is_empty())
        .collect();
    if attachments.is_empty() {
        return None;
    }
    if attachments.iter().any(|x| x.subnet_id.is_empty()) {
        return Some(Candidate::Unknown(
            EntryKind::Instance,
            "the instance has a public address but its subnet is not collected (NetworkInterfaces or SubnetId)".into(),
        ));
    }
    Some(Candidate::Network(EntryKind::Instance, attachments))
}

/// Listener protocols to transport protocols (GENEVE, a gateway load balancer's, is not
/// an internet service).
fn listener_ports(protocol: &str, port: Option<i64>) -> Vec<PortRange> {
    let Some(port) = port.filter(|p| (1..=65535).contains(p)).map(|p| p as u16) else {
        return Vec::new();
    };
    let protocols: &[Protocol] = match protocol.to_ascii_uppercase().as_str() {
        "HTTP" | "HTTPS" | "TCP" | "TLS" | "SSL" => &[Protocol::Tcp],
        "UDP" => &[Protocol::Udp],
        "TCP_UDP" => &[Protocol::Tcp, Protocol::Udp],
        _ => &[],
    };
    protocols.iter().map(|p| PortRange::one(*p, port)).collect()
}

fn per_subnet(
    subnets: Vec<String>,
    groups: Option<Vec<String>>,
    addresses: Vec<(Family, Evidence)>,
    listening: Vec<PortRange>,
) -> Vec<Attachment> {
    subnets
        .into_iter()
        .map(|subnet_id| Attachment {
            subnet_id,
            groups: groups.clone(),
            addresses: addresses.clone(),
            listening: Some(listening.clone()),
        })
        .collect()
}

fn scheme_addresses(ip_address_type: &str) -> Vec<(Family, Evidence)> {
    let scheme = Evidence::Scheme {
        scheme: "internet-facing".into(),
    };
    let mut out = Vec::new();
    if ip_address_type != "dualstack-without-public-ipv4" {
        out.push((Family::V4, scheme.clone()));
    }
    if ip_address_type.starts_with("dualstack") {
        out.push((Family::V6, scheme));
    }
    out
}

fn load_balancer_v2(r: &Resource) -> Option<Candidate> {
    let a = &r.attributes;
    if text(a, "Scheme") != "internet-facing" || text(a, "Type") == "gateway" {
        return None;
    }
    let kind = EntryKind::LoadBalancer;
    if let Some(reason) = r.attribute_error("listeners") {
        return Some(Candidate::Unknown(
            kind,
            format!("listeners unreadable: {reason}"),
        ));
    }
    let listening: Vec<PortRange> = list(a, "listeners")
        .iter()
        .flat_map(|l| listener_ports(text(l, "Protocol"), l.get("Port").and_then(number)))
        .collect();
    if listening.is_empty() {
        return None;
    }
    let subnets = strings(a, "AvailabilityZones", Some("SubnetId"));
    if subnets.is_empty() {
        return Some(Candidate::Unknown(
            kind,
            "the load balancer's subnets are not collected (AvailabilityZones)".into(),
        ));
    }
    let groups = strings(a, "SecurityGroups", None);
    // A network load balancer may have no security group: its NACLs alone filter.
    let groups = (!groups.is_empty()).then_some(groups);
    let addresses = scheme_addresses(text(a, "IpAddressType"));
    Some(Candidate::Network(
        kind,
        per_subnet(subnets, groups, addresses, listening),
    ))
}

fn classic_load_balancer(r: &Resource) -> Option<Candidate> {
    let a = &r.attributes;
    if text(a, "Scheme") != "internet-facing" {
        return None;
    }
    let kind = EntryKind::LoadBalancer;
    let listening: Vec<PortRange> = list(a, "ListenerDescriptions")
        .iter()
        .filter_map(|d| d.get("Listener"))
        .flat_map(|l| {
            listener_ports(
                text(l, "Protocol"),
                l.get("LoadBalancerPort").and_then(number),
            )
        })
        .collect();
    if listening.is_empty() {
        return None;
    }
    let subnets = strings(a, "Subnets", None);
    let groups = strings(a, "SecurityGroups", None);
    if subnets.is_empty() || groups.is_empty() {
        return Some(Candidate::Unknown(kind, "the load balancer's subnets or security groups are not collected (Subnets, SecurityGroups)".into()));
    }
    let addresses = scheme_addresses("ipv4");
    Some(Candidate::Network(
        kind,
        per_subnet(subnets, Some(groups), addresses, listening),
    ))
}

/// RDS instances (`DBSubnetGroup.Subnets`, `VpcSecurityGroups`, `Endpoint.Port`) and
/// Redshift clusters (`subnet_ids` joined from the cluster subnet group). Judged on
/// every subnet of the group: the database may run, or fail over, in any of them.
fn database(r: &Resource) -> Option<Candidate> {
    let a = &r.attributes;
    if a.get("PubliclyAccessible") != Some(&Value::Bool(true)) {
        return None;
    }
    let kind = EntryKind::Database;
    let mut subnets = strings(
        a.get("DBSubnetGroup").unwrap_or(&Value::Null),
        "Subnets",
        Some("SubnetIdentifier"),
    );
    if subnets.is_empty() {
        subnets = strings(a, "subnet_ids", None);
    }
    let groups = strings(a, "VpcSecurityGroups", Some("VpcSecurityGroupId"));
    let port = a
        .pointer("/Endpoint/Port")
        .or_else(|| a.get("DbInstancePort"))
        .and_then(number)
        .filter(|p| (1..=65535).contains(p));
    let (Some(port), false, false) = (port, subnets.is_empty(), groups.is_empty()) else {
        return Some(Candidate::Unknown(
            kind,
            "publicly accessible, but its subnets, security groups or port are not collected"
                .into(),
        ));
    };
    let addresses = vec![(Family::V4, Evidence::PubliclyAccessible)];
    let listening = vec![PortRange::one(Protocol::Tcp, port as u16)];
    Some(Candidate::Network(
        kind,
        per_subnet(subnets, Some(groups), addresses, listening),
    ))
}

fn function_url(r: &Resource) -> Option<Candidate> {
    let a = &r.attributes;
    let url = a.get("function_url").filter(|u| u.is_object())?;
    if text(url, "AuthType") != "NONE" {
        return None;
    }
    let kind = EntryKind::FunctionUrl;
    if let Some(reason) = r.attribute_error("policy") {
        return Some(Candidate::Unknown(
            kind,
            format!("auth type NONE, but the resource policy is unreadable: {reason}"),
        ));
    }
    // Without auth Lambda still applies the resource policy: no public grant, no access.
    let (sid, conditional) = public_grant(a.get("policy")?, "lambda:InvokeFunctionUrl")?;
    Some(Candidate::Direct(
        kind,
        vec![PortRange::one(Protocol::Tcp, 443)],
        Family::BOTH.to_vec(),
        vec![
            Evidence::FunctionUrl {
                url: text(url, "FunctionUrl").into(),
                auth_type: "NONE".into(),
            },
            Evidence::ResourcePolicyStatement { sid, conditional },
        ],
    ))
}

fn rest_api_stage(r: &Resource) -> Option<Candidate> {
    let kind = EntryKind::Api;
    let Some(config) = r
        .attributes
        .get("endpoint_configuration")
        .filter(|c| c.is_object())
    else {
        return Some(Candidate::Unknown(
            kind,
            "the REST API's endpoint type is not collected (endpoint_configuration)".into(),
        ));
    };
    let types = strings(config, "types", None);
    if types.is_empty() || types.iter().any(|t| t == "PRIVATE") {
        return None;
    }
    let mut families = vec![Family::V4];
    if text(config, "ipAddressType") == "dualstack" {
        families.push(Family::V6);
    }
    Some(Candidate::Direct(
        kind,
        vec![PortRange::one(Protocol::Tcp, 443)],
        families,
        vec![Evidence::ApiEndpoint {
            endpoint_type: types.join(","),
        }],
    ))
}

fn one_or_many(v: Option<&Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn action_matches(pattern: &str, action: &str) -> bool {
    let (pattern, action) = (pattern.to_ascii_lowercase(), action.to_ascii_lowercase());
    match pattern.strip_suffix('*') {
        Some(prefix) => action.starts_with(prefix),
        None => pattern == action,
    }
}

fn public_principal(statement: &Value) -> bool {
    match statement.get("Principal") {
        Some(Value::String(s)) => s == "*",
        Some(Value::Object(p)) => one_or_many(p.get("AWS")).contains(&"*"),
        _ => false,
    }
}

/// A statement of `policy` that allows `action` to everyone, unless an unconditional
/// public deny of it exists. Returns its Sid and whether it has conditions beyond the
/// `lambda:FunctionUrlAuthType` one Lambda adds.
fn public_grant(policy: &Value, action: &str) -> Option<(String, bool)> {
    let statements: Vec<&Value> = match policy.get("Statement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(s @ Value::Object(_)) => vec![s],
        _ => return None,
    };
    let about = |s: &&&Value| {
        public_principal(s)
            && one_or_many(s.get("Action"))
                .iter()
                .any(|p| action_matches(p, action))
    };
    let conditions = |s: &Value| -> Vec<String> {
        let mut keys = Vec::new();
        for by_operator in s
            .get("Condition")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|c| c.values())
        {
            keys.extend(
                by_operator
                    .as_object()
                    .into_iter()
                    .flat_map(|o| o.keys().map(|k| k.to_ascii_lowercase())),
            );
        }
        keys.retain(|k| k != "lambda:functionurlauthtype");
        keys
    };
    let denied = statements.iter().filter(about).any(|s| {
        text(s, "Effect") == "Deny" && conditions(s).is_empty() && s.get("Condition").is_none()
    });
    if denied {
        return None;
    }
    statements
        .iter()
        .filter(about)
        .filter(|s| text(s, "Effect") == "Allow")
        .map(|s| (text(s, "Sid").to_string(), !conditions(s).is_empty()))
        .min_by_key(|(_, conditional)| *conditional)
}
