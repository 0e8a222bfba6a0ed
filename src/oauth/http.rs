//! The HTTP client the token requests go through: our reqwest, wrapped so
//! the `oauth2` crate can use it (its own adapter is for an older
//! reqwest). No redirects (a token endpoint that redirects is not to be
//! followed with a secret in hand), and bounded time.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// reqwest, for `oauth2`.
#[derive(Clone, Debug)]
pub struct OAuthHttp(reqwest::Client);

/// A request that did not get an answer; the text names hosts, never a
/// token.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("{0}")]
    Reqwest(#[from] reqwest::Error),
    #[error("{0}")]
    Http(#[from] http::Error),
}

impl OAuthHttp {
    /// # Errors
    /// If the TLS settings cannot be built.
    pub fn new() -> Result<OAuthHttp, reqwest::Error> {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .build()
            .map(OAuthHttp)
    }

    /// Send `request` and read the whole answer.
    ///
    /// # Errors
    /// An [`HttpError`] when no answer came.
    pub async fn send(
        &self,
        request: oauth2::HttpRequest,
    ) -> Result<oauth2::HttpResponse, HttpError> {
        let request: reqwest::Request = request.try_into()?;
        let response = self.0.execute(request).await?;
        let mut out = http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            out = out.header(name, value);
        }
        Ok(out.body(response.bytes().await?.to_vec())?)
    }
}

impl<'c> oauth2::AsyncHttpClient<'c> for OAuthHttp {
    type Error = HttpError;
    type Future =
        Pin<Box<dyn Future<Output = Result<oauth2::HttpResponse, HttpError>> + Send + 'c>>;

    fn call(&'c self, request: oauth2::HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}
