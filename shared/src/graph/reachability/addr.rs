//! Address and port sets as sorted, disjoint, inclusive intervals. Network rules are
//! CIDRs and port ranges; unions, intersections and differences of them stay small
//! interval lists, so "which sources reach this port" is computed exactly instead of
//! by sampling a few addresses.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;

/// Sorted, disjoint, non-adjacent inclusive intervals of `u128` values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Spans(Vec<(u128, u128)>);

impl Spans {
    pub fn empty() -> Spans {
        Spans(Vec::new())
    }

    pub fn range(lo: u128, hi: u128) -> Spans {
        if lo > hi {
            return Spans::empty();
        }
        Spans(vec![(lo, hi)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn intervals(&self) -> &[(u128, u128)] {
        &self.0
    }

    pub fn contains(&self, value: u128) -> bool {
        self.0.iter().any(|&(lo, hi)| lo <= value && value <= hi)
    }

    pub fn union(&self, other: &Spans) -> Spans {
        let mut all: Vec<(u128, u128)> = self.0.iter().chain(&other.0).copied().collect();
        all.sort_unstable();
        let mut out: Vec<(u128, u128)> = Vec::with_capacity(all.len());
        for (lo, hi) in all {
            match out.last_mut() {
                // Overlapping or adjacent: one interval.
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => out.push((lo, hi)),
            }
        }
        Spans(out)
    }

    pub fn intersect(&self, other: &Spans) -> Spans {
        let (mut i, mut j, mut out) = (0, 0, Vec::new());
        while i < self.0.len() && j < other.0.len() {
            let (a, b) = (self.0[i], other.0[j]);
            let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
            if lo <= hi {
                out.push((lo, hi));
            }
            if a.1 < b.1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        Spans(out)
    }

    /// The values of `[0, max]` not in the set.
    pub fn complement(&self, max: u128) -> Spans {
        let mut out = Vec::new();
        let mut next = Some(0u128);
        for &(lo, hi) in &self.0 {
            if let Some(start) = next {
                if lo > start {
                    out.push((start, lo - 1));
                }
            }
            next = hi.checked_add(1);
        }
        if let Some(start) = next {
            if start <= max {
                out.push((start, max));
            }
        }
        Spans(out)
    }

    pub fn subtract(&self, other: &Spans, max: u128) -> Spans {
        self.intersect(&other.complement(max))
    }
}

/// IPv4 and IPv6 are evaluated separately, as AWS routes and filters them separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    V4,
    V6,
}

impl Family {
    pub const BOTH: [Family; 2] = [Family::V4, Family::V6];

    fn bits(self) -> u32 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }

    pub fn max(self) -> u128 {
        match self {
            Family::V4 => u128::from(u32::MAX),
            Family::V6 => u128::MAX,
        }
    }
}

/// One CIDR block as an interval; host bits are ignored (AWS stores them cleared).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub family: Family,
    pub lo: u128,
    pub hi: u128,
    pub prefix: u32,
}

impl Cidr {
    /// `a.b.c.d/n` or `x:y::/n`; a bare address is a single host. None for anything else.
    pub fn parse(text: &str) -> Option<Cidr> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p.parse::<u32>().ok()?)),
            None => (text, None),
        };
        let (family, value) = if let Ok(v4) = address.parse::<Ipv4Addr>() {
            (Family::V4, u128::from(u32::from(v4)))
        } else {
            (Family::V6, u128::from(address.parse::<Ipv6Addr>().ok()?))
        };
        let bits = family.bits();
        let prefix = prefix.unwrap_or(bits);
        if prefix > bits {
            return None;
        }
        let host = bits - prefix;
        let host_mask = if host == 128 {
            u128::MAX
        } else {
            (1u128 << host) - 1
        };
        let lo = value & !host_mask;
        Some(Cidr {
            family,
            lo,
            hi: lo | host_mask,
            prefix,
        })
    }

    pub fn spans(&self) -> Spans {
        Spans::range(self.lo, self.hi)
    }
}

/// Addresses of one family.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AddrSet {
    pub family: Family,
    pub spans: Spans,
}

impl AddrSet {
    pub fn empty(family: Family) -> AddrSet {
        AddrSet {
            family,
            spans: Spans::empty(),
        }
    }

    pub fn all(family: Family) -> AddrSet {
        AddrSet {
            family,
            spans: Spans::range(0, family.max()),
        }
    }

    pub fn of(cidr: &Cidr) -> AddrSet {
        AddrSet {
            family: cidr.family,
            spans: cidr.spans(),
        }
    }

    /// Addresses the internet can originate from: IPv4 without the private, shared,
    /// loopback, link-local, multicast and reserved blocks (RFC 6890); IPv6 global
    /// unicast (2000::/3). Built once.
    pub fn public(family: Family) -> AddrSet {
        static PUBLIC: OnceLock<[AddrSet; 2]> = OnceLock::new();
        let [v4, v6] = PUBLIC.get_or_init(|| {
            let special = [
                "0.0.0.0/8",
                "10.0.0.0/8",
                "100.64.0.0/10",
                "127.0.0.0/8",
                "169.254.0.0/16",
                "172.16.0.0/12",
                "192.168.0.0/16",
                "224.0.0.0/3",
            ];
            let blocked = special
                .iter()
                .filter_map(|c| Cidr::parse(c))
                .fold(Spans::empty(), |acc, c| acc.union(&c.spans()));
            let v4 = AddrSet {
                family: Family::V4,
                spans: blocked.complement(Family::V4.max()),
            };
            let v6 = AddrSet::of(&Cidr::parse("2000::/3").expect("a valid block"));
            [v4, v6]
        });
        match family {
            Family::V4 => v4.clone(),
            Family::V6 => v6.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn union(&self, other: &AddrSet) -> AddrSet {
        debug_assert_eq!(self.family, other.family);
        AddrSet {
            family: self.family,
            spans: self.spans.union(&other.spans),
        }
    }

    pub fn intersect(&self, other: &AddrSet) -> AddrSet {
        debug_assert_eq!(self.family, other.family);
        AddrSet {
            family: self.family,
            spans: self.spans.intersect(&other.spans),
        }
    }

    pub fn subtract(&self, other: &AddrSet) -> AddrSet {
        AddrSet {
            family: self.family,
            spans: self.spans.subtract(&other.spans, self.family.max()),
        }
    }

    pub fn overlaps(&self, other: &AddrSet) -> bool {
        self.family == other.family && !self.intersect(other).is_empty()
    }

    /// The fewest CIDR blocks covering exactly this set, in address order.
    pub fn to_cidrs(&self) -> Vec<String> {
        self.blocks()
            .into_iter()
            .map(|(start, prefix)| self.format(start, prefix))
            .collect()
    }

    /// The same blocks as (first address, prefix length).
    fn blocks(&self) -> Vec<(u128, u32)> {
        let bits = self.family.bits();
        let mut out = Vec::new();
        for &(lo, hi) in self.spans.intervals() {
            let mut start = lo;
            loop {
                // The largest aligned block starting at `start` that stays within `hi`.
                let mut size_bits = start.trailing_zeros().min(bits);
                while size_bits > 0 && block_end(start, size_bits) > hi {
                    size_bits -= 1;
                }
                out.push((start, bits - size_bits));
                let end = block_end(start, size_bits);
                if end >= hi {
                    break;
                }
                start = end + 1;
            }
        }
        out
    }

    /// The CIDRs to show for a set of public addresses: the fewest blocks that cover
    /// it while touching no other public address. Private and reserved space counts as
    /// "don't care", so "everything but the VPC's own block" prints as `0.0.0.0/0`.
    pub fn public_cover(&self) -> Vec<String> {
        if self.is_empty() {
            return Vec::new();
        }
        let forbidden = AddrSet::public(self.family).subtract(self);
        let allowed = AddrSet {
            family: self.family,
            spans: forbidden.spans.complement(self.family.max()),
        };
        let bits = self.family.bits();
        allowed
            .blocks()
            .into_iter()
            .filter(|&(start, prefix)| {
                let block = Spans::range(start, block_end(start, bits - prefix));
                !block.intersect(&self.spans).is_empty()
            })
            .map(|(start, prefix)| self.format(start, prefix))
            .collect()
    }

    fn format(&self, start: u128, prefix: u32) -> String {
        let mut text = match self.family {
            // The value fits: an IPv4 set never holds more than 32 bits.
            Family::V4 => Ipv4Addr::from(start as u32).to_string(),
            Family::V6 => Ipv6Addr::from(start).to_string(),
        };
        let _ = write!(text, "/{prefix}");
        text
    }
}

fn block_end(start: u128, size_bits: u32) -> u128 {
    if size_bits >= 128 {
        u128::MAX
    } else {
        start.saturating_add((1u128 << size_bits) - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(cidrs: &[&str]) -> AddrSet {
        let first = Cidr::parse(cidrs[0]).unwrap();
        cidrs.iter().fold(AddrSet::empty(first.family), |acc, c| {
            acc.union(&AddrSet::of(&Cidr::parse(c).unwrap()))
        })
    }

    #[test]
    fn cidrs_parse_and_print_back() {
        assert_eq!(set(&["0.0.0.0/0"]).to_cidrs(), ["0.0.0.0/0"]);
        assert_eq!(set(&["::/0"]).to_cidrs(), ["::/0"]);
        assert_eq!(set(&["10.0.0.7"]).to_cidrs(), ["10.0.0.7/32"]);
        assert_eq!(
            set(&["10.0.1.0/24", "10.0.0.0/24"]).to_cidrs(),
            ["10.0.0.0/23"]
        );
        assert!(Cidr::parse("10.0.0.0/33").is_none());
        assert!(Cidr::parse("not-a-cidr").is_none());
    }

    #[test]
    fn a_hole_splits_a_block_into_the_fewest_cidrs() {
        let hole = set(&["0.0.0.0/0"]).subtract(&set(&["128.0.0.0/32"]));
        let cidrs = hole.to_cidrs();
        assert_eq!(cidrs.first().unwrap(), "0.0.0.0/1");
        assert_eq!(cidrs.last().unwrap(), "192.0.0.0/2");
        assert_eq!(cidrs.len(), 32);
    }

    #[test]
    fn public_sources_print_without_private_holes() {
        let everything = AddrSet::public(Family::V4).subtract(&set(&["10.0.0.0/16"]));
        assert_eq!(everything.public_cover(), ["0.0.0.0/0"]);
        let one = AddrSet::public(Family::V4).intersect(&set(&["203.0.113.0/24"]));
        assert_eq!(one.public_cover(), ["203.0.113.0/24"]);
        assert!(AddrSet::public(Family::V4)
            .intersect(&set(&["10.0.0.0/8"]))
            .public_cover()
            .is_empty());
    }

    #[test]
    fn public_space_excludes_private_ranges() {
        let public = AddrSet::public(Family::V4);
        assert!(!public.overlaps(&set(&["10.1.2.3/32"])));
        assert!(!public.overlaps(&set(&["192.168.0.0/16"])));
        assert!(public.overlaps(&set(&["203.0.113.0/24"])));
        let v6 = AddrSet::public(Family::V6);
        assert!(v6.overlaps(&set(&["2600:1f18::/32"])));
        assert!(!v6.overlaps(&set(&["fd00::/8"])));
    }
}
