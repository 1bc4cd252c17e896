//! Work cut in parts, run on scoped threads.

/// Runs `part(0)`, …, `part(parts - 1)` (at least `part(0)`), the first on
/// the calling thread and each other on a thread of its own named `name`,
/// and returns their results in order. A thread the system refuses leaves
/// its part to the calling thread; a part that panics panics the caller.
pub(crate) fn in_parts<T: Send>(
    parts: usize,
    name: &str,
    part: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    if parts <= 1 {
        return vec![part(0)];
    }
    let part = &part;
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..parts)
            .map(|p| {
                let spawned = std::thread::Builder::new()
                    .name(name.to_owned())
                    .spawn_scoped(scope, move || part(p));
                (p, spawned)
            })
            .collect();
        let mut out = vec![part(0)];
        for (p, other) in others {
            out.push(match other {
                Ok(other) => other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                Err(_) => part(p),
            });
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_in_order_whatever_their_number() {
        for parts in 0..6 {
            let got = in_parts(parts, "pactum-test", |p| p * 10);
            let want: Vec<usize> = (0..parts.max(1)).map(|p| p * 10).collect();
            assert_eq!(got, want);
        }
    }
}
