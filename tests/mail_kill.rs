//! SIGKILL at 50 random moments during a burst of 500 requests, with
//! keyword claims (`tests/common/kill_burst.rs` says what it proves).

#[path = "common/kill_burst.rs"]
mod kill_burst;
#[path = "common/mailstack.rs"]
mod mailstack;

use kill_burst::{MAX_IN_FLIGHT, burst_with_kills};
use mailstack::Stack;

#[test]
fn sigkill_at_50_random_moments_of_a_500_burst_loses_nothing() {
    let stack = Stack::start();
    let in_flight = format!("max_in_flight = {MAX_IN_FLIGHT}");
    let config = stack.config(&[
        // All 500 replies go to one domain.
        ("limits", "per_domain_per_hour = 0"),
        ("daemon", &in_flight),
    ]);
    burst_with_kills(&stack, &config, 500, 50);
}
