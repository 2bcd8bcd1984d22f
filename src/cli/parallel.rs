//! Work over every core: one job per item, run on a scoped thread per core, and the results
//! given back in the order of the items, whatever order the threads finish in. It only runs
//! jobs; printing stays with the caller, so the output is the serial run's, byte for byte.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Items a thread takes at once: enough that taking them costs nothing beside the work,
/// few enough that the threads end together.
const BATCH: usize = 16;

/// How many threads: the cores this process may use (`REPORTC_THREADS` overrides it, `1`
/// being the serial run), never more than there are batches.
fn threads(items: usize) -> usize {
    let cores = std::env::var("REPORTC_THREADS")
        .ok()
        .and_then(|v| v.parse::<NonZeroUsize>().ok())
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    cores.min(items.div_ceil(BATCH)).max(1)
}

/// `f` of each item, in the items' order. With one thread (one core, or few items) it runs
/// in the calling thread.
pub fn map_ordered<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let n = threads(items.len());
    if n == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<R>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..n)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let start = next.fetch_add(BATCH, Ordering::Relaxed);
                        if start >= items.len() {
                            return mine;
                        }
                        let end = (start + BATCH).min(items.len());
                        mine.push((start, items[start..end].iter().map(&f).collect()));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(batches) => batches,
                // a job that panicked: the same panic as in a serial run
                Err(p) => std::panic::resume_unwind(p),
            })
            .collect()
    });
    done.sort_unstable_by_key(|(start, _)| *start);
    done.into_iter().flat_map(|(_, rs)| rs).collect()
}

#[cfg(test)]
mod tests {
    use super::map_ordered;

    #[test]
    fn results_come_in_the_items_order() {
        let items: Vec<u64> = (0..1000).collect();
        // uneven work, so that threads finish out of order
        let out = map_ordered(&items, |&i| {
            let mut x = i;
            for _ in 0..(i % 7) * 1000 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
            }
            (i, x)
        });
        assert_eq!(out.len(), items.len());
        assert!(out.iter().enumerate().all(|(k, (i, _))| *i == k as u64));
    }

    #[test]
    fn no_item_and_one_item() {
        assert!(map_ordered(&[] as &[u8], |&b| b).is_empty());
        assert_eq!(map_ordered(&[7u8], |&b| b + 1), vec![8]);
    }
}
