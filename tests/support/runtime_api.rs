//! A Lambda Runtime API on loopback, enough to run a function binary as Lambda does:
//! the binary polls `GET /2018-06-01/runtime/invocation/next`, gets one event, and posts
//! its result to `.../response` (or `.../error`). Tests spawn the real bootstrap binary
//! against it and read what it answered.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What the function sent back for one invocation.
#[derive(Debug, Clone)]
pub enum Reply {
    Response(Value),
    Error(Value),
}

/// Invocations waiting for the function's next poll (request id, payload), and the
/// signal that one arrived.
type PendingEvents = Arc<(Mutex<VecDeque<(String, Value)>>, Condvar)>;

pub struct RuntimeApi {
    pub address: String,
    events: PendingEvents,
    replies: Receiver<(String, Reply)>,
    first_poll: Receiver<Instant>,
}

impl RuntimeApi {
    pub fn start() -> RuntimeApi {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let events = Arc::new((Mutex::new(VecDeque::new()), Condvar::new()));
        let (reply_tx, replies) = channel();
        let (poll_tx, first_poll) = channel();
        let shared = events.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (events, reply_tx, poll_tx) =
                    (shared.clone(), reply_tx.clone(), poll_tx.clone());
                std::thread::spawn(move || serve(stream, events, reply_tx, poll_tx));
            }
        });
        RuntimeApi {
            address,
            events,
            replies,
            first_poll,
        }
    }

    /// Queues an invocation; returns its request id.
    pub fn invoke(&self, event: Value) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        let (queue, ready) = &*self.events;
        queue.lock().unwrap().push_back((id.clone(), event));
        ready.notify_all();
        id
    }

    /// Waits for the reply to an invocation.
    pub fn reply(&self, timeout: Duration) -> (String, Reply) {
        self.replies
            .recv_timeout(timeout)
            .expect("the function answered the invocation")
    }

    /// When the function first asked for an event: it had finished its start-up.
    pub fn first_poll(&self, timeout: Duration) -> Instant {
        self.first_poll
            .recv_timeout(timeout)
            .expect("the function polled for an event")
    }

    /// Spawns a function binary wired to this API, as the Lambda service would.
    pub fn spawn(&self, binary: &str, env: &[(&str, &str)]) -> Child {
        let mut cmd = Command::new(binary);
        cmd.env("AWS_LAMBDA_RUNTIME_API", &self.address)
            .env("AWS_LAMBDA_FUNCTION_NAME", "parapet-test")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/parapet-test")
            .env("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/24/[$LATEST]test")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        cmd.spawn().expect("spawn the function binary")
    }
}

fn serve(
    stream: TcpStream,
    events: PendingEvents,
    replies: Sender<(String, Reply)>,
    first_poll: Sender<Instant>,
) {
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut length = 0;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let mut parts = request_line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        if method == "GET" && path.ends_with("/runtime/invocation/next") {
            let _ = first_poll.send(Instant::now());
            let (queue, ready) = &*events;
            let mut q = queue.lock().unwrap();
            let (id, event) = loop {
                if let Some(next) = q.pop_front() {
                    break next;
                }
                q = ready.wait(q).unwrap();
            };
            drop(q);
            let body = event.to_string();
            let deadline = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis()
                + 300_000;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: {id}\r\nLambda-Runtime-Deadline-Ms: {deadline}\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:parapet-test\r\nLambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            if writer
                .write_all(head.as_bytes())
                .and_then(|_| writer.write_all(body.as_bytes()))
                .is_err()
            {
                return;
            }
        } else if method == "POST" && path.contains("/runtime/invocation/") {
            let id = path.split('/').nth(4).unwrap_or("").to_string();
            let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let reply = if path.ends_with("/error") {
                Reply::Error(value)
            } else {
                Reply::Response(value)
            };
            let _ = replies.send((id, reply));
            let _ = writer.write_all(b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        } else {
            // Init errors and anything else: accepted, and reported as an error reply.
            let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let _ = replies.send((path.to_string(), Reply::Error(value)));
            let _ = writer.write_all(b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
        }
    }
}
