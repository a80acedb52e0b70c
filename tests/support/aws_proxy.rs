//! `bench/aws_proxy.py`, the reverse proxy in front of moto_server that refuses requests
//! above a rate per service with each protocol's throttling error, and counts them.

use super::repo_root;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// The proxy process, killed when dropped.
pub struct AwsProxy {
    child: Child,
    pub url: String,
}

impl AwsProxy {
    /// Starts the proxy in front of `upstream` on a free port; `extra` are its options
    /// (`--rate-per-service 30`, `--rate s3=40`).
    pub fn start(upstream: &str, extra: &[&str]) -> AwsProxy {
        let python = std::env::var("PARAPET_PYTHON")
            .unwrap_or_else(|_| repo_root().join(".venv/bin/python").display().to_string());
        let mut child = Command::new(python)
            .arg(repo_root().join("bench/aws_proxy.py"))
            .args(["--upstream", upstream, "--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start bench/aws_proxy.py");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("aws_proxy did not start: {line:?}"));
        AwsProxy {
            url: format!("http://127.0.0.1:{port}"),
            child,
        }
    }

    /// The body of the proxy's answer to its own `method path` (`GET /_proxy/stats`,
    /// `POST /_proxy/reset`).
    pub fn control(&self, method: &str, path: &str) -> String {
        let addr = self.url.trim_start_matches("http://");
        let mut conn = TcpStream::connect(addr).unwrap();
        write!(
            conn,
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        conn.read_to_string(&mut answer).unwrap();
        answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default()
    }

    /// The proxy's counts (`GET /_proxy/stats`).
    pub fn stats(&self) -> Value {
        let body = self.control("GET", "/_proxy/stats");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("bad stats ({e}): {body}"))
    }

    /// One service's requests accepted and refused in all, and (accepted, refused) in
    /// each second the proxy saw it.
    pub fn service_counts(&self, service: &str) -> (u64, u64, Vec<(u64, u64)>) {
        let stats = self.stats();
        let totals = &stats["services"][service];
        let per_second = stats["per_second"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["service"] == service)
            .map(|s| {
                (
                    s["accepted"].as_u64().unwrap(),
                    s["refused"].as_u64().unwrap(),
                )
            })
            .collect();
        (
            totals["accepted"].as_u64().unwrap_or(0),
            totals["refused"].as_u64().unwrap_or(0),
            per_second,
        )
    }
}

impl Drop for AwsProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
