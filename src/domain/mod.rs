pub mod dac;
pub mod money;
pub mod vocabulary;
