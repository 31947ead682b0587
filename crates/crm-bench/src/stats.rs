//! Latency percentiles.

use std::time::Duration;

/// p50, p95, p99 in milliseconds (nearest rank).
#[derive(Clone, Copy, Debug, Default)]
pub struct Percentiles {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

fn rank(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let index = ((p / 100.0 * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index].as_secs_f64() * 1000.0
}

#[must_use]
pub fn percentiles(samples: &[Duration]) -> Percentiles {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    Percentiles { p50: rank(&sorted, 50.0), p95: rank(&sorted, 95.0), p99: rank(&sorted, 99.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let samples: Vec<Duration> = (1..=100).rev().map(Duration::from_millis).collect();
        let p = percentiles(&samples);
        assert!((p.p50 - 50.0).abs() < 1e-9 && (p.p95 - 95.0).abs() < 1e-9 && (p.p99 - 99.0).abs() < 1e-9);
    }
}
