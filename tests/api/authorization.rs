//! Authorization: who sees and changes what (DESIGN.md §5), checked through every entry point.

mod matrix;
mod personal_data;
mod properties;
