//! One HTTPS PUT, for answering CloudFormation's pre-signed response URL.

use anyhow::Context;
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// PUTs `body` to `url` and returns the HTTP status. The pre-signed S3 URL is signed
/// without a content type, so none is sent.
pub async fn put(url: &str, body: Vec<u8>) -> anyhow::Result<u16> {
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .context("cannot load the system's TLS root certificates")?
        .https_or_http()
        .enable_http1()
        .build();
    let client: Client<_, Full<bytes::Bytes>> = Client::builder(TokioExecutor::new()).build(https);
    let len = body.len();
    let request = http::Request::put(url)
        .header("content-length", len)
        .body(Full::new(bytes::Bytes::from(body)))
        .with_context(|| format!("{url:?} is not a usable URL"))?;
    let response =
        tokio::time::timeout(std::time::Duration::from_secs(30), client.request(request))
            .await
            .context("timed out after 30 s")?
            .context("request failed")?;
    Ok(response.status().as_u16())
}
