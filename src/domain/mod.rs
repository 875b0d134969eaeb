pub mod money;
pub mod vocabulary;
