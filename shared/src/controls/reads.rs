//! Which attributes of `input.resource.attributes` a control's Rego reads, found by
//! reading its text and the library functions it calls. The test at the end holds every
//! control's METADATA `requires` to it: the call plan collects only required attributes,
//! so a read missing from `requires` would be data silently not collected.
//!
//! The reading is syntactic and conservative: a use of the whole attributes object (or
//! of the whole resource) that it cannot follow is reported as such, never ignored.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One step of a path below a root: `.name` or `["name"]`.
type Path = Vec<String>;

/// How a value reached through a root is used.
#[derive(Debug, Clone)]
enum Use {
    /// Read at this path (or only type-checked).
    Read(Path),
    /// Used as a whole in a way not followed (compared, iterated, indexed by a variable,
    /// given to a builtin).
    Whole(Path),
    /// Passed as argument `arg` of library function `function`.
    Call {
        function: String,
        arg: usize,
        at: Path,
    },
}

/// Builtins that only look at a value's type: they read nothing inside it.
const TYPE_CHECKS: &[&str] = &[
    "is_object",
    "is_array",
    "is_string",
    "is_null",
    "is_number",
    "is_boolean",
    "is_set",
];

/// One rule of a module: its name, its parameters (functions) and its text.
struct Rule {
    name: String,
    params: Vec<String>,
    text: String,
}

struct Module {
    package: String,
    /// Import alias -> package.
    imports: HashMap<String, String>,
    rules: Vec<Rule>,
    /// Names bound to `input.resource` (path `[]`) or a path below it, file-wide.
    input_aliases: Vec<(String, Path)>,
}

/// What a control reads: attribute names, and the uses that could not be followed.
#[derive(Debug, Default)]
pub(crate) struct Reads {
    pub attributes: BTreeSet<String>,
    pub unfollowed: Vec<String>,
}

/// Every library and control module, for resolving calls.
pub(crate) struct Modules {
    modules: Vec<Module>,
    by_package: HashMap<String, usize>,
}

impl Modules {
    pub(crate) fn parse<'a>(files: impl IntoIterator<Item = &'a str>) -> Self {
        let modules: Vec<Module> = files.into_iter().map(parse_module).collect();
        let by_package = modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.package.clone(), i))
            .collect();
        Modules {
            modules,
            by_package,
        }
    }

    /// The attributes the module of `package` reads, through its own rules and every
    /// library rule and function it reaches.
    pub(crate) fn reads(&self, package: &str) -> Reads {
        let mut uses = Vec::new();
        let mut seen = HashSet::new();
        self.input_uses(package, None, &mut seen, &mut uses);
        let mut out = Reads::default();
        let mut expanding = HashSet::new();
        for u in uses {
            self.interpret(&u, &[], &mut expanding, &mut out);
        }
        out
    }

    /// Uses of `input.resource` by the rules of `package` (all, or the one named), and by
    /// every rule they reference.
    fn input_uses(
        &self,
        package: &str,
        rule: Option<&str>,
        seen: &mut HashSet<(String, String)>,
        out: &mut Vec<Use>,
    ) {
        let Some(&i) = self.by_package.get(package) else {
            return;
        };
        let m = &self.modules[i];
        if let Some(name) = rule {
            if !seen.insert((package.to_string(), name.to_string())) {
                return;
            }
        }
        for r in &m.rules {
            if rule.is_some_and(|name| name != r.name) {
                continue;
            }
            seen.insert((package.to_string(), r.name.clone()));
            let mut roots: Vec<(String, Path)> = vec![("input".into(), vec![])];
            roots.extend(m.input_aliases.iter().cloned());
            for (root, base) in &roots {
                for u in uses_of(m, &r.text, root, base, root == "input") {
                    out.push(u);
                }
            }
            for (pkg, name) in references(m, &self.modules, &r.text) {
                if !seen.contains(&(pkg.clone(), name.clone())) {
                    self.input_uses(&pkg, Some(&name), seen, out);
                }
            }
        }
    }

    /// The uses of parameter `arg` of `function` (`package.name`), by every definition.
    fn param_uses(&self, function: &str) -> Vec<(usize, Use)> {
        let Some((package, name)) = function.rsplit_once('.') else {
            return vec![];
        };
        let Some(&i) = self.by_package.get(package) else {
            return vec![];
        };
        let m = &self.modules[i];
        let mut out = Vec::new();
        for r in m.rules.iter().filter(|r| r.name == name) {
            for (arg, param) in r.params.iter().enumerate() {
                let body = &r.text[r.text.find(')').map_or(0, |p| p + 1)..];
                let mut roots = vec![(param.clone(), vec![])];
                roots.extend(local_aliases(body, param));
                for (root, base) in roots {
                    out.extend(
                        uses_of(m, body, &root, &base, false)
                            .into_iter()
                            .map(|u| (arg, u)),
                    );
                }
            }
        }
        out
    }

    /// Turns a use at `prefix` below the resource into attribute reads.
    fn interpret(
        &self,
        u: &Use,
        prefix: &[String],
        expanding: &mut HashSet<(String, usize)>,
        out: &mut Reads,
    ) {
        let full = |p: &Path| -> Path { prefix.iter().chain(p.iter()).cloned().collect() };
        match u {
            Use::Read(p) => {
                let p = full(p);
                if p.first().map(String::as_str) == Some("attributes") && p.len() >= 2 {
                    out.attributes.insert(p[1].clone());
                }
            }
            Use::Whole(p) => {
                let p = full(p);
                match p.first().map(String::as_str) {
                    Some("attributes") if p.len() >= 2 => {
                        out.attributes.insert(p[1].clone());
                    }
                    None | Some("attributes") => out
                        .unfollowed
                        .push(format!("input.resource.{}", p.join("."))),
                    _ => {}
                }
            }
            Use::Call { function, arg, at } => {
                let at = full(at);
                // Only the whole resource or attributes object needs following.
                if at.len() >= 2 || at.first().is_some_and(|s| s != "attributes") {
                    return self.interpret(&Use::Read(at), &[], expanding, out);
                }
                if !expanding.insert((function.clone(), *arg)) {
                    return;
                }
                let uses = self.param_uses(function);
                if !uses.iter().any(|(i, _)| i == arg) && !self.defines(function) {
                    out.unfollowed.push(format!("{function} (not found)"));
                }
                for (i, inner) in uses {
                    if i == *arg {
                        self.interpret(&inner, &at, expanding, out);
                    }
                }
                expanding.remove(&(function.clone(), *arg));
            }
        }
    }

    fn defines(&self, function: &str) -> bool {
        function.rsplit_once('.').is_some_and(|(package, name)| {
            self.by_package
                .get(package)
                .is_some_and(|&i| self.modules[i].rules.iter().any(|r| r.name == name))
        })
    }
}

/// Removes comments and splits a module into its rules (a rule starts at column 0).
fn parse_module(text: &str) -> Module {
    let mut package = String::new();
    let mut imports = HashMap::new();
    let mut rules: Vec<Rule> = Vec::new();
    for line in text.lines().map(strip_comment) {
        let first = line.chars().next();
        if let Some(p) = line.strip_prefix("package ") {
            package = p.trim().to_string();
        } else if let Some(i) = line.strip_prefix("import ") {
            let i = i.trim();
            let (path, alias) = match i.split_once(" as ") {
                Some((p, a)) => (p.trim(), a.trim().to_string()),
                None => (i, i.rsplit('.').next().unwrap_or(i).to_string()),
            };
            if let Some(pkg) = path.strip_prefix("data.") {
                imports.insert(alias, pkg.to_string());
            }
        } else if first.is_some_and(|c| c.is_ascii_alphabetic() || c == '_') {
            let head = line.strip_prefix("default ").unwrap_or(line);
            let name: String = head
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let params = match head[name.len()..].strip_prefix('(') {
                Some(rest) => rest
                    .split(')')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect(),
                None => vec![],
            };
            rules.push(Rule {
                name,
                params,
                text: line.to_string() + "\n",
            });
        } else if let Some(r) = rules.last_mut() {
            r.text.push_str(line);
            r.text.push('\n');
        }
    }
    let all: String = rules.iter().map(|r| r.text.as_str()).collect();
    let input_aliases = local_aliases(&all, "input")
        .into_iter()
        .filter_map(|(name, path)| {
            (path.first().map(String::as_str) == Some("resource"))
                .then(|| (name, path[1..].to_vec()))
        })
        .filter(|(_, p)| p.is_empty() || p == &["attributes"])
        .collect();
    Module {
        package,
        imports,
        rules,
        input_aliases,
    }
}

/// A line without its `#` comment (a `#` inside a string stays).
fn strip_comment(line: &str) -> &str {
    let (mut quoted, mut escaped) = (false, false);
    for (i, c) in line.char_indices() {
        match c {
            '\\' if quoted => escaped = !escaped,
            '"' if !escaped => quoted = !quoted,
            '#' if !quoted => return &line[..i],
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    line
}

/// Names bound (`name := root.path` alone on the right) to `root` or a path below it.
fn local_aliases(text: &str, root: &str) -> Vec<(String, Path)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((lhs, rhs)) = line.split_once(":=") else {
            continue;
        };
        let name = lhs.trim();
        if !is_ident(name) {
            continue;
        }
        let rhs = rhs.trim();
        let rhs = rhs.strip_suffix(" if {").unwrap_or(rhs).trim();
        let (start, path, end) = match chain_at(rhs, 0, root) {
            Some(c) => c,
            None => continue,
        };
        if start == 0 && end == rhs.len() {
            out.push((name.to_string(), path));
        }
    }
    out
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// The chain `root.a["b"]...` starting at `at`: (start, path below root, end).
fn chain_at(text: &str, at: usize, root: &str) -> Option<(usize, Path, usize)> {
    let rest = &text[at..];
    if !rest.starts_with(root) {
        return None;
    }
    let before = text[..at].chars().next_back();
    if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
        return None;
    }
    let mut end = at + root.len();
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return None;
    }
    let mut path = Vec::new();
    loop {
        let tail = &text[end..];
        if let Some(t) = tail.strip_prefix('.') {
            let name: String = t
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                break;
            }
            end += 1 + name.len();
            path.push(name);
        } else if let Some(t) = tail.strip_prefix("[\"") {
            let Some(close) = t.find("\"]") else { break };
            path.push(t[..close].to_string());
            end += 2 + close + 2;
        } else {
            break;
        }
    }
    Some((at, path, end))
}

/// Every use of `root` (bound to `base` below the resource for input roots, or the
/// parameter itself) in `text`, classified by its context.
fn uses_of(m: &Module, text: &str, root: &str, base: &[String], is_input: bool) -> Vec<Use> {
    let mut out = Vec::new();
    let quoted = in_string_mask(text);
    let mut from = 0;
    while let Some(pos) = text[from..].find(root) {
        let at = from + pos;
        from = at + root.len();
        if quoted[at] {
            continue;
        }
        let Some((start, mut path, end)) = chain_at(text, at, root) else {
            continue;
        };
        from = end;
        if is_input {
            // Only `input.resource...` is the resource; `input.now` and the like are not.
            if path.first().map(String::as_str) != Some("resource") {
                continue;
            }
            path.remove(0);
        }
        let path: Path = base.iter().cloned().chain(path).collect();
        out.push(classify(m, text, start, end, path));
    }
    out
}

/// Positions inside a string literal.
fn in_string_mask(text: &str) -> Vec<bool> {
    let mut mask = vec![false; text.len() + 1];
    let (mut quoted, mut escaped) = (false, false);
    for (i, c) in text.char_indices() {
        if quoted {
            mask[i] = true;
        }
        match c {
            '\\' if quoted && !escaped => {
                escaped = true;
                continue;
            }
            '"' if !escaped => quoted = !quoted,
            _ => {}
        }
        escaped = false;
    }
    mask
}

/// What the chain at `start..end` is used for.
fn classify(m: &Module, text: &str, start: usize, end: usize, path: Path) -> Use {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    // `name := chain` alone: an alias, whose own uses are followed.
    // The alias's own definition.
    if after.starts_with(":=") {
        return Use::Read(path);
    }
    let line_end = text[end..].starts_with('\n') || text[end..].starts_with(" if");
    if before.ends_with(":=") && (line_end || after.is_empty()) {
        let lhs = before.trim_end_matches(":=").trim_end();
        let name: String = lhs
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            return Use::Read(path);
        }
    }
    if let Some((function, arg)) = enclosing_call(text, start, end) {
        if function == "object.get" && arg == 0 {
            return match literal_keys(text, end) {
                Some(keys) => Use::Read(path.into_iter().chain(keys).collect()),
                None => Use::Whole(path),
            };
        }
        if TYPE_CHECKS.contains(&function.as_str()) {
            return Use::Read(path);
        }
        if let Some(f) = resolve(m, &function) {
            return Use::Call {
                function: f,
                arg,
                at: path,
            };
        }
    }
    Use::Whole(path)
}

/// The function whose whole argument the chain at `start..end` is, and its position.
fn enclosing_call(text: &str, start: usize, end: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let (mut depth, mut commas, mut i) = (0i32, 0usize, start);
    let opener = loop {
        if i == 0 {
            return None;
        }
        i -= 1;
        match bytes[i] {
            b')' | b']' | b'}' => depth += 1,
            b'(' | b'[' | b'{' if depth == 0 => break i,
            b'(' | b'[' | b'{' => depth -= 1,
            b',' if depth == 0 => commas += 1,
            _ => {}
        }
    };
    if bytes[opener] != b'(' {
        return None;
    }
    let arg_start = text[opener + 1..start]
        .rfind(',')
        .map_or(opener + 1, |c| opener + 1 + c + 1);
    if !text[arg_start..start].trim().is_empty() {
        return None;
    }
    let next = text[end..].trim_start().chars().next();
    if !matches!(next, Some(',') | Some(')')) {
        return None;
    }
    let name: String = text[..opener]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!name.is_empty()).then_some((name, commas))
}

/// The key argument after `object.get(x` at `end`: `"k"` or `["k", "l"]`.
fn literal_keys(text: &str, end: usize) -> Option<Path> {
    let rest = text[end..].trim_start().strip_prefix(',')?.trim_start();
    let string = |s: &str| -> Option<(String, usize)> {
        let t = s.strip_prefix('"')?;
        let close = t.find('"')?;
        Some((t[..close].to_string(), close + 2))
    };
    if let Some(list) = rest.strip_prefix('[') {
        let close = list.find(']')?;
        let keys: Option<Path> = list[..close]
            .split(',')
            .map(|k| string(k.trim()).map(|(k, _)| k))
            .collect();
        return keys.filter(|k| !k.is_empty());
    }
    string(rest).map(|(k, _)| vec![k])
}

/// `alias.name` or a local `name` as the function's full name, when it is a rule.
fn resolve(m: &Module, function: &str) -> Option<String> {
    match function.rsplit_once('.') {
        Some((alias, name)) => m.imports.get(alias).map(|p| format!("{p}.{name}")),
        None => m
            .rules
            .iter()
            .any(|r| r.name == function && !r.params.is_empty())
            .then(|| format!("{}.{function}", m.package)),
    }
}

/// The rules `text` references: `alias.name` of an imported module, or a rule of its
/// own module by name.
fn references(m: &Module, all: &[Module], text: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .filter(|w| !w.is_empty())
        .collect();
    let own: HashSet<&str> = m.rules.iter().map(|r| r.name.as_str()).collect();
    for w in words {
        let mut parts = w.split('.');
        let first = parts.next().unwrap_or("");
        if let (Some(pkg), Some(name)) = (m.imports.get(first), parts.next()) {
            if all.iter().any(|x| &x.package == pkg) {
                out.insert((pkg.clone(), name.to_string()));
            }
        } else if own.contains(first) {
            out.insert((m.package.clone(), first.to_string()));
        }
    }
    out
}

/// Controls that read an attribute by a computed key, and every key it can be (read
/// from their Rego): each must be in the control's `requires`.
const DYNAMIC_READS: &[(&str, &[&str])] = &[
    (
        "ecs_task_definitions_host_namespace_not_shared",
        &["pidMode", "ipcMode"],
    ),
    (
        "fsx_file_system_copy_tags_to_backups_enabled",
        &[
            "LustreConfiguration",
            "WindowsConfiguration",
            "OpenZFSConfiguration",
        ],
    ),
];

/// Per control id, the attributes it reads that its `requires` does not list, and the
/// uses that could not be followed.
pub(crate) fn unlisted_reads(
    catalog: &super::Catalog,
) -> BTreeMap<String, (BTreeSet<String>, Vec<String>)> {
    let modules = Modules::parse(
        catalog
            .rego
            .iter()
            .filter(|f| !f.path.ends_with("_test.rego"))
            .map(|f| f.text.as_str()),
    );
    let mut out = BTreeMap::new();
    for c in &catalog.controls {
        let reads = modules.reads(&c.package);
        let listed = |a: &String| c.meta.requires.contains(a) || c.meta.also_reads.contains(a);
        let missing: BTreeSet<String> = reads
            .attributes
            .iter()
            .filter(|a| !listed(a))
            .cloned()
            .collect();
        // A read by a computed key: the control names the keys it can be, checked here.
        let unfollowed: Vec<String> = match DYNAMIC_READS.iter().find(|(id, _)| *id == c.meta.id) {
            Some((_, keys)) if keys.iter().all(|k| listed(&k.to_string())) => vec![],
            _ => reads.unfollowed,
        };
        if !missing.is_empty() || !unfollowed.is_empty() {
            out.insert(c.meta.id.clone(), (missing, unfollowed));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIB: &str = "package parapet.lib.t\n\nimport rego.v1\n\n# reads policy\nexposed(attrs) if attrs.policy.Statement\n\nexposed(attrs) if object.get(attrs, \"acl\", {}) != {}\n\nvia(x) := exposed(x)\n\nof_resource(r) if r.attributes[\"tags_x\"] == 1\n\ndirect := input.resource.attributes.direct_one\n";

    fn reads(control: &str) -> Reads {
        Modules::parse([LIB, control]).reads("parapet.aws.t.c")
    }

    #[test]
    fn follows_aliases_library_calls_object_get_and_brackets() {
        let c = "package parapet.aws.t.c\n\nimport data.parapet.lib.t\n\nattrs := input.resource.attributes\n\nstatus := \"FAIL\" if t.via(attrs)\n\nstatus := \"PASS\" if attrs.versioning.Status == \"Enabled\"\n\nx if object.get(input.resource.attributes, [\"encryption\", \"rules\"], []) == []\n\ny if input.resource.attributes[\"logging\"]\n\nz if t.of_resource(input.resource)\n\nw if t.direct\n\nreason := sprintf(\"%s attrs.not_this\", [input.resource.name])\n";
        let r = reads(c);
        let got: Vec<&str> = r.attributes.iter().map(String::as_str).collect();
        assert_eq!(
            got,
            [
                "acl",
                "direct_one",
                "encryption",
                "logging",
                "policy",
                "tags_x",
                "versioning"
            ]
        );
        assert!(r.unfollowed.is_empty(), "{:?}", r.unfollowed);
    }

    #[test]
    fn reports_uses_of_the_whole_attributes_object() {
        let c = "package parapet.aws.t.c\n\nattrs := input.resource.attributes\n\nstatus := \"FAIL\" if count(attrs) == 0\n\nn if some k, _ in input.resource.attributes\n";
        let r = reads(c);
        assert_eq!(r.unfollowed.len(), 2, "{:?}", r.unfollowed);
    }

    #[test]
    fn every_control_requires_what_it_reads() {
        let catalog = super::super::Catalog::embedded().unwrap();
        let bad = unlisted_reads(&catalog);
        let lines: Vec<String> = bad
            .iter()
            .map(|(id, (missing, unfollowed))| {
                format!("{id}: requires lacks {missing:?}; not followed: {unfollowed:?}")
            })
            .collect();
        assert!(lines.is_empty(), "{}\n{}", lines.len(), lines.join("\n"));
    }
}
