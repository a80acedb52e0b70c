// Shared by the four binaries (included with #[path]): plain-text logs on stderr, which
// Lambda sends to CloudWatch, at the level PARAPET_LOG gives (info by default).
pub fn init() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PARAPET_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_ansi(false)
        .without_time()
        .with_writer(std::io::stderr)
        .init();
}
