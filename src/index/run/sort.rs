//! Sorting in parts, each on a thread, and merging the sorted parts: how
//! a large index is built.

/// From this many items to sort, an index is built on several threads.
const PARALLEL_BUILD: usize = 1 << 16;

/// The most threads an index is built on.
const MAX_BUILD_THREADS: usize = 4;

/// How many parts, each on a thread, an index over `items` items is built
/// in.
pub(crate) fn build_parts(items: usize) -> usize {
    if items < PARALLEL_BUILD {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_BUILD_THREADS))
    }
}

/// The position of each of `n` items among them in the order of their keys,
/// by item number; `key(i)` is the key of item `i`. The keys are sorted in
/// `parts` parts, each on a thread, and merged.
pub(crate) fn ranks_by_key<'k>(
    n: usize,
    parts: usize,
    key: impl Fn(u32) -> &'k str + Sync,
) -> Vec<u32> {
    let parts = parts.max(1);
    // Eight leading bytes order most keys; only keys that share them are
    // read again to compare.
    let order = |a: &(u64, u32), b: &(u64, u32)| a.0.cmp(&b.0).then_with(|| key(a.1).cmp(key(b.1)));
    let sorted = crate::threads::in_parts(parts, "pactum-index", |p| {
        let mut part: Vec<(u64, u32)> = (n * p / parts..n * (p + 1) / parts)
            .filter_map(|h| u32::try_from(h).ok())
            .map(|h| (key_prefix(key(h)), h))
            .collect();
        part.sort_unstable_by(order);
        part
    });
    let mut ranks = vec![0; n];
    let mut rank = 0u32;
    merge(
        sorted,
        |a, b| order(a, b).is_lt(),
        |(_, h)| {
            if let Some(r) = usize::try_from(h).ok().and_then(|h| ranks.get_mut(h)) {
                *r = rank;
            }
            rank += 1;
        },
    );
    ranks
}

/// Hands the items of sorted lists to `each` in order, merged.
pub(super) fn merge<T>(lists: Vec<Vec<T>>, less: impl Fn(&T, &T) -> bool, mut each: impl FnMut(T)) {
    let mut rests: Vec<std::vec::IntoIter<T>> = lists.into_iter().map(Vec::into_iter).collect();
    match rests.as_mut_slice() {
        [] => return,
        [only] => return only.for_each(each),
        [a, b] => {
            // Two lists (two cores): one comparison an item.
            let (mut a, mut b) = (a.peekable(), b.peekable());
            loop {
                let from_b = match (a.peek(), b.peek()) {
                    (Some(x), Some(y)) => less(y, x),
                    (Some(_), None) => return a.for_each(each),
                    (None, _) => return b.for_each(each),
                };
                if let Some(item) = if from_b { b.next() } else { a.next() } {
                    each(item);
                }
            }
        }
        _ => {}
    }
    let mut heads: Vec<Option<T>> = rests.iter_mut().map(Iterator::next).collect();
    loop {
        let mut first: Option<usize> = None;
        for (i, head) in heads.iter().enumerate() {
            let Some(item) = head else {
                continue;
            };
            let best = first.and_then(|f| heads.get(f)?.as_ref());
            if best.map_or(true, |best| less(item, best)) {
                first = Some(i);
            }
        }
        let Some(i) = first else {
            return;
        };
        let next = rests.get_mut(i).and_then(Iterator::next);
        if let Some(item) = heads.get_mut(i).and_then(|h| std::mem::replace(h, next)) {
            each(item);
        }
    }
}

/// The first eight bytes of a key, as a number that orders like the key
/// where they differ.
fn key_prefix(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, k) in bytes.iter_mut().zip(key.bytes()) {
        *b = k;
    }
    u64::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sorted lists merge into their sorted union, whatever their number.
    #[test]
    fn sorted_lists_merge_in_order() {
        for count in 0..5 {
            let lists: Vec<Vec<u32>> = (0..count)
                .map(|l| (0..40u32).filter(|x| (x * 7 + l) % (l + 2) == 0).collect())
                .collect();
            let mut want: Vec<u32> = lists.iter().flatten().copied().collect();
            want.sort_unstable();
            let mut got = Vec::new();
            merge(lists, |a, b| a < b, |x| got.push(x));
            assert_eq!(got, want, "{count} lists");
        }
    }

    /// Keys rank as a sort does, in any number of parts, when they share
    /// their first eight bytes or are shorter than that.
    #[test]
    fn keys_rank_as_a_sort_does() {
        let keys: Vec<String> = (0..200)
            .map(|i| match i % 3 {
                0 => format!("same-prefix-{:03}", (i * 37) % 200),
                1 => format!("k{}", (i * 53) % 200),
                _ => String::new(),
            })
            .collect();
        let key = |i: u32| keys[usize::try_from(i).unwrap()].as_str();
        let mut sorted: Vec<u32> = (0..200).collect();
        sorted.sort_by(|&a, &b| key(a).cmp(key(b)).then(a.cmp(&b)));
        for parts in 0..=5 {
            let ranks = ranks_by_key(keys.len(), parts, key);
            let mut by_rank: Vec<u32> = (0..200).collect();
            by_rank.sort_by_key(|&i| ranks[usize::try_from(i).unwrap()]);
            let in_rank_order: Vec<&str> = by_rank.iter().map(|&i| key(i)).collect();
            let want: Vec<&str> = sorted.iter().map(|&i| key(i)).collect();
            assert_eq!(in_rank_order, want, "{parts} parts");
        }
    }

    /// An index of fewer than `PARALLEL_BUILD` items is built on the
    /// calling thread: a small registry (every edit's, every test's) pays
    /// for no thread; a large one is built in a part for each of the
    /// machine's threads, at most `MAX_BUILD_THREADS`.
    #[test]
    fn only_large_indexes_are_built_on_several_threads() {
        for items in [0, 1, 1000, 65_535] {
            assert_eq!(build_parts(items), 1, "{items} items");
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        for items in [65_536, 10_000_000] {
            assert_eq!(
                build_parts(items),
                threads.min(MAX_BUILD_THREADS),
                "{items} items"
            );
        }
    }
}
