//! Fault injection for development and tests, in the style of the
//! OpenTelemetry demo's feature flags: `SHOP_FAULTS` makes a peer or the
//! payment provider slow or failing, so that timeouts, breakers, retries
//! and compensation can be watched on a running stack. Production refuses
//! the variable.
//!
//! `SHOP_FAULTS` is a comma-separated list:
//!
//! - `peer.<service>=fail`: every call to that peer fails with `UNAVAILABLE`
//!   (and counts against its circuit breaker);
//! - `peer.<service>=slow:<ms>`: every answer from that peer comes that much
//!   later;
//! - `payment=down`: the payment provider is unreachable;
//! - `payment=slow:<ms>`: the payment provider answers that much later.
//!
//! Redis down and the broker down need no flag: `REDIS_URL=off` and
//! `AMQP_URL=off`, or a proxy that cuts them as the tests do.

use std::time::Duration;

use crate::config::{env_opt, is_production};

/// The variables [`Faults::from_env`] reads.
pub const ENV_VARS: &[&str] = &["SHOP_FAULTS"];

/// What an injected fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The call fails as if the other side were down.
    Fail,
    /// The answer comes this much later.
    Slow(Duration),
}

/// The faults a process injects; empty (the default) injects nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    peers: Vec<(String, Fault)>,
    payment: Option<Fault>,
}

impl Faults {
    /// `SHOP_FAULTS` from the environment; refused in production.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::parse_for(is_production(), env_opt("SHOP_FAULTS").as_deref())
    }

    /// Parses `spec` (see the module documentation); any fault at all is
    /// refused when `production`.
    pub fn parse_for(production: bool, spec: Option<&str>) -> anyhow::Result<Self> {
        let Some(spec) = spec.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(Self::default());
        };
        anyhow::ensure!(
            !production,
            "SHOP_FAULTS injects failures for development and tests; it is refused in production"
        );
        let mut faults = Self::default();
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (target, what) = entry.split_once('=').ok_or_else(|| {
                anyhow::anyhow!("SHOP_FAULTS entry {entry:?} is not target=fault")
            })?;
            let fault = match what.split_once(':') {
                None if what == "fail" || what == "down" => Fault::Fail,
                Some(("slow", ms)) => {
                    Fault::Slow(Duration::from_millis(ms.parse().map_err(|_| {
                        anyhow::anyhow!("SHOP_FAULTS entry {entry:?}: slow takes milliseconds")
                    })?))
                }
                _ => anyhow::bail!(
                    "SHOP_FAULTS entry {entry:?}: the fault is fail, down or slow:<ms>"
                ),
            };
            match target.split_once('.') {
                Some(("peer", name)) if crate::tls::SERVICES.contains(&name) => {
                    faults.peers.push((name.to_string(), fault));
                }
                None if target == "payment" => faults.payment = Some(fault),
                _ => anyhow::bail!(
                    "SHOP_FAULTS entry {entry:?}: the target is peer.<user|product|order|notification> or payment"
                ),
            }
        }
        Ok(faults)
    }

    /// The fault injected into calls to `peer`, if any.
    pub fn peer(&self, peer: &str) -> Option<Fault> {
        self.peers
            .iter()
            .find(|(name, _)| name == peer)
            .map(|(_, fault)| *fault)
    }

    /// The fault injected into the payment provider, if any.
    pub fn payment(&self) -> Option<Fault> {
        self.payment
    }

    /// Whether anything is injected.
    pub fn is_empty(&self) -> bool {
        self.peers.is_empty() && self.payment.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_parse_and_production_refuses_them() {
        let faults = Faults::parse_for(
            false,
            Some("peer.product=slow:250, payment=down,peer.user=fail"),
        )
        .unwrap();
        assert_eq!(
            faults.peer("product"),
            Some(Fault::Slow(Duration::from_millis(250)))
        );
        assert_eq!(faults.peer("user"), Some(Fault::Fail));
        assert_eq!(faults.peer("order"), None);
        assert_eq!(faults.payment(), Some(Fault::Fail));
        assert!(Faults::parse_for(false, None).unwrap().is_empty());
        assert!(Faults::parse_for(false, Some("")).unwrap().is_empty());
        for bad in [
            "peer.shop=fail",
            "payment=sometimes",
            "payment",
            "peer.user=slow:soon",
        ] {
            assert!(Faults::parse_for(false, Some(bad)).is_err(), "{bad}");
        }
        let refused = Faults::parse_for(true, Some("payment=down")).unwrap_err();
        assert!(refused.to_string().contains("refused in production"));
        assert!(Faults::parse_for(true, None).unwrap().is_empty());
    }
}
