//! Mail addresses (rules.md 1): `local-part@domain`, split once at the
//! last `@`. The domain picks the destination and is compared without regard
//! to case; the local part is carried exactly as written, because only the
//! final server may interpret it (RFC 5321 2.3.11, 2.4).

use std::fmt;

/// RFC 5321 4.5.3.1.1: at most 64 octets in a local part.
pub const MAX_LOCAL_PART: usize = 64;
/// RFC 5321 4.5.3.1.2: at most 255 octets in a domain.
pub const MAX_DOMAIN: usize = 255;
/// RFC 5321 4.5.3.1.3: at most 256 octets in a path, `<` and `>` included.
pub const MAX_PATH: usize = 256;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Address {
    /// Exactly as written: `Bob` and `bob` are different until the final
    /// server decides otherwise.
    pub local: String,
    /// Lower-cased, without a trailing dot.
    pub domain: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    MissingAt,
    EmptyLocalPart,
    EmptyDomain,
    LocalPartTooLong(usize),
    DomainTooLong(usize),
    PathTooLong(usize),
    BadDomain(DomainError),
    BadCharacter(char),
}


impl Address {
    /// Parses `local@domain`. Nothing is truncated: too long is an error.
    pub fn parse(text: &str) -> Result<Address, AddressError> {
        if let Some(c) = text.chars().find(|c| c.is_control() || *c == ' ' || *c == '<' || *c == '>') {
            return Err(AddressError::BadCharacter(c));
        }
        let (local, domain) = text.rsplit_once('@').ok_or(AddressError::MissingAt)?;
        if local.is_empty() {
            return Err(AddressError::EmptyLocalPart);
        }
        if domain.is_empty() {
            return Err(AddressError::EmptyDomain);
        }
        if local.len() > MAX_LOCAL_PART {
            return Err(AddressError::LocalPartTooLong(local.len()));
        }
        if domain.len() > MAX_DOMAIN {
            return Err(AddressError::DomainTooLong(domain.len()));
        }
        if text.len() + 2 > MAX_PATH {
            return Err(AddressError::PathTooLong(text.len() + 2));
        }
        let domain = normalize_domain(domain).map_err(AddressError::BadDomain)?;
        Ok(Address { local: local.to_string(), domain })
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainError {
    Empty,
    TooLong(usize),
    EmptyLabel,
    LabelTooLong(String),
    BadLabel(String),
    IsAnAddress(String),
}


/// Lower-cases a host or domain name, drops one trailing dot and checks the
/// RFC 1035 label rules (letters, digits, inner hyphens; 1 to 63 octets).
/// Underscores are allowed too, as real zones use them.
pub fn normalize_domain(name: &str) -> Result<String, DomainError> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() {
        return Err(DomainError::Empty);
    }
    if name.parse::<std::net::IpAddr>().is_ok()
        || (name.starts_with('[') && name.ends_with(']'))
    {
        return Err(DomainError::IsAnAddress(name.to_string()));
    }
    if name.len() > MAX_DOMAIN {
        return Err(DomainError::TooLong(name.len()));
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Err(DomainError::EmptyLabel);
        }
        if label.len() > 63 {
            return Err(DomainError::LabelTooLong(label.to_string()));
        }
        let ok_chars = label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !ok_chars || label.starts_with('-') || label.ends_with('-') {
            return Err(DomainError::BadLabel(label.to_string()));
        }
    }
    Ok(name.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_1_1_address_splits_into_mailbox_and_domain() {
        let a = Address::parse("bob@example.com").unwrap();
        assert_eq!(a.local, "bob");
        assert_eq!(a.domain, "example.com");
        // The last @ splits: a quoted local part may hold one.
        let a = Address::parse("\"a@b\"@example.com").unwrap();
        assert_eq!(a.local, "\"a@b\"");
    }

    #[test]
    fn rule_1_2_domain_case_insensitive_local_part_kept() {
        let a = Address::parse("Bob.Smith@Example.COM.").unwrap();
        assert_eq!(a.local, "Bob.Smith");
        assert_eq!(a.domain, "example.com");
    }

    #[test]
    fn rule_1_3_limits_are_rejected_not_truncated() {
        let long_local = "a".repeat(65);
        assert_eq!(
            Address::parse(&format!("{long_local}@example.com")),
            Err(AddressError::LocalPartTooLong(65))
        );
        assert!(Address::parse(&format!("{}@example.com", "a".repeat(64))).is_ok());
        let long_domain = vec!["a".repeat(60); 5].join(".");
        assert!(matches!(
            Address::parse(&format!("bob@{long_domain}")),
            Err(AddressError::DomainTooLong(_))
        ));
        let domain_250 = format!("{}.{}.{}.{}", "a".repeat(62), "b".repeat(62), "c".repeat(62), "d".repeat(61));
        assert_eq!(domain_250.len(), 250);
        assert_eq!(
            Address::parse(&format!("{}@{domain_250}", "x".repeat(10))),
            Err(AddressError::PathTooLong(263))
        );
    }

    #[test]
    fn bad_addresses_get_a_reason() {
        assert_eq!(Address::parse("bob"), Err(AddressError::MissingAt));
        assert_eq!(Address::parse("@example.com"), Err(AddressError::EmptyLocalPart));
        assert_eq!(Address::parse("bob@"), Err(AddressError::EmptyDomain));
        assert!(matches!(Address::parse("bob@exa mple.com"), Err(AddressError::BadCharacter(' '))));
        assert!(matches!(Address::parse("bob@-x.com"), Err(AddressError::BadDomain(DomainError::BadLabel(_)))));
        assert!(Address::parse("bob@example.com").unwrap().to_string() == "bob@example.com");
    }

    #[test]
    fn host_names_follow_rfc1035_and_are_not_addresses() {
        assert_eq!(normalize_domain("MX1.Example.com."), Ok("mx1.example.com".into()));
        assert!(matches!(normalize_domain("192.0.2.1"), Err(DomainError::IsAnAddress(_))));
        assert!(matches!(normalize_domain("2001:db8::1"), Err(DomainError::IsAnAddress(_))));
        assert_eq!(normalize_domain(""), Err(DomainError::Empty));
        assert_eq!(normalize_domain("a..b"), Err(DomainError::EmptyLabel));
        assert!(matches!(normalize_domain(&"x".repeat(64)), Err(DomainError::LabelTooLong(_))));
    }
}
