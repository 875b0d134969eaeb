//! Networks to try the hub on and to measure it with: the demo network (small, realistic,
//! fictional) and synthetic networks of any size (deterministic, skewed like real ones).
//! Both stand on the reference data and write through the same storage as the API.

pub mod bulk;
pub mod demo;
pub mod rng;
pub mod synthetic;
