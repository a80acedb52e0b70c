//! Decoding `aws::api` answers by AWS's published service models.
//!
//! Why: XML answers (query, EC2, restXml) do not say which text is a number, a boolean or
//! a one-item list, and JSON answers carry timestamps as epoch seconds. The output shape of
//! each operation parapet calls, taken from botocore's models by
//! `scripts/gen_aws_shapes.py`, is embedded here; every answer is decoded by it into one
//! typed JSON value whatever the protocol: numbers as numbers, booleans only where the
//! model says boolean, lists always lists, timestamps as RFC 3339 UTC strings. Keys stay
//! the wire names collectors read (EC2's `instancesSet`, query's `LoadBalancerName`).
//! Elements the table does not know (newer than it) are kept, their text as strings.

use super::api::Service;
use super::Protocol;
use serde::Deserialize;
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The table `scripts/gen_aws_shapes.py` writes (gzipped JSON).
const TABLE: &[u8] = include_bytes!("../../data/aws_shapes.json.gz");

/// The embedded table's size in bytes (gzipped), for the benchmarks' record.
pub const TABLE_BYTES: usize = TABLE.len();

#[derive(Deserialize)]
struct Table {
    models: Vec<Model>,
}

/// One service model (one API version of one service).
#[derive(Deserialize)]
struct Model {
    signing: String,
    version: String,
    target: String,
    operations: HashMap<String, Operation>,
    shapes: HashMap<String, Shape>,
}

#[derive(Deserialize)]
pub(crate) struct Operation {
    /// The request URI template (`/restapis/{restapi_id}/stages`).
    uri: String,
    /// The shape of the answer's body; none when the operation answers with nothing.
    output: Option<String>,
    /// The element the query protocol wraps the answer in.
    wrapper: Option<String>,
    /// The body is the payload itself (Lambda's Invoke): left as it arrives.
    #[serde(default)]
    raw: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Shape {
    Struct {
        #[serde(rename = "struct")]
        members: HashMap<String, String>,
    },
    /// Items are read whatever their element name (`member`, `item`, or the model's).
    List {
        list: String,
        #[serde(default)]
        flat: bool,
    },
    Map {
        map: (String, String),
        key: Option<String>,
        value: Option<String>,
        #[serde(default)]
        flat: bool,
    },
}

/// What a shape reference stands for.
enum Kind<'a> {
    Str,
    Bool,
    Int,
    Float,
    Time,
    Blob,
    Shape(&'a Shape),
}

fn table() -> &'static Table {
    static PARSED: OnceLock<Table> = OnceLock::new();
    PARSED.get_or_init(|| {
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(TABLE), &mut text)
            .expect("the embedded shape table is gzip");
        serde_json::from_slice(&text).expect("the embedded shape table is valid")
    })
}

/// An operation's model and entry, chosen among the models sharing the service's signing
/// name by API version (query, EC2), target prefix (JSON) or request path (REST).
pub(crate) struct Found {
    model: &'static Model,
    op: &'static Operation,
}

/// The model entry of `operation` on `service`, `path` the REST request's path.
pub(crate) fn find(service: &Service, operation: &str, path: &str) -> Option<Found> {
    let candidates: Vec<Found> = table()
        .models
        .iter()
        .filter(|m| m.signing == service.signing_name)
        .filter_map(|model| {
            Some(Found {
                model,
                op: model.operations.get(operation)?,
            })
        })
        .collect();
    if candidates.len() <= 1 {
        return candidates.into_iter().next();
    }
    candidates.into_iter().find(|f| match service.protocol {
        Protocol::Query { version } | Protocol::Ec2 { version } => f.model.version == version,
        Protocol::Json { target_prefix, .. } => f.model.target == target_prefix,
        Protocol::RestJson | Protocol::RestXml => uri_matches(&f.op.uri, path),
    })
}

/// Whether `path` (no query string) fits a URI template whose `{label}` stands for one
/// segment and `{label+}` for the rest.
fn uri_matches(template: &str, path: &str) -> bool {
    let template = template.split('?').next().unwrap_or_default();
    let path = path.split('?').next().unwrap_or_default();
    let mut want = template.trim_matches('/').split('/');
    let mut have = path.trim_matches('/').split('/');
    loop {
        match (want.next(), have.next()) {
            (None, None) => return true,
            (Some(w), _) if w.starts_with('{') && w.ends_with("+}") => return true,
            (Some(w), Some(_)) if w.starts_with('{') => {}
            (Some(w), Some(h)) if w == h => {}
            _ => return false,
        }
    }
}

impl Found {
    fn kind(&self, reference: &str) -> Option<Kind<'static>> {
        Some(match reference {
            "@s" => Kind::Str,
            "@b" => Kind::Bool,
            "@i" => Kind::Int,
            "@f" => Kind::Float,
            "@x" => Kind::Blob,
            r if r.starts_with("@t") => Kind::Time,
            name => Kind::Shape(self.model.shapes.get(name)?),
        })
    }

    /// The query protocol's result element (`<DescribeLoadBalancersResult>`).
    pub(crate) fn wrapper(&self) -> Option<&'static str> {
        self.op.wrapper.as_deref()
    }
}

/// A JSON answer, typed by the operation's output shape (timestamps to RFC 3339; the
/// rest of a JSON answer is typed already). Unknown operations pass unchanged.
pub(crate) fn decode_json(found: Option<&Found>, answer: Value) -> Value {
    match found {
        Some(f) if !f.op.raw => match &f.op.output {
            Some(output) => json_value(f, output, answer),
            None => answer,
        },
        _ => answer,
    }
}

fn json_value(f: &Found, reference: &str, value: Value) -> Value {
    let Some(kind) = f.kind(reference) else {
        return value;
    };
    match (kind, value) {
        (Kind::Time, v) => timestamp(&v),
        (Kind::Shape(Shape::Struct { members }), Value::Object(m)) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let v = match members.get(&k) {
                        Some(r) => json_value(f, r, v),
                        None => v,
                    };
                    (k, v)
                })
                .collect(),
        ),
        (Kind::Shape(Shape::List { list, .. }), Value::Array(items)) => {
            Value::Array(items.into_iter().map(|v| json_value(f, list, v)).collect())
        }
        (Kind::Shape(Shape::Map { map, .. }), Value::Object(m)) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k, json_value(f, &map.1, v)))
                .collect(),
        ),
        (_, v) => v,
    }
}

/// A timestamp as RFC 3339 UTC: epoch seconds (JSON protocols; whole seconds, as the
/// collectors always gave them), or a date text in another offset. UTC text (`...Z`) is
/// kept as AWS wrote it.
fn timestamp(v: &Value) -> Value {
    use chrono::{DateTime, SecondsFormat, Utc};
    let epoch = |secs: f64| {
        DateTime::from_timestamp(secs.trunc() as i64, 0)
            .map(|t| Value::String(t.to_rfc3339_opts(SecondsFormat::Secs, true)))
    };
    match v {
        Value::Number(n) => n.as_f64().and_then(epoch).unwrap_or(Value::Null),
        Value::String(s) => {
            let t = s.trim();
            if let Ok(parsed) = DateTime::parse_from_rfc3339(t) {
                if t.ends_with('Z') {
                    return Value::String(t.to_string());
                }
                let utc = parsed.with_timezone(&Utc);
                return Value::String(utc.to_rfc3339_opts(SecondsFormat::AutoSi, true));
            }
            t.parse::<f64>()
                .ok()
                .and_then(epoch)
                .unwrap_or_else(|| v.clone())
        }
        other => other.clone(),
    }
}

/// One XML element.
#[derive(Debug)]
pub(crate) struct Node {
    name: String,
    children: Vec<Node>,
    text: String,
}

/// How deep elements may nest: AWS's answers stay far below it, and decoding recurses
/// once per level (serde_json stops JSON at 128 levels too).
const MAX_DEPTH: usize = 128;

/// Parses an XML document into its root element.
pub(crate) fn parse_xml(body: &[u8]) -> Result<Node, String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut stack: Vec<Node> = vec![node("")];
    for token in xmlparser::Tokenizer::from(text) {
        match token.map_err(|e| format!("bad XML: {e}"))? {
            xmlparser::Token::ElementStart { local, .. } => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!("bad XML: elements nest deeper than {MAX_DEPTH}"));
                }
                stack.push(node(local.as_str()))
            }
            xmlparser::Token::ElementEnd {
                end: xmlparser::ElementEnd::Close(..) | xmlparser::ElementEnd::Empty,
                ..
            } => {
                let done = stack.pop().ok_or("bad XML: unbalanced end tag")?;
                let parent = stack.last_mut().ok_or("bad XML: unbalanced end tag")?;
                parent.children.push(done);
            }
            xmlparser::Token::Text { text } | xmlparser::Token::Cdata { text, .. } => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&unescape(text.as_str()));
                }
            }
            _ => {}
        }
    }
    let mut document = match stack.pop() {
        Some(doc) if stack.is_empty() => doc,
        _ => return Err("bad XML: the document ends inside an element".into()),
    };
    match document.children.len() {
        1 => Ok(document.children.remove(0)),
        0 => Err("bad XML: no root element".into()),
        _ => Err("bad XML: more than one root element".into()),
    }
}

fn node(name: &str) -> Node {
    Node {
        name: name.to_string(),
        children: Vec::new(),
        text: String::new(),
    }
}

/// An XML answer's root element, typed by the operation's output shape. The query
/// protocol's root holds the result element (typed) and `ResponseMetadata`; EC2's and
/// restXml's root is the output itself. Unknown operations decode untyped.
pub(crate) fn decode_xml(found: Option<&Found>, protocol: Protocol, root: &Node) -> Value {
    let Some(f) = found else {
        return untyped(root);
    };
    let Some(output) = f.op.output.as_deref() else {
        return untyped(root);
    };
    match protocol {
        Protocol::Query { .. } => {
            let wrapper = f.op.wrapper.as_deref();
            let mut map = Map::new();
            for child in &root.children {
                let v = match wrapper == Some(child.name.as_str()) {
                    true => xml_value(f, output, child),
                    false => untyped(child),
                };
                map.insert(child.name.clone(), v);
            }
            Value::Object(map)
        }
        _ => xml_value(f, output, root),
    }
}

fn xml_value(f: &Found, reference: &str, node: &Node) -> Value {
    let Some(kind) = f.kind(reference) else {
        return untyped(node);
    };
    let text = node.text.trim();
    match kind {
        // An empty element is how XML answers say "none" (`<WebACLId></WebACLId>`): null,
        // as a value the API does not have is everywhere else.
        Kind::Str | Kind::Blob => match text {
            "" => Value::Null,
            _ => Value::String(node.text.clone()),
        },
        Kind::Bool => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => scalar_text(text),
        },
        Kind::Int => text
            .parse::<i64>()
            .map_or_else(|_| scalar_text(text), Value::from),
        Kind::Float => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(|| scalar_text(text), Value::Number),
        Kind::Time => match text {
            "" => Value::Null,
            t => timestamp(&Value::String(t.to_string())),
        },
        Kind::Shape(Shape::Struct { members }) => xml_struct(f, members, node),
        Kind::Shape(Shape::List { list, .. }) => Value::Array(
            node.children
                .iter()
                .map(|c| xml_value(f, list, c))
                .collect(),
        ),
        Kind::Shape(Shape::Map {
            map, key, value, ..
        }) => {
            let mut out = Map::new();
            for entry in &node.children {
                xml_map_entry(f, map, key, value, entry, &mut out);
            }
            Value::Object(out)
        }
    }
}

/// Text the model types otherwise but that does not read as its type: kept as a string
/// (null when empty) rather than lost.
fn scalar_text(text: &str) -> Value {
    match text {
        "" => Value::Null,
        t => Value::String(t.to_string()),
    }
}

fn xml_struct(f: &Found, members: &HashMap<String, String>, node: &Node) -> Value {
    let mut out = Map::new();
    let mut unknown: Vec<&Node> = Vec::new();
    for child in &node.children {
        let Some(reference) = members.get(&child.name) else {
            unknown.push(child);
            continue;
        };
        match f.kind(reference) {
            // A flattened list repeats its items in place: gather them.
            Some(Kind::Shape(Shape::List {
                list, flat: true, ..
            })) => {
                let item = xml_value(f, list, child);
                match out
                    .entry(child.name.clone())
                    .or_insert_with(|| Value::Array(Vec::new()))
                {
                    Value::Array(items) => items.push(item),
                    other => *other = Value::Array(vec![item]),
                }
            }
            Some(Kind::Shape(Shape::Map {
                map,
                key,
                value,
                flat: true,
            })) => {
                let entries = out
                    .entry(child.name.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = entries {
                    xml_map_entry(f, map, key, value, child, m);
                }
            }
            _ => {
                out.insert(child.name.clone(), xml_value(f, reference, child));
            }
        }
    }
    // Elements newer than the table: kept, untyped, repeats gathered.
    untyped_children(&unknown, &mut out);
    Value::Object(out)
}

fn xml_map_entry(
    f: &Found,
    map: &(String, String),
    key: &Option<String>,
    value: &Option<String>,
    entry: &Node,
    out: &mut Map<String, Value>,
) {
    let (key_name, value_name) = (
        key.as_deref().unwrap_or("key"),
        value.as_deref().unwrap_or("value"),
    );
    let k = entry.children.iter().find(|c| c.name == key_name);
    let v = entry.children.iter().find(|c| c.name == value_name);
    if let Some(k) = k {
        let v = v.map_or(Value::Null, |v| xml_value(f, &map.1, v));
        out.insert(k.text.clone(), v);
    }
}

/// An element the table does not type: text as a string (never a guessed boolean or
/// number), `member`/`item` children as a list, repeated children as a list.
fn untyped(node: &Node) -> Value {
    if node.children.is_empty() {
        return match node.text.trim() {
            "" => Value::Null,
            _ => Value::String(node.text.clone()),
        };
    }
    if node
        .children
        .iter()
        .all(|c| c.name == "member" || c.name == "item")
    {
        return Value::Array(node.children.iter().map(untyped).collect());
    }
    let mut out = Map::new();
    untyped_children(&node.children.iter().collect::<Vec<_>>(), &mut out);
    Value::Object(out)
}

fn untyped_children(children: &[&Node], out: &mut Map<String, Value>) {
    let mut counts = HashMap::<&str, usize>::new();
    for c in children {
        *counts.entry(&c.name).or_default() += 1;
    }
    for c in children {
        let v = untyped(c);
        if counts[c.name.as_str()] > 1 {
            if let Value::Array(items) = out
                .entry(c.name.clone())
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                items.push(v);
            }
        } else {
            out.insert(c.name.clone(), v);
        }
    }
}

/// An XML document as JSON with no model: the root element's content, untyped (used for
/// error answers, whose shape is the same for every operation).
pub fn xml_to_json(body: &[u8]) -> Result<Value, String> {
    let root = parse_xml(body)?;
    let mut out = Map::new();
    out.insert(root.name.clone(), untyped(&root));
    Ok(Value::Object(out))
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let ch = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes a recorded answer the way `Api` does, for collectors' unit tests: `path` is
/// the REST request's path ("/" otherwise).
pub fn decode_answer(
    service: &Service,
    operation: &str,
    path: &str,
    body: &[u8],
) -> Result<Value, String> {
    let found = find(service, operation, path);
    match service.protocol {
        Protocol::Query { .. } | Protocol::Ec2 { .. } | Protocol::RestXml => Ok(decode_xml(
            found.as_ref(),
            service.protocol,
            &parse_xml(body)?,
        )),
        Protocol::Json { .. } | Protocol::RestJson => {
            let v = serde_json::from_slice(body).map_err(|e| e.to_string())?;
            Ok(decode_json(found.as_ref(), v))
        }
    }
}

/// Whether the table holds `operation` of `service` (the coverage test's question).
pub fn covers(service: &Service, operation: &str, path: &str) -> bool {
    find(service, operation, path).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const fn query(signing_name: &'static str, version: &'static str) -> Service {
        Service {
            signing_name,
            endpoint_prefix: signing_name,
            protocol: Protocol::Query { version },
            global: None,
        }
    }

    static ELB: Service = query("elasticloadbalancing", "2012-06-01");
    static ELBV2: Service = query("elasticloadbalancing", "2015-12-01");
    static REDSHIFT: Service = query("redshift", "2012-12-01");
    static EC2: Service = Service {
        signing_name: "ec2",
        endpoint_prefix: "ec2",
        protocol: Protocol::Ec2 {
            version: "2016-11-15",
        },
        global: None,
    };
    static CLOUDFRONT: Service = Service {
        signing_name: "cloudfront",
        endpoint_prefix: "cloudfront",
        protocol: Protocol::RestXml,
        global: Some(("cloudfront.amazonaws.com", "us-east-1")),
    };
    static APIGATEWAY: Service = Service {
        signing_name: "apigateway",
        endpoint_prefix: "apigateway",
        protocol: Protocol::RestJson,
        global: None,
    };
    static ECS: Service = Service {
        signing_name: "ecs",
        endpoint_prefix: "ecs",
        protocol: Protocol::Json {
            version: "1.1",
            target_prefix: "AmazonEC2ContainerServiceV20141113",
        },
        global: None,
    };
    static EMR: Service = Service {
        signing_name: "elasticmapreduce",
        endpoint_prefix: "elasticmapreduce",
        protocol: Protocol::Json {
            version: "1.1",
            target_prefix: "ElasticMapReduce",
        },
        global: None,
    };

    /// DescribeLoadBalancers as the Classic ELB API reference shows it: numbers typed, a
    /// one-item list and an empty one stay lists, the result wrapper kept for `call`.
    #[test]
    fn query_answers_are_typed_by_the_model() {
        let xml = br#"<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/">
  <DescribeLoadBalancersResult>
    <LoadBalancerDescriptions>
      <member><LoadBalancerName>web</LoadBalancerName><Scheme>internet-facing</Scheme>
        <ListenerDescriptions><member><Listener><LoadBalancerPort>443</LoadBalancerPort><Protocol>HTTPS</Protocol></Listener><PolicyNames/></member></ListenerDescriptions>
        <Subnets/><CreatedTime>2013-05-24T21:15:31.280Z</CreatedTime></member>
    </LoadBalancerDescriptions>
    <NextMarker>abc&amp;d</NextMarker>
  </DescribeLoadBalancersResult>
  <ResponseMetadata><RequestId>83c88b9d</RequestId></ResponseMetadata>
</DescribeLoadBalancersResponse>"#;
        let v = decode_answer(&ELB, "DescribeLoadBalancers", "/", xml).unwrap();
        let r = &v["DescribeLoadBalancersResult"];
        assert_eq!(r["NextMarker"], "abc&d");
        let lb = &r["LoadBalancerDescriptions"][0];
        let listener = &lb["ListenerDescriptions"][0];
        assert_eq!(listener["Listener"]["LoadBalancerPort"], 443);
        assert_eq!(listener["PolicyNames"], json!([]));
        assert_eq!(lb["Subnets"], json!([]));
        assert_eq!(lb["CreatedTime"], "2013-05-24T21:15:31.280Z");
        assert_eq!(v["ResponseMetadata"]["RequestId"], "83c88b9d");
    }

    /// Tag values and attribute values are strings in the models even when they read
    /// `true`; booleans and numbers are typed only where the model says so.
    #[test]
    fn only_model_booleans_become_booleans() {
        let xml = br#"<DescribeClustersResponse><DescribeClustersResult><Clusters><Cluster>
  <ClusterIdentifier>false</ClusterIdentifier><Encrypted>true</Encrypted><NumberOfNodes>2</NumberOfNodes>
  <AutomatedSnapshotRetentionPeriod>7</AutomatedSnapshotRetentionPeriod>
  <Tags><Tag><Key>public</Key><Value>true</Value></Tag></Tags>
  <BrandNewSetting>true</BrandNewSetting>
</Cluster></Clusters></DescribeClustersResult></DescribeClustersResponse>"#;
        let v = decode_answer(&REDSHIFT, "DescribeClusters", "/", xml).unwrap();
        let c = &v["DescribeClustersResult"]["Clusters"][0];
        assert_eq!(c["ClusterIdentifier"], "false");
        assert_eq!(c["Encrypted"], true);
        assert_eq!(c["NumberOfNodes"], 2);
        assert_eq!(c["AutomatedSnapshotRetentionPeriod"], 7);
        assert_eq!(c["Tags"], json!([{"Key": "public", "Value": "true"}]));
        // Newer than the table: kept, as text.
        assert_eq!(c["BrandNewSetting"], "true");
        let attrs = br#"<DescribeLoadBalancerAttributesResponse><DescribeLoadBalancerAttributesResult><Attributes>
  <member><Key>deletion_protection.enabled</Key><Value>true</Value></member>
</Attributes></DescribeLoadBalancerAttributesResult></DescribeLoadBalancerAttributesResponse>"#;
        let v = decode_answer(&ELBV2, "DescribeLoadBalancerAttributes", "/", attrs).unwrap();
        assert_eq!(
            v["DescribeLoadBalancerAttributesResult"]["Attributes"],
            json!([{"Key": "deletion_protection.enabled", "Value": "true"}])
        );
    }

    /// EC2's answers: `item` lists in lowerCamel wire names, account ids stay strings.
    #[test]
    fn ec2_answers_keep_wire_names_and_account_ids_as_text() {
        let xml = br#"<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>8f7724cf</requestId>
  <reservationSet><item><reservationId>r-1</reservationId><ownerId>012345678912</ownerId>
    <instancesSet><item><instanceId>i-1</instanceId><amiLaunchIndex>0</amiLaunchIndex>
      <ebsOptimized>false</ebsOptimized><launchTime>2024-01-02T03:04:05+01:00</launchTime>
      <metadataOptions><httpTokens>required</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit></metadataOptions>
      <tagSet><item><key>Name</key><value>true</value></item></tagSet>
    </item></instancesSet></item></reservationSet>
</DescribeInstancesResponse>"#;
        let v = decode_answer(&EC2, "DescribeInstances", "/", xml).unwrap();
        let r = &v["reservationSet"][0];
        assert_eq!(r["ownerId"], "012345678912");
        let i = &r["instancesSet"][0];
        assert_eq!(i["amiLaunchIndex"], 0);
        assert_eq!(i["ebsOptimized"], false);
        assert_eq!(i["launchTime"], "2024-01-02T02:04:05Z");
        assert_eq!(i["metadataOptions"]["httpPutResponseHopLimit"], 2);
        assert_eq!(i["tagSet"], json!([{"key": "Name", "value": "true"}]));
        assert_eq!(v["requestId"], "8f7724cf");
    }

    /// restXml: the root is the payload (`<DistributionList>`); counts are numbers.
    #[test]
    fn rest_xml_payloads_are_typed() {
        let xml = br#"<?xml version="1.0"?><DistributionList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
  <Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity>
  <Items><DistributionSummary><Id>E1</Id><Enabled>true</Enabled>
    <Origins><Quantity>1</Quantity><Items><Origin><Id>o</Id><DomainName>b.s3.amazonaws.com</DomainName></Origin></Items></Origins>
  </DistributionSummary></Items>
</DistributionList>"#;
        let v = decode_answer(
            &CLOUDFRONT,
            "ListDistributions",
            "/2020-05-31/distribution",
            xml,
        )
        .unwrap();
        assert_eq!(v["Quantity"], 1);
        assert_eq!(v["IsTruncated"], false);
        assert_eq!(v["Marker"], Value::Null);
        let d = &v["Items"][0];
        assert_eq!((&d["Id"], &d["Enabled"]), (&json!("E1"), &json!(true)));
        assert_eq!(d["Origins"]["Items"][0]["Id"], "o");
    }

    /// JSON protocols send timestamps as epoch seconds, nested ones too (ECS deployments,
    /// EMR's status timeline): all become RFC 3339 UTC.
    #[test]
    fn nested_epoch_timestamps_become_rfc3339() {
        let body = br#"{"services":[{"serviceName":"web","createdAt":1.6E9,
  "deployments":[{"id":"d","createdAt":1600000000.5,"updatedAt":1600000060,"desiredCount":2}]}],
  "failures":[]}"#;
        let v = decode_answer(&ECS, "DescribeServices", "/", body).unwrap();
        let s = &v["services"][0];
        assert_eq!(s["createdAt"], "2020-09-13T12:26:40Z");
        assert_eq!(s["deployments"][0]["createdAt"], "2020-09-13T12:26:40Z");
        assert_eq!(s["deployments"][0]["updatedAt"], "2020-09-13T12:27:40Z");
        assert_eq!(s["deployments"][0]["desiredCount"], 2);
        let body = br#"{"Cluster":{"Id":"j-1","Status":{"State":"WAITING",
  "Timeline":{"CreationDateTime":1600000000,"ReadyDateTime":1600000300}}}}"#;
        let v = decode_answer(&EMR, "DescribeCluster", "/", body).unwrap();
        let timeline = &v["Cluster"]["Status"]["Timeline"];
        assert_eq!(timeline["CreationDateTime"], "2020-09-13T12:26:40Z");
        assert_eq!(timeline["ReadyDateTime"], "2020-09-13T12:31:40Z");
    }

    #[test]
    fn timestamps_become_rfc3339_utc() {
        assert_eq!(timestamp(&json!(1700000000.123)), "2023-11-14T22:13:20Z");
        assert_eq!(timestamp(&json!(0)), "1970-01-01T00:00:00Z");
        assert_eq!(
            timestamp(&json!("2024-01-01T00:00:00.5Z")),
            "2024-01-01T00:00:00.5Z"
        );
        assert_eq!(
            timestamp(&json!("2024-01-01T02:00:00+02:00")),
            "2024-01-01T00:00:00Z"
        );
        assert_eq!(timestamp(&json!("1700000000")), "2023-11-14T22:13:20Z");
        assert_eq!(timestamp(&json!("not a date")), "not a date");
        assert_eq!(timestamp(&Value::Null), Value::Null);
    }

    /// Two models under one signing name: the API version or the request path tells them
    /// apart.
    #[test]
    fn the_model_is_chosen_by_version_or_path() {
        let classic = find(&ELB, "DescribeLoadBalancers", "/").unwrap();
        let v2 = find(&ELBV2, "DescribeLoadBalancers", "/").unwrap();
        assert_eq!(classic.model.version, "2012-06-01");
        assert_eq!(v2.model.version, "2015-12-01");
        let v1 = find(&APIGATEWAY, "GetStages", "/restapis/abc/stages").unwrap();
        let v2 = find(&APIGATEWAY, "GetStages", "/v2/apis/abc/stages").unwrap();
        assert_eq!(v1.model.version, "2015-07-09");
        assert_eq!(v2.model.version, "2018-11-29");
        assert!(find(&ELB, "DescribeSomethingNew", "/").is_none());
        assert!(uri_matches("/{Bucket}/{Key+}", "/b/a/b/c"));
        assert!(!uri_matches("/restapis/{id}/stages", "/restapis/abc"));
    }

    /// The table holds every operation the collectors call through `aws::api` (found in
    /// their source by the same scan the IAM permission tests use) and is what the script
    /// writes from the installed botocore, byte for byte.
    #[test]
    fn the_table_covers_every_collector_call() {
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let python = std::env::var("PARAPET_PYTHON")
            .unwrap_or_else(|_| repo.join(".venv/bin/python").display().to_string());
        let out = std::process::Command::new(&python)
            .arg(repo.join("scripts/gen_aws_shapes.py"))
            .arg("--check")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {python} (set PARAPET_PYTHON): {e}"));
        assert!(
            out.status.success(),
            "gen_aws_shapes.py --check: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    fn bad_xml_is_an_error_not_an_empty_answer() {
        assert!(parse_xml(b"<R><A></R>").is_err());
        assert!(parse_xml(b"<R><A>").is_err());
        assert!(parse_xml(b"").is_err());
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(parse_xml(deep.as_bytes())
            .unwrap_err()
            .contains("nest deeper"));
        let fits = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(parse_xml(fits.as_bytes()).is_ok());
        let untyped = xml_to_json(b"<E><Error><Code>X</Code><Flag>true</Flag></Error></E>");
        assert_eq!(
            untyped.unwrap(),
            json!({"E": {"Error": {"Code": "X", "Flag": "true"}}})
        );
    }
}
