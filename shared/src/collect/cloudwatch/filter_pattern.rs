//! CloudWatch Logs JSON filter patterns (`{ ($.eventName = X) || ($.errorCode = "*Denied") }`),
//! parsed and evaluated on JSON events, so a metric filter is judged by the events it
//! counts rather than by the text it contains.
//!
//! Supported, after the CloudWatch Logs filter-pattern syntax: comparisons of a selector
//! (`$.a.b`, `$.a[0]`) with `=` / `!=` (strings, `*` wildcards anywhere, quoted or not;
//! numbers) and `<`, `<=`, `>`, `>=` (numbers); `EXISTS`, `NOT EXISTS`, `IS NULL`,
//! `IS TRUE`, `IS FALSE`; `&&`, `||` (`&&` binds tighter) and parentheses. The empty
//! pattern matches every event. Text and space-delimited patterns, and regular
//! expressions (`%...%`), are refused: a pattern we cannot evaluate monitors nothing.
//!
//! A comparison on a field the event does not have is false, `!=` included.

use serde_json::Value;

/// Patterns are at most 1024 characters in AWS; anything longer is not one of theirs.
const MAX_LEN: usize = 4096;
/// Bounds the parser's recursion on hostile input.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    /// The empty pattern.
    Everything,
    Json(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Compare(Vec<Step>, Op, String),
    Exists(Vec<Step>, bool),
    IsNull(Vec<Step>),
    IsBool(Vec<Step>, bool),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Op(Op),
    Selector(Vec<Step>),
    Word(String),
    Quoted(String),
}

pub fn parse(pattern: &str) -> Result<Pattern, String> {
    if pattern.len() > MAX_LEN {
        return Err(format!("filter pattern longer than {MAX_LEN} bytes"));
    }
    let body = pattern.trim();
    if body.is_empty() {
        return Ok(Pattern::Everything);
    }
    let inner = body
        .strip_prefix('{')
        .and_then(|b| b.strip_suffix('}'))
        .ok_or("not a JSON filter pattern (text and space-delimited patterns are not evaluated)")?;
    let tokens = lex(inner)?;
    let mut parser = Parser { tokens, at: 0 };
    let expr = parser.or(0)?;
    if parser.at != parser.tokens.len() {
        return Err(format!(
            "unexpected {:?} in filter pattern",
            parser.tokens[parser.at]
        ));
    }
    Ok(Pattern::Json(expr))
}

impl Pattern {
    pub fn matches(&self, event: &Value) -> bool {
        match self {
            Pattern::Everything => true,
            Pattern::Json(e) => e.matches(event),
        }
    }
}

fn lex(s: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let two = |i: usize| chars.get(i..i + 2).map(|c| c.iter().collect::<String>());
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let (token, len) = match (c, two(i).as_deref()) {
            ('(', _) => (Token::Open, 1),
            (')', _) => (Token::Close, 1),
            (_, Some("&&")) => (Token::And, 2),
            (_, Some("||")) => (Token::Or, 2),
            (_, Some("!=")) => (Token::Op(Op::Ne), 2),
            (_, Some("<=")) => (Token::Op(Op::Le), 2),
            (_, Some(">=")) => (Token::Op(Op::Ge), 2),
            ('=', _) => (Token::Op(Op::Eq), 1),
            ('<', _) => (Token::Op(Op::Lt), 1),
            ('>', _) => (Token::Op(Op::Gt), 1),
            ('"', _) => {
                let (text, len) = quoted(&chars[i..])?;
                (Token::Quoted(text), len)
            }
            ('{' | '}' | '&' | '|' | '!', _) => {
                return Err(format!("unexpected '{c}' in filter pattern"))
            }
            _ => {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| !c.is_whitespace() && !"(){}&|=!<>\"".contains(**c))
                    .count();
                let word: String = chars[i..i + len].iter().collect();
                if word.starts_with('$') {
                    (Token::Selector(selector(&word)?), len)
                } else if word.starts_with('%') {
                    return Err("regular expressions in filter patterns are not evaluated".into());
                } else {
                    (Token::Word(word), len)
                }
            }
        };
        out.push(token);
        i += len;
    }
    Ok(out)
}

/// A double-quoted string starting at `chars[0]`, with `\"` and `\\` escapes; returns the
/// text and the characters consumed.
fn quoted(chars: &[char]) -> Result<(String, usize), String> {
    let mut text = String::new();
    let mut i = 1;
    while i < chars.len() {
        match chars[i] {
            '"' => return Ok((text, i + 1)),
            '\\' if i + 1 < chars.len() => {
                text.push(chars[i + 1]);
                i += 2;
            }
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    Err("unterminated string in filter pattern".into())
}

/// `$.a.b[0].c` as steps.
fn selector(word: &str) -> Result<Vec<Step>, String> {
    let bad = || format!("bad selector {word:?} in filter pattern");
    let mut steps = Vec::new();
    let mut rest = word.strip_prefix('$').ok_or_else(bad)?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return Err(bad());
            }
            steps.push(Step::Key(r[..end].to_string()));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').ok_or_else(bad)?;
            steps.push(Step::Index(r[..end].parse().map_err(|_| bad())?));
            rest = &r[end + 1..];
        } else {
            return Err(bad());
        }
    }
    if steps.is_empty() {
        return Err(bad());
    }
    Ok(steps)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn or(&mut self, depth: usize) -> Result<Expr, String> {
        let mut left = self.and(depth)?;
        while self.peek() == Some(&Token::Or) {
            self.at += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and(depth)?));
        }
        Ok(left)
    }

    fn and(&mut self, depth: usize) -> Result<Expr, String> {
        let mut left = self.atom(depth)?;
        while self.peek() == Some(&Token::And) {
            self.at += 1;
            left = Expr::And(Box::new(left), Box::new(self.atom(depth)?));
        }
        Ok(left)
    }

    fn atom(&mut self, depth: usize) -> Result<Expr, String> {
        if depth >= MAX_DEPTH {
            return Err(format!(
                "filter pattern nests deeper than {MAX_DEPTH} parentheses"
            ));
        }
        match self.next() {
            Some(Token::Open) => {
                let e = self.or(depth + 1)?;
                match self.next() {
                    Some(Token::Close) => Ok(e),
                    _ => Err("unbalanced parentheses in filter pattern".into()),
                }
            }
            Some(Token::Selector(path)) => self.condition(path),
            other => Err(format!(
                "expected a selector or '(' in filter pattern, found {other:?}"
            )),
        }
    }

    /// What follows a selector: a comparison or a test.
    fn condition(&mut self, path: Vec<Step>) -> Result<Expr, String> {
        let keyword = |t: Option<Token>| match t {
            Some(Token::Word(w)) => Some(w.to_ascii_uppercase()),
            _ => None,
        };
        match self.next() {
            Some(Token::Op(op)) => match self.next() {
                Some(Token::Word(v) | Token::Quoted(v)) => {
                    if !matches!(op, Op::Eq | Op::Ne) && v.parse::<f64>().is_err() {
                        return Err(format!("{v:?} is not a number to compare with"));
                    }
                    Ok(Expr::Compare(path, op, v))
                }
                other => Err(format!(
                    "expected a value in filter pattern, found {other:?}"
                )),
            },
            Some(Token::Word(w)) => match w.to_ascii_uppercase().as_str() {
                "EXISTS" => Ok(Expr::Exists(path, true)),
                "NOT" if keyword(self.next()).as_deref() == Some("EXISTS") => {
                    Ok(Expr::Exists(path, false))
                }
                "IS" => match keyword(self.next()).as_deref() {
                    Some("NULL") => Ok(Expr::IsNull(path)),
                    Some("TRUE") => Ok(Expr::IsBool(path, true)),
                    Some("FALSE") => Ok(Expr::IsBool(path, false)),
                    _ => Err("expected NULL, TRUE or FALSE after IS in filter pattern".into()),
                },
                _ => Err(format!(
                    "unexpected {w:?} after a selector in filter pattern"
                )),
            },
            other => Err(format!(
                "expected an operator after a selector in filter pattern, found {other:?}"
            )),
        }
    }
}

fn lookup<'a>(event: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(event, |v, step| match step {
        Step::Key(k) => v.get(k.as_str()),
        Step::Index(i) => v.get(*i),
    })
}

impl Expr {
    pub fn matches(&self, event: &Value) -> bool {
        match self {
            Expr::And(a, b) => a.matches(event) && b.matches(event),
            Expr::Or(a, b) => a.matches(event) || b.matches(event),
            Expr::Exists(path, want) => lookup(event, path).is_some() == *want,
            Expr::IsNull(path) => lookup(event, path) == Some(&Value::Null),
            Expr::IsBool(path, want) => lookup(event, path) == Some(&Value::Bool(*want)),
            Expr::Compare(path, op, value) => match lookup(event, path) {
                Some(field) => compare(field, *op, value),
                None => false,
            },
        }
    }
}

fn compare(field: &Value, op: Op, value: &str) -> bool {
    let number = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse::<f64>().ok(),
        _ => None,
    };
    match op {
        Op::Eq | Op::Ne => {
            let equal = match (field, value.parse::<f64>()) {
                (Value::Number(n), Ok(v)) => n.as_f64() == Some(v),
                (Value::String(s), _) => wildcard_match(value, s),
                (Value::Bool(b), _) => value == if *b { "true" } else { "false" },
                _ => false,
            };
            equal == (op == Op::Eq)
        }
        _ => match (number(field), value.parse::<f64>()) {
            (Some(f), Ok(v)) => match op {
                Op::Lt => f < v,
                Op::Le => f <= v,
                Op::Gt => f > v,
                _ => f >= v,
            },
            _ => false,
        },
    }
}

/// `*` in `pattern` stands for any run of characters; everything else is literal and
/// case-sensitive. At most len(pattern) x len(text) steps: only the last star backtracks.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn m(pattern: &str, event: Value) -> bool {
        parse(pattern).unwrap().matches(&event)
    }

    #[test]
    fn compares_strings_with_and_without_quotes() {
        let e = json!({"eventName": "CreateTrail", "eventSource": "cloudtrail.amazonaws.com"});
        assert!(m("{ $.eventName = CreateTrail }", e.clone()));
        assert!(m("{($.eventName=\"CreateTrail\")}", e.clone()));
        assert!(!m("{ $.eventName = createtrail }", e.clone()));
        assert!(m("{ $.eventName != DeleteTrail }", e.clone()));
        assert!(!m("{ $.eventName != CreateTrail }", e.clone()));
        assert!(m("{ $.eventSource = cloudtrail.amazonaws.com }", e.clone()));
    }

    #[test]
    fn wildcards_match_anywhere() {
        let e = json!({"errorCode": "Client.UnauthorizedOperation"});
        assert!(m("{ $.errorCode = \"*UnauthorizedOperation\" }", e.clone()));
        assert!(m("{ $.errorCode = Client.* }", e.clone()));
        assert!(m("{ $.errorCode = *Unauth*tion }", e.clone()));
        assert!(!m("{ $.errorCode = \"AccessDenied*\" }", e.clone()));
        assert!(wildcard_match("a*b*c", "aXbYbZc"));
        assert!(!wildcard_match("a*b*c", "aXbYbZ"));
        assert!(wildcard_match("*", ""));
    }

    #[test]
    fn and_binds_tighter_than_or_and_parentheses_group() {
        let e = json!({"a": "1", "b": "2", "c": "9"});
        // a=1 || (b=0 && c=0)
        assert!(m("{ $.a = 1 || $.b = 0 && $.c = 0 }", e.clone()));
        // (a=0 || b=2) && c=0
        assert!(!m("{ ($.a = 0 || $.b = 2) && $.c = 0 }", e.clone()));
        assert!(m("{ (($.a = 0) || ($.b = 2)) && ($.c = 9) }", e.clone()));
    }

    #[test]
    fn a_missing_field_never_compares() {
        let e = json!({"eventName": "ConsoleLogin"});
        assert!(!m("{ $.errorCode = \"*\" }", e.clone()));
        assert!(!m("{ $.errorCode != AccessDenied }", e.clone()));
        assert!(m("{ $.errorCode NOT EXISTS }", e.clone()));
        assert!(!m("{ $.eventName NOT EXISTS }", e.clone()));
        assert!(m("{ $.eventName exists }", e.clone()));
    }

    #[test]
    fn nested_selectors_numbers_and_tests() {
        let e = json!({"userIdentity": {"type": "Root"}, "n": 5, "flag": true, "none": null,
                       "resources": [{"ARN": "arn:x"}]});
        assert!(m("{ $.userIdentity.type = \"Root\" }", e.clone()));
        assert!(m("{ $.resources[0].ARN = arn:* }", e.clone()));
        assert!(m("{ $.n > 4 && $.n <= 5 && $.n = 5 }", e.clone()));
        assert!(!m("{ $.n < 5 }", e.clone()));
        assert!(m("{ $.flag IS TRUE && $.none IS NULL }", e.clone()));
        assert!(!m("{ $.flag IS FALSE }", e.clone()));
    }

    #[test]
    fn empty_pattern_matches_everything() {
        assert!(m("", json!({})));
        assert!(m("   ", json!({"a": 1})));
    }

    #[test]
    fn refuses_what_it_cannot_evaluate() {
        for bad in [
            "ERROR",
            "[ip, user, ...]",
            "{ $.a = }",
            "{ $.a = 1 && }",
            "{ ($.a = 1 }",
            "{ $.a = 1) }",
            "{ $.a = \"open }",
            "{ $.a = %ab+% }",
            "{ $.a & $.b }",
            "{ $. = 1 }",
            "{ $.a < abc }",
            "{ $.a IS MAYBE }",
            "{ a = 1 }",
        ] {
            assert!(parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn bounds_length_and_nesting() {
        let deep = format!("{{ {}$.a = 1{} }}", "(".repeat(200), ")".repeat(200));
        assert!(parse(&deep).unwrap_err().contains("nests deeper"));
        let long = format!("{{ $.a = {} }}", "x".repeat(MAX_LEN));
        assert!(parse(&long).unwrap_err().contains("longer"));
    }

    /// Random byte soup must never panic (a cheap stand-in for a fuzzer).
    #[test]
    fn arbitrary_input_does_not_panic() {
        let alphabet: Vec<char> = "{}()&|=!<>\"$.[]*aZ09 \\%NOTEXISIS".chars().collect();
        let mut seed = 0x2545F4914F6CDD1Du64;
        for _ in 0..5000 {
            let len = (seed % 40) as usize;
            let mut s = String::from("{");
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            s.push('}');
            if let Ok(p) = parse(&s) {
                p.matches(&json!({"a": "x", "b": [1]}));
            }
        }
    }
}
