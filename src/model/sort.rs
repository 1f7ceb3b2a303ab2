//! One stable sort for the whole crate.
//!
//! Every `sort_by_key` on a new element type compiles its own merge sort,
//! about 3.5 KB of WebAssembly each, which every reader downloads. Sorting by
//! a number through [`sort_by_rank`] shares one instantiation: the ranks are
//! sorted, then the elements moved into that order.

/// Sorts `items` by `rank`, keeping equal ranks in their present order.
pub fn sort_by_rank<T>(items: &mut Vec<T>, rank: impl Fn(&T) -> u128) {
    let mut order: Vec<(u128, usize)> = items.iter().enumerate().map(|(i, x)| (rank(x), i)).collect();
    // Each index appears once, so the unstable sort of the pairs is stable
    // for the items.
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|(_, i)| slots[i].take()));
}

/// A rank that orders numbers as `f64::total_cmp` does.
pub fn float_rank(x: f64) -> u128 {
    let bits = x.to_bits() as i64;
    // Negative numbers count down from the sign bit: flip their other bits.
    let ordered = bits ^ ((((bits >> 63) as u64) >> 1) as i64);
    (ordered as i128 - i64::MIN as i128) as u128
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_rank() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_rank(&mut v, |&(k, _)| k as u128);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn float_rank_orders_as_total_cmp() {
        let xs = [f64::NEG_INFINITY, -2.5, -0.0, 0.0, 1e-300, 1.0, 86400.5, f64::INFINITY];
        for w in xs.windows(2) {
            assert!(float_rank(w[0]) < float_rank(w[1]), "{} < {}", w[0], w[1]);
            assert_eq!(w[0].total_cmp(&w[1]).is_lt(), float_rank(w[0]) < float_rank(w[1]));
        }
    }
}
