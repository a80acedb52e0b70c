use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// What kind of failure an AWS call had, for deciding between "absent" and "unknown".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    AccessDenied,
    /// The service is not offered, or not subscribed, in this region or account.
    Unavailable,
    Other,
}

/// One line naming the error code and message, for reasons and logs.
pub fn describe<E, R>(err: &SdkError<E, R>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match err {
        SdkError::ServiceError(se) => {
            let e = se.err();
            match (e.code(), e.message()) {
                (Some(c), Some(m)) => format!("{c}: {m}"),
                (Some(c), None) => c.to_string(),
                _ => format!("{}", DisplayErrorContext(err)),
            }
        }
        _ => format!("{}", DisplayErrorContext(err)),
    }
}

/// True when the service answered with this error code.
pub fn is_code<E, R>(err: &SdkError<E, R>, code: &str) -> bool
where
    E: ProvideErrorMetadata,
{
    matches!(err, SdkError::ServiceError(se) if se.err().code() == Some(code))
}

impl ErrorKind {
    pub fn of<E, R>(err: &SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata,
    {
        match err {
            SdkError::ServiceError(se) => Self::of_code(se.err().code().unwrap_or_default()),
            _ => ErrorKind::Other,
        }
    }

    /// The kind of an AWS error code, whichever client met it.
    pub fn of_code(code: &str) -> Self {
        match code {
            "AccessDenied"
            | "AccessDeniedException"
            | "UnauthorizedOperation"
            | "AuthorizationError"
            | "UnauthorizedException" => ErrorKind::AccessDenied,
            "OptInRequired"
            | "SubscriptionRequiredException"
            | "InvalidAction"
            | "UnknownOperationException"
            | "UnrecognizedClientException" => ErrorKind::Unavailable,
            _ => ErrorKind::Other,
        }
    }
}
