//! The channel adapters behind [`Mailer`] and [`SmsSender`]: SMTP through
//! lettre, `.eml` files for development, and the development SMS sink.

use std::path::PathBuf;

use futures::future::BoxFuture;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::MailTransport;
use crate::domain::SendFailure;
use crate::ports::{Mailer, OutgoingEmail, SmsSender};

/// Email through SMTP or into files, as configured.
pub enum EmailChannel {
    /// A pooled SMTP connection (STARTTLS and credentials from the URL).
    Smtp {
        /// The transport.
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// The `From:`.
        from: Mailbox,
    },
    /// `.eml` files in a folder.
    Files {
        /// The transport.
        transport: AsyncFileTransport<Tokio1Executor>,
        /// The folder, for the log line.
        dir: PathBuf,
        /// The `From:`.
        from: Mailbox,
    },
}

impl EmailChannel {
    /// The channel `transport` describes, sending as `from`.
    pub fn new(transport: &MailTransport, from: &str) -> anyhow::Result<Self> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("MAIL_FROM={from:?} is not a mailbox: {e}"))?;
        Ok(match transport {
            MailTransport::Smtp(url) => Self::Smtp {
                transport: AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("SMTP_URL is not valid: {e}"))?
                    .build(),
                from,
            },
            MailTransport::Files(dir) => {
                std::fs::create_dir_all(dir)?;
                Self::Files {
                    transport: AsyncFileTransport::<Tokio1Executor>::new(dir),
                    dir: dir.clone(),
                    from,
                }
            }
        })
    }

    fn from(&self) -> &Mailbox {
        match self {
            Self::Smtp { from, .. } | Self::Files { from, .. } => from,
        }
    }
}

/// The message as MIME: plain text, with an HTML alternative when there is one.
fn message(from: &Mailbox, email: &OutgoingEmail) -> Result<Message, SendFailure> {
    let to: Mailbox = email
        .to
        .parse()
        .map_err(|e| SendFailure::Permanent(format!("not an email address: {e}")))?;
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone());
    let built = match &email.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            email.text.clone(),
            html.clone(),
        )),
        None => builder.body(email.text.clone()),
    };
    built.map_err(|e| SendFailure::Permanent(format!("could not build the message: {e}")))
}

impl Mailer for EmailChannel {
    fn send<'a>(&'a self, email: &'a OutgoingEmail) -> BoxFuture<'a, Result<String, SendFailure>> {
        Box::pin(async move {
            let message = message(self.from(), email)?;
            match self {
                Self::Smtp { transport, .. } => match transport.send(message).await {
                    Ok(response) => Ok(response.message().collect::<Vec<_>>().join(" ")),
                    Err(e) if e.is_permanent() => Err(SendFailure::Permanent(e.to_string())),
                    Err(e) => Err(SendFailure::Transient(e.to_string())),
                },
                Self::Files { transport, dir, .. } => {
                    let id = transport
                        .send(message)
                        .await
                        .map_err(|e| SendFailure::Transient(e.to_string()))?;
                    tracing::info!(file = %dir.join(format!("{id}.eml")).display(), "development: email written to a file");
                    Ok(id)
                }
            }
        })
    }
}

/// Development SMS: each message is written to `<dir>/<id>.txt` and logged.
pub struct SmsFileSink {
    dir: PathBuf,
}

impl SmsFileSink {
    /// A sink writing into `dir` (created when needed).
    pub fn new(dir: PathBuf) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Self { dir })
    }
}

impl SmsSender for SmsFileSink {
    fn send<'a>(
        &'a self,
        to: &'a str,
        body: &'a str,
    ) -> BoxFuture<'a, Result<String, SendFailure>> {
        Box::pin(async move {
            let id = uuid::Uuid::now_v7().to_string();
            let path = self.dir.join(format!("{id}.txt"));
            tokio::fs::write(&path, format!("To: {to}\n\n{body}\n"))
                .await
                .map_err(|e| SendFailure::Transient(e.to_string()))?;
            tracing::info!(file = %path.display(), "development: text message written to a file");
            Ok(id)
        })
    }
}
