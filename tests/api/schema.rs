//! The committed `schema.graphql` is the schema the code builds, and it documents everything.

use serde_json::{Value, json};

use crate::helpers::spawn_app;

#[test]
fn the_committed_schema_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .expect("schema.graphql is committed at the repository root");
    let generated = partner_hub::graphql::sdl();
    assert!(
        committed == generated,
        "schema.graphql is out of date: run `cargo run -- schema > schema.graphql` and commit it"
    );
}

const INTROSPECTION: &str = r#"{
  __schema {
    types {
      name kind description
      fields(includeDeprecated: true) { name description args { name description } }
      inputFields { name description }
      enumValues(includeDeprecated: true) { name description }
    }
  }
}"#;

fn documented(value: &Value) -> bool {
    value.as_str().is_some_and(|d| !d.trim().is_empty())
}

#[tokio::test]
async fn every_type_field_argument_and_enum_value_has_a_description() {
    let app = spawn_app().await;
    // Introspection is for authenticated viewers (the endpoint's default).
    let token = app.token("COORDINATOR", None, None);
    let data = app.data_as(&token, INTROSPECTION, json!({})).await;
    let builtin = ["String", "Int", "Float", "Boolean", "ID"];
    let mut missing = Vec::new();
    for ty in data["__schema"]["types"].as_array().unwrap() {
        let name = ty["name"].as_str().unwrap();
        if name.starts_with("__") || builtin.contains(&name) {
            continue;
        }
        if !documented(&ty["description"]) {
            missing.push(name.to_owned());
        }
        for field in ty["fields"].as_array().into_iter().flatten() {
            let field_name = field["name"].as_str().unwrap();
            if !documented(&field["description"]) {
                missing.push(format!("{name}.{field_name}"));
            }
            for arg in field["args"].as_array().into_iter().flatten() {
                if !documented(&arg["description"]) {
                    missing.push(format!(
                        "{name}.{field_name}({})",
                        arg["name"].as_str().unwrap()
                    ));
                }
            }
        }
        for input in ty["inputFields"].as_array().into_iter().flatten() {
            if !documented(&input["description"]) {
                missing.push(format!("{name}.{}", input["name"].as_str().unwrap()));
            }
        }
        for value in ty["enumValues"].as_array().into_iter().flatten() {
            if !documented(&value["description"]) {
                missing.push(format!("{name}.{}", value["name"].as_str().unwrap()));
            }
        }
    }
    assert!(missing.is_empty(), "undocumented: {missing:#?}");
}
