//! Splitting a load among the loading workers.

/// Splits files of `sizes` bytes among `workers`: the largest first, each to the worker with
/// the fewest bytes so far; each share in file order. No share is empty.
pub fn shares(sizes: &[f64], workers: usize) -> Vec<Vec<usize>> {
    let workers = workers.clamp(1, sizes.len().max(1));
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by(|&a, &b| sizes[b].total_cmp(&sizes[a]).then(a.cmp(&b)));
    let mut out: Vec<(f64, Vec<usize>)> = vec![(0.0, Vec::new()); workers];
    for i in order {
        let least = (0..workers)
            .min_by(|&a, &b| {
                out[a]
                    .0
                    .total_cmp(&out[b].0)
                    .then(out[a].1.len().cmp(&out[b].1.len()))
            })
            .unwrap_or(0);
        out[least].0 += sizes[i];
        out[least].1.push(i);
    }
    out.into_iter()
        .map(|(_, mut share)| {
            share.sort_unstable();
            share
        })
        .filter(|share| !share.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::shares;

    #[test]
    fn the_largest_files_go_first_each_to_the_least_loaded_worker() {
        // Four 500 MB files on two workers: two each.
        assert_eq!(shares(&[500.0; 4], 2), [vec![0, 2], vec![1, 3]]);
        // One large file and three small ones: the large one alone.
        assert_eq!(
            shares(&[10.0, 900.0, 20.0, 30.0], 2),
            [vec![1], vec![0, 2, 3]]
        );
        // More workers than files: one file each, no empty share.
        assert_eq!(shares(&[1.0, 2.0], 4), [vec![1], vec![0]]);
        assert_eq!(shares(&[], 3), Vec::<Vec<usize>>::new());
        assert_eq!(shares(&[5.0, 5.0, 5.0], 0), [vec![0, 1, 2]]);
    }
}
