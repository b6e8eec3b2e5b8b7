//! Mock runtime.
