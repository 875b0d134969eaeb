//! Static limits on a GraphQL document, checked before anything is executed (so before any
//! SQL statement): depth (introspection not counted), cost (lists and connections multiply
//! what is below them by `first`/`last`, also through interfaces and fragments), aliases and
//! root fields.
//!
//! async-graphql has depth and complexity limits of its own, but its depth counts
//! introspection (GraphiQL's introspection query is 13–15 deep) and its complexity
//! annotations are not applied to fields reached through an interface (`Actor.projects`), so
//! we measure documents ourselves, against the shape of the served schema.
//!
//! How one operation is measured — fragments are expanded where they are spread, so a
//! fragment spread twice counts twice:
//!
//! - **depth**: the longest chain of nested fields. `__typename` does not count, nor do
//!   `__schema` / `__type` and everything below them.
//! - **cost**: every field costs 1 each time it may be resolved, that is, times the items of
//!   the lists above it. The items of a connection's `edges`/`nodes` are its `first`/`last`
//!   (literal or variable; else [`DEFAULT_PAGE_SIZE`]; at most [`MAX_PAGE_SIZE`]); a list
//!   sized by a list argument (`nodes(ids:)`) has that many items (at most
//!   [`MAX_PAGE_SIZE`]); any other list counts [`LIST_ESTIMATE`] items. `__typename` is free;
//!   introspection fields cost 1 each, not multiplied (the schema is small, and the nesting of
//!   introspection's type lists is bounded instead, see [`MAX_INTROSPECTION_NESTING`]).
//!   `@skip`/`@include` are ignored: the estimate is of everything that may run.
//! - **aliases**: the aliased fields, as walked.
//! - **root fields**: the fields of the operation's root selection.
//!
//! The walk keeps its own stack (a chain of thousands of fragments cannot exhaust the
//! thread's), stops at a fragment already being expanded on the current path (a cycle, which
//! validation rejects afterwards), and gives up after [`MAX_SELECTIONS`] selections, so a
//! document whose fragments fan out exponentially is refused after a bounded amount of work.

use std::collections::{HashMap, HashSet};

use async_graphql::parser::types::{
    BaseType, DocumentOperations, ExecutableDocument, Field, OperationDefinition, OperationType,
    Selection, Type, TypeKind, TypeSystemDefinition,
};
use async_graphql::parser::{Positioned, parse_schema};
use async_graphql::{Value, Variables};

use crate::config::LimitArgs;
use crate::services::pagination::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

/// `extensions.code` of a document nested too deep.
pub const DEPTH_LIMIT_EXCEEDED: &str = "DEPTH_LIMIT_EXCEEDED";
/// `extensions.code` of a document that may resolve too many fields.
pub const COST_LIMIT_EXCEEDED: &str = "COST_LIMIT_EXCEEDED";
/// `extensions.code` of a document with too many aliases.
pub const ALIAS_LIMIT_EXCEEDED: &str = "ALIAS_LIMIT_EXCEEDED";
/// `extensions.code` of an operation with too many root fields.
pub const ROOT_FIELD_LIMIT_EXCEEDED: &str = "ROOT_FIELD_LIMIT_EXCEEDED";

/// Items counted for a list that is neither a connection page nor sized by an argument. The
/// schema's unbounded lists are short: an actor's circumscriptions (6 exist), a project's
/// locations, sectors and amounts per currency, a partnership's agreements, a
/// circumscription's coverage and institutes, an exchange's providers and beneficiaries.
pub const LIST_ESTIMATE: u64 = 10;

/// Most selections (fields, spreads, inline fragments, counted as fragments are expanded)
/// one check walks; a document expanding to more is refused as too costly. Real documents
/// expand to a few hundred; GraphiQL's introspection query to about 240.
pub const MAX_SELECTIONS: usize = 10_000;

/// Most introspection type lists (`fields`, `inputFields`, `interfaces`, `possibleTypes`)
/// nested in one another. Each multiplies the answer by the size of the schema, and
/// introspection is exempt from the depth limit; GraphiQL and code generators nest one.
pub const MAX_INTROSPECTION_NESTING: usize = 2;

/// The introspection fields that list types' members, see [`MAX_INTROSPECTION_NESTING`].
const INTROSPECTION_TYPE_LISTS: [&str; 4] =
    ["fields", "inputFields", "interfaces", "possibleTypes"];

/// The limits one document must stay within.
#[derive(Debug, Clone)]
pub struct QueryLimits {
    pub max_depth: usize,
    pub max_cost: u64,
    pub max_aliases: usize,
    pub max_root_fields: usize,
}

impl From<&LimitArgs> for QueryLimits {
    fn from(args: &LimitArgs) -> Self {
        Self {
            max_depth: args.max_depth,
            max_cost: args.max_cost,
            max_aliases: args.max_aliases,
            max_root_fields: args.max_root_fields,
        }
    }
}

/// Why a document was refused: `code` is the error's `extensions.code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitViolation {
    pub code: &'static str,
    pub message: String,
}

/// What was measured of an accepted document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measure {
    pub depth: usize,
    pub cost: u64,
    pub aliases: usize,
    pub root_fields: usize,
}

/// Checks documents against the served schema's shape (which fields are lists, which take
/// `first`/`last`), built once at start-up from the schema's SDL.
#[derive(Debug)]
pub struct QueryAnalyzer {
    limits: QueryLimits,
    schema: SchemaShape,
}

impl QueryAnalyzer {
    /// The analyzer of the schema `schema_sdl`. An SDL that does not parse (never the case
    /// of [`crate::graphql::sdl`], see the tests) is logged, and lists are then not
    /// multiplied: use [`QueryAnalyzer::try_new`] to refuse to start instead.
    pub fn new(schema_sdl: &str, limits: QueryLimits) -> Self {
        Self::try_new(schema_sdl, limits.clone()).unwrap_or_else(|error| {
            tracing::error!(
                %error,
                "cannot read the schema's SDL: query costs will not count lists"
            );
            Self {
                limits,
                schema: SchemaShape::default(),
            }
        })
    }

    /// The analyzer of the schema `schema_sdl`, or why the SDL cannot be read.
    pub fn try_new(schema_sdl: &str, limits: QueryLimits) -> Result<Self, String> {
        Ok(Self {
            limits,
            schema: SchemaShape::parse(schema_sdl)?,
        })
    }

    pub fn limits(&self) -> &QueryLimits {
        &self.limits
    }

    /// Measures the operation `operation_name` (or the only one) of `document` with
    /// `variables`, and refuses it when it goes over a limit. An operation that cannot be
    /// chosen (unknown name, several without a name) passes: the executor reports it.
    pub fn check(
        &self,
        document: &ExecutableDocument,
        operation_name: Option<&str>,
        variables: &Variables,
    ) -> Result<Measure, LimitViolation> {
        let Some(operation) = select_operation(document, operation_name) else {
            return Ok(Measure::default());
        };
        let mut walk = Walk::new(&self.schema, document, operation, variables);
        walk.run(operation);
        let verdict = walk.verdict(&self.limits);
        // What real traffic measures, for tuning the limits:
        // `RUST_LOG=partner_hub::graphql::limits=debug`.
        match &verdict {
            Ok(m) => tracing::debug!(
                depth = m.depth,
                cost = m.cost,
                aliases = m.aliases,
                root_fields = m.root_fields,
                "operation measured"
            ),
            Err(violation) => {
                tracing::debug!(
                    code = violation.code,
                    message = %violation.message,
                    "operation refused"
                )
            }
        }
        verdict
    }
}

/// The operation async-graphql will execute: the one named, or the only one.
fn select_operation<'d>(
    document: &'d ExecutableDocument,
    name: Option<&str>,
) -> Option<&'d OperationDefinition> {
    match (&document.operations, name) {
        (DocumentOperations::Single(operation), None) => Some(&operation.node),
        (DocumentOperations::Multiple(operations), Some(name)) => {
            operations.get(name).map(|operation| &operation.node)
        }
        (DocumentOperations::Multiple(operations), None) if operations.len() == 1 => {
            operations.values().next().map(|operation| &operation.node)
        }
        _ => None,
    }
}

/// What the analyzer knows of one field of an object or interface type.
#[derive(Debug)]
struct FieldShape {
    /// The named type it returns, without list and non-null wrappers.
    returns: String,
    /// Whether it returns a list (any `[..]` wrapper).
    list: bool,
    /// Whether it is a Relay connection: it takes `first` or `last`.
    paged: bool,
    /// A list argument whose length bounds the list returned (`nodes(ids:)`).
    sized_by: Option<String>,
}

/// The fields of one object or interface type, by name.
type TypeShape = HashMap<String, FieldShape>;

/// The shape of the schema: object and interface types, and the root types.
#[derive(Debug, Default)]
struct SchemaShape {
    types: HashMap<String, TypeShape>,
    query: String,
    mutation: String,
    subscription: String,
}

impl SchemaShape {
    fn parse(sdl: &str) -> Result<Self, String> {
        let document = parse_schema(sdl).map_err(|e| e.to_string())?;
        let mut shape = Self {
            types: HashMap::new(),
            query: "Query".to_owned(),
            mutation: "Mutation".to_owned(),
            subscription: "Subscription".to_owned(),
        };
        for definition in document.definitions {
            match definition {
                TypeSystemDefinition::Schema(schema) => {
                    let schema = schema.node;
                    for (root, name) in [
                        (&mut shape.query, schema.query),
                        (&mut shape.mutation, schema.mutation),
                        (&mut shape.subscription, schema.subscription),
                    ] {
                        if let Some(name) = name {
                            *root = name.node.to_string();
                        }
                    }
                }
                TypeSystemDefinition::Type(ty) => {
                    let fields = match &ty.node.kind {
                        TypeKind::Object(object) => &object.fields,
                        TypeKind::Interface(interface) => &interface.fields,
                        _ => continue,
                    };
                    let type_shape = shape
                        .types
                        .entry(ty.node.name.node.to_string())
                        .or_default();
                    for field in fields {
                        let field = &field.node;
                        let (returns, list) = named_type(&field.ty.node);
                        let arguments = || field.arguments.iter().map(|a| &a.node);
                        let paged =
                            arguments().any(|a| matches!(a.name.node.as_str(), "first" | "last"));
                        let sized_by = arguments()
                            .find(|a| matches!(a.ty.node.base, BaseType::List(_)))
                            .filter(|_| list && !paged)
                            .map(|a| a.name.node.to_string());
                        type_shape.insert(
                            field.name.node.to_string(),
                            FieldShape {
                                returns,
                                list,
                                paged,
                                sized_by,
                            },
                        );
                    }
                }
                TypeSystemDefinition::Directive(_) => {}
            }
        }
        Ok(shape)
    }

    fn root(&self, ty: OperationType) -> Option<&TypeShape> {
        let name = match ty {
            OperationType::Query => &self.query,
            OperationType::Mutation => &self.mutation,
            OperationType::Subscription => &self.subscription,
        };
        self.types.get(name)
    }
}

/// The named type under a type's wrappers, and whether one of them is a list.
fn named_type(mut ty: &Type) -> (String, bool) {
    let mut list = false;
    loop {
        match &ty.base {
            BaseType::Named(name) => return (name.to_string(), list),
            BaseType::List(inner) => {
                list = true;
                ty = inner;
            }
        }
    }
}

/// What holds for every field of one selection set.
#[derive(Debug, Clone, Copy)]
struct Context<'s> {
    /// The type the fields are selected on; `None` when unknown (validation reports it) or
    /// inside introspection.
    on: Option<&'s TypeShape>,
    /// The depth of a field of this set (1 at the root).
    depth: usize,
    /// How many times a field of this set may be resolved.
    times: u64,
    /// When this set is selected on a connection: its page size, the items of its lists.
    page: Option<u64>,
    /// Inside `__schema` / `__type`: how many introspection type lists are above.
    introspection: Option<usize>,
}

/// One selection set being walked.
struct Frame<'d, 's> {
    items: std::slice::Iter<'d, Positioned<Selection>>,
    context: Context<'s>,
    /// The fragment this frame expands, which leaves the path when the frame is done.
    fragment: Option<&'d str>,
}

/// The measurement of one operation.
struct Walk<'d, 's> {
    schema: &'s SchemaShape,
    document: &'d ExecutableDocument,
    variables: &'d Variables,
    /// The operation's variable defaults, for variables the request leaves out.
    defaults: HashMap<&'d str, &'d Value>,
    measure: Measure,
    introspection_nesting: usize,
    /// Selections walked so far; the walk gives up past [`MAX_SELECTIONS`].
    walked: usize,
}

impl<'d, 's> Walk<'d, 's> {
    fn new(
        schema: &'s SchemaShape,
        document: &'d ExecutableDocument,
        operation: &'d OperationDefinition,
        variables: &'d Variables,
    ) -> Self {
        let defaults = operation
            .variable_definitions
            .iter()
            .filter_map(|definition| {
                let definition = &definition.node;
                let default = definition.default_value.as_ref()?;
                Some((definition.name.node.as_str(), &default.node))
            })
            .collect();
        Self {
            schema,
            document,
            variables,
            defaults,
            measure: Measure::default(),
            introspection_nesting: 0,
            walked: 0,
        }
    }

    fn run(&mut self, operation: &'d OperationDefinition) {
        let mut on_path: HashSet<&'d str> = HashSet::new();
        let mut stack = vec![Frame {
            items: operation.selection_set.node.items.iter(),
            context: Context {
                on: self.schema.root(operation.ty),
                depth: 1,
                times: 1,
                page: None,
                introspection: None,
            },
            fragment: None,
        }];
        while let Some(frame) = stack.last_mut() {
            let Some(item) = frame.items.next() else {
                if let Some(name) = frame.fragment {
                    on_path.remove(name);
                }
                stack.pop();
                continue;
            };
            let context = frame.context;
            self.walked += 1;
            if self.walked > MAX_SELECTIONS {
                return;
            }
            match &item.node {
                Selection::Field(field) => {
                    if let Some(inner) = self.field(&field.node, context) {
                        stack.push(Frame {
                            items: field.node.selection_set.node.items.iter(),
                            context: inner,
                            fragment: None,
                        });
                    }
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    let Some(fragment) = self.document.fragments.get(name) else {
                        continue;
                    };
                    // A fragment already being expanded on this path is a cycle: validation
                    // rejects the document afterwards, so stop here.
                    if !on_path.insert(name) {
                        continue;
                    }
                    let on = self.type_condition(
                        Some(fragment.node.type_condition.node.on.node.as_str()),
                        context,
                    );
                    stack.push(Frame {
                        items: fragment.node.selection_set.node.items.iter(),
                        context: Context { on, ..context },
                        fragment: Some(name),
                    });
                }
                Selection::InlineFragment(inline) => {
                    let condition = inline
                        .node
                        .type_condition
                        .as_ref()
                        .map(|c| c.node.on.node.as_str());
                    let on = self.type_condition(condition, context);
                    stack.push(Frame {
                        items: inline.node.selection_set.node.items.iter(),
                        context: Context { on, ..context },
                        fragment: None,
                    });
                }
            }
        }
    }

    /// The type a fragment's fields are selected on: its type condition, else the
    /// enclosing type.
    fn type_condition(
        &self,
        condition: Option<&str>,
        context: Context<'s>,
    ) -> Option<&'s TypeShape> {
        match condition {
            _ if context.introspection.is_some() => None,
            Some(name) => self.schema.types.get(name),
            None => context.on,
        }
    }

    /// Counts one field; returns the context of its selection set, if it has one.
    fn field(&mut self, field: &'d Field, context: Context<'s>) -> Option<Context<'s>> {
        let name = field.name.node.as_str();
        if field.alias.is_some() {
            self.measure.aliases = self.measure.aliases.saturating_add(1);
        }
        if let Some(nesting) = context.introspection {
            if name == "__typename" {
                return None;
            }
            self.measure.cost = self.measure.cost.saturating_add(context.times);
            let nesting = nesting + usize::from(INTROSPECTION_TYPE_LISTS.contains(&name));
            self.introspection_nesting = self.introspection_nesting.max(nesting);
            return self.inner(
                field,
                Context {
                    introspection: Some(nesting),
                    ..context
                },
            );
        }
        if context.depth == 1 {
            self.measure.root_fields = self.measure.root_fields.saturating_add(1);
        }
        match name {
            "__typename" => None,
            "__schema" | "__type" => {
                self.measure.cost = self.measure.cost.saturating_add(context.times);
                self.inner(
                    field,
                    Context {
                        on: None,
                        page: None,
                        introspection: Some(0),
                        ..context
                    },
                )
            }
            _ => {
                self.measure.depth = self.measure.depth.max(context.depth);
                self.measure.cost = self.measure.cost.saturating_add(context.times);
                let shape = context.on.and_then(|on| on.get(name));
                let items = match shape {
                    Some(shape) if shape.list => context
                        .page
                        .or_else(|| {
                            let argument = shape.sized_by.as_deref()?;
                            self.list_length(field, argument)
                        })
                        .unwrap_or(LIST_ESTIMATE),
                    _ => 1,
                };
                let page = shape
                    .filter(|shape| shape.paged)
                    .map(|_| self.page_size(field));
                self.inner(
                    field,
                    Context {
                        on: shape.and_then(|shape| self.schema.types.get(&shape.returns)),
                        depth: context.depth.saturating_add(1),
                        times: context.times.saturating_mul(items),
                        page,
                        introspection: None,
                    },
                )
            }
        }
    }

    /// `context` for the selection set of `field`, unless it has none.
    fn inner(&self, field: &Field, context: Context<'s>) -> Option<Context<'s>> {
        (!field.selection_set.node.items.is_empty()).then_some(context)
    }

    /// The value of argument `name` of `field`, with variables resolved (`None` when absent
    /// or null).
    fn argument(&self, field: &Field, name: &str) -> Option<Value> {
        let (_, value) = field
            .arguments
            .iter()
            .find(|(n, _)| n.node.as_str() == name)?;
        let value = value
            .node
            .clone()
            .into_const_with(|variable| {
                let value = self
                    .variables
                    .get(&variable)
                    .or_else(|| self.defaults.get(variable.as_str()).copied());
                Ok::<_, ()>(value.cloned().unwrap_or(Value::Null))
            })
            .ok()?;
        (value != Value::Null).then_some(value)
    }

    /// The items a connection may return: its `first`/`last` (the larger if both are
    /// given; the executor refuses that), else the default page size, at most the largest.
    fn page_size(&self, field: &Field) -> u64 {
        let sizes: Vec<u64> = ["first", "last"]
            .iter()
            .filter_map(|name| match self.argument(field, name)? {
                Value::Number(n) => Some(n.as_u64().unwrap_or(0)),
                // Not a number: coercion fails before execution; count a full page.
                _ => Some(MAX_PAGE_SIZE),
            })
            .collect();
        sizes
            .into_iter()
            .max()
            .unwrap_or(DEFAULT_PAGE_SIZE)
            .min(MAX_PAGE_SIZE)
    }

    /// The length of list argument `name` of `field` (a single value is a list of one), at
    /// most the largest page.
    fn list_length(&self, field: &Field, name: &str) -> Option<u64> {
        let length = match self.argument(field, name)? {
            Value::List(items) => u64::try_from(items.len()).unwrap_or(u64::MAX),
            _ => 1,
        };
        Some(length.min(MAX_PAGE_SIZE))
    }

    /// Refuses the operation if a measure is over its limit: depth first, then root fields,
    /// aliases and cost.
    fn verdict(self, limits: &QueryLimits) -> Result<Measure, LimitViolation> {
        let measure = self.measure;
        // A walk that gave up counted part of the document only.
        let gave_up = self.walked > MAX_SELECTIONS;
        let at_least = if gave_up { "at least " } else { "" };
        let refuse = |code, message: String| Err(LimitViolation { code, message });
        if measure.depth > limits.max_depth {
            return refuse(
                DEPTH_LIMIT_EXCEEDED,
                format!(
                    "the query is {at_least}{} levels deep; at most {} are allowed \
                     (introspection is not counted)",
                    measure.depth, limits.max_depth
                ),
            );
        }
        if self.introspection_nesting > MAX_INTROSPECTION_NESTING {
            return refuse(
                DEPTH_LIMIT_EXCEEDED,
                format!(
                    "the introspection query nests `fields`, `inputFields`, `interfaces` or \
                     `possibleTypes` {at_least}{} levels deep; at most {} are allowed",
                    self.introspection_nesting, MAX_INTROSPECTION_NESTING
                ),
            );
        }
        if measure.root_fields > limits.max_root_fields {
            return refuse(
                ROOT_FIELD_LIMIT_EXCEEDED,
                format!(
                    "the operation selects {at_least}{} fields at its root; at most {} are \
                     allowed (send several requests)",
                    measure.root_fields, limits.max_root_fields
                ),
            );
        }
        if measure.aliases > limits.max_aliases {
            return refuse(
                ALIAS_LIMIT_EXCEEDED,
                format!(
                    "the query has {at_least}{} aliased fields (a fragment's count once per \
                     spread); at most {} are allowed",
                    measure.aliases, limits.max_aliases
                ),
            );
        }
        if measure.cost > limits.max_cost {
            return refuse(
                COST_LIMIT_EXCEEDED,
                format!(
                    "the query costs {at_least}{}; at most {} is allowed (each field costs 1 \
                     per item of the lists above it: `first`/`last` of a connection, else \
                     {DEFAULT_PAGE_SIZE}; {LIST_ESTIMATE} for another list); ask for smaller \
                     pages or fewer nested lists",
                    measure.cost, limits.max_cost
                ),
            );
        }
        if gave_up {
            return refuse(
                COST_LIMIT_EXCEEDED,
                format!(
                    "the query expands to more than {MAX_SELECTIONS} selections once its \
                     fragments are spread; it is refused as too costly"
                ),
            );
        }
        Ok(measure)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use async_graphql::parser::parse_query;
    use serde_json::json;

    use super::*;

    /// GraphiQL's introspection query (graphql-js `getIntrospectionQuery` with every option
    /// GraphiQL turns on), `ofType` nine levels deep.
    const INTROSPECTION: &str = r#"
        query IntrospectionQuery {
          __schema {
            description
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives {
              name description isRepeatable locations
              args(includeDeprecated: true) { ...InputValue }
            }
          }
        }
        fragment FullType on __Type {
          kind name description specifiedByURL isOneOf
          fields(includeDeprecated: true) {
            name description
            args(includeDeprecated: true) { ...InputValue }
            type { ...TypeRef }
            isDeprecated deprecationReason
          }
          inputFields(includeDeprecated: true) { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue {
          name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
        }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name
            ofType { kind name ofType { kind name ofType { kind name ofType { kind name
              ofType { kind name } } } } } } } } }
        }
    "#;

    fn sdl() -> &'static str {
        static SDL: OnceLock<String> = OnceLock::new();
        SDL.get_or_init(crate::graphql::sdl)
    }

    /// The limits of these tests: fixed, so that tuning the defaults does not change them.
    fn limits() -> QueryLimits {
        QueryLimits {
            max_depth: 12,
            max_cost: 25_000,
            max_aliases: 30,
            max_root_fields: 20,
        }
    }

    /// The analyzer of the served schema with [`limits`] (read once: parsing the SDL is the
    /// slow part of these tests).
    fn analyzer() -> &'static QueryAnalyzer {
        static ANALYZER: OnceLock<QueryAnalyzer> = OnceLock::new();
        ANALYZER.get_or_init(|| QueryAnalyzer::try_new(sdl(), limits()).unwrap())
    }

    fn check_with(
        analyzer: &QueryAnalyzer,
        query: &str,
        variables: serde_json::Value,
    ) -> Result<Measure, LimitViolation> {
        let document = parse_query(query).unwrap();
        analyzer.check(&document, None, &Variables::from_json(variables))
    }

    fn check(query: &str) -> Result<Measure, LimitViolation> {
        check_with(analyzer(), query, json!({}))
    }

    fn cost(query: &str, variables: serde_json::Value) -> u64 {
        check_with(analyzer(), query, variables).unwrap().cost
    }

    fn refused(query: &str) -> LimitViolation {
        check(query).unwrap_err()
    }

    /// A query `depth` fields deep (at least 3): actors → nodes → parent … → id.
    fn nested(depth: usize) -> String {
        format!(
            "{{ actors(first: 1) {{ nodes {{ {}id{} }} }} }}",
            "parent { ".repeat(depth - 3),
            " }".repeat(depth - 3)
        )
    }

    #[test]
    fn the_schema_shape_knows_connections_lists_and_interfaces() {
        let schema = &analyzer().schema;
        let projects = &schema.types["Actor"]["projects"];
        assert!(projects.paged && !projects.list);
        assert_eq!(projects.returns, "ProjectParticipationConnection");
        assert!(schema.types["ProjectParticipationConnection"]["edges"].list);
        let nodes = &schema.types["Query"]["nodes"];
        assert_eq!(nodes.sized_by.as_deref(), Some("ids"));
        assert!(schema.types["Academic"]["circumscriptions"].list);
        assert!(schema.root(OperationType::Mutation).is_some());
        assert!(QueryAnalyzer::try_new("type {", limits()).is_err());
    }

    #[test]
    fn depth_is_accepted_at_the_limit_and_refused_above_it() {
        assert_eq!(check(&nested(12)).unwrap().depth, 12);
        let violation = refused(&nested(13));
        assert_eq!(violation.code, DEPTH_LIMIT_EXCEEDED);
        assert_eq!(
            violation.message,
            "the query is 13 levels deep; at most 12 are allowed (introspection is not counted)"
        );
    }

    #[test]
    fn typename_costs_nothing_and_adds_no_depth() {
        let measure =
            check("{ __typename actors(first: 1) { __typename nodes { __typename } } }").unwrap();
        assert_eq!(
            (measure.depth, measure.cost, measure.root_fields),
            (2, 2, 2)
        );
    }

    #[test]
    fn graphiql_introspection_is_not_counted_in_depth_and_passes() {
        let measure = check(INTROSPECTION).unwrap();
        assert_eq!(measure.depth, 0);
        assert_eq!(measure.root_fields, 1);
        assert!(measure.cost < 500, "{measure:?}");
        // Introspection beside an ordinary query at the depth limit still passes.
        let at_limit = nested(12).replacen(
            '{',
            "{ __type(name: \"Actor\") { name fields { type { ofType { ofType { name } } } } }",
            1,
        );
        assert_eq!(check(&at_limit).unwrap().depth, 12);
    }

    #[test]
    fn introspection_may_not_nest_type_lists_deeper_than_two() {
        let two = "{ __type(name: \"Actor\") { possibleTypes { fields { name } } } }";
        check(two).unwrap();
        let three = "{ __schema { types { fields { type { ofType { fields { type { ofType { \
                     fields { name } } } } } } } } } }";
        let violation = refused(three);
        assert_eq!(violation.code, DEPTH_LIMIT_EXCEEDED);
        assert!(
            violation.message.contains("3 levels"),
            "{}",
            violation.message
        );
    }

    #[test]
    fn a_connection_multiplies_its_items_by_first_or_last() {
        let query = "{ actors(first: 100) { totalCount nodes { id name } } }";
        // actors + totalCount + nodes + 100 × (id + name)
        assert_eq!(cost(query, json!({})), 203);
        assert_eq!(cost("{ actors(last: 30) { nodes { id } } }", json!({})), 32);
        // No `first`: the default page; above the largest page: the largest page.
        assert_eq!(
            cost("{ actors { nodes { id } } }", json!({})),
            2 + DEFAULT_PAGE_SIZE
        );
        assert_eq!(
            cost("{ actors(first: 5000) { nodes { id } } }", json!({})),
            102
        );
        // Edges and nodes are the same items: both count them.
        let both = "{ actors(first: 10) { edges { cursor node { id } } nodes { id } } }";
        // actors + (edges + 10 × (cursor + node + id)) + (nodes + 10 × id)
        assert_eq!(cost(both, json!({})), 1 + 31 + 11);
    }

    #[test]
    fn first_is_read_from_variables_and_their_defaults() {
        let query = "query($n: Int) { actors(first: $n) { nodes { id } } }";
        assert_eq!(cost(query, json!({ "n": 50 })), 52);
        assert_eq!(cost(query, json!({ "n": null })), 22);
        assert_eq!(cost(query, json!({})), 22);
        let with_default = "query($n: Int = 7) { actors(first: $n) { nodes { id } } }";
        assert_eq!(cost(with_default, json!({})), 9);
        assert_eq!(cost(with_default, json!({ "n": 100 })), 102);
    }

    #[test]
    fn connections_reached_through_the_actor_interface_are_multiplied() {
        let through_interface = "query($id: ID!) { node(id: $id) { ... on Actor { \
            projects(first: 100) { edges { node { role project { title } } } } } } }";
        let variables = json!({ "id": "QWN0b3I6MQ" });
        // node + projects + edges + 100 × (node + role + project + title)
        assert_eq!(cost(through_interface, variables.clone()), 403);
        let through_object = through_interface.replace("on Actor", "on Ministry");
        assert_eq!(cost(&through_object, variables.clone()), 403);
        let through_fragment = "query($id: ID!) { node(id: $id) { ...Projects } } \
            fragment Projects on Actor { \
            projects(first: 100) { edges { node { role project { title } } } } }";
        assert_eq!(cost(through_fragment, variables), 403);
        // Nested through `Actor` until the budget is passed.
        let nested = "{ actors(first: 100) { nodes { projects(first: 100) { nodes { actor { \
            collaborators(first: 100) { nodes { weight } } } } } } } }";
        let violation = refused(nested);
        assert_eq!(violation.code, COST_LIMIT_EXCEEDED);
        assert!(
            violation
                .message
                .starts_with("the query costs 1030202; at most 25000 is allowed"),
            "{}",
            violation.message
        );
    }

    #[test]
    fn nested_connections_multiply() {
        let query = "{ actors(first: 10) { nodes { projects(first: 10) { nodes { project { \
            participants(first: 10) { nodes { role } } } } } } } }";
        // 1 + 1 + 10 × (1 + 1) + 100 × (1 + 1 + 1) + 1000 × 1
        assert_eq!(cost(query, json!({})), 1322);
    }

    #[test]
    fn other_lists_count_an_estimate_or_their_sizing_argument() {
        let query = "{ circumscriptions(first: 6) { nodes { code coverage { confidence } } } }";
        assert_eq!(cost(query, json!({})), 2 + 6 * (2 + LIST_ESTIMATE));
        assert_eq!(
            cost(r#"{ nodes(ids: ["a", "b", "c"]) { id } }"#, json!({})),
            4
        );
        let ids: Vec<String> = (0..300).map(|i| format!("id{i}")).collect();
        let query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }";
        assert_eq!(cost(query, json!({ "ids": ids })), 1 + MAX_PAGE_SIZE);
        let mutation =
            "mutation { createActor(input: {}) { actor { id circumscriptions { code } } } }";
        assert_eq!(cost(mutation, json!({})), 4 + LIST_ESTIMATE);
    }

    #[test]
    fn aliases_are_accepted_at_the_limit_and_refused_above_it() {
        let aliases = |n: usize| {
            let fields: String = (0..n).map(|i| format!("a{i}: id ")).collect();
            format!("{{ actors(first: 1) {{ nodes {{ {fields}}} }} }}")
        };
        assert_eq!(check(&aliases(30)).unwrap().aliases, 30);
        let violation = refused(&aliases(31));
        assert_eq!(violation.code, ALIAS_LIMIT_EXCEEDED);
        assert!(
            violation.message.contains("31 aliased"),
            "{}",
            violation.message
        );
        // A fragment's aliases count once per spread.
        let fields: String = (0..16).map(|i| format!("a{i}: id ")).collect();
        let spread_twice = format!(
            "{{ actors(first: 1) {{ nodes {{ ...F }} }} projects(first: 1) {{ nodes {{ \
             participants(first: 1) {{ nodes {{ actor {{ ...F }} }} }} }} }} }} \
             fragment F on Actor {{ {fields}}}"
        );
        assert_eq!(refused(&spread_twice).code, ALIAS_LIMIT_EXCEEDED);
    }

    #[test]
    fn root_fields_are_accepted_at_the_limit_and_refused_above_it() {
        let roots = |n: usize| {
            let fields: String = (0..n)
                .map(|i| format!("c{i}: circumscriptions {{ totalCount }} "))
                .collect();
            format!("{{ {fields}}}")
        };
        assert_eq!(check(&roots(20)).unwrap().root_fields, 20);
        let violation = refused(&roots(21));
        assert_eq!(violation.code, ROOT_FIELD_LIMIT_EXCEEDED);
        assert!(
            violation.message.contains("21 fields"),
            "{}",
            violation.message
        );
        // Fragments at the root are expanded.
        let fields: String = (0..11)
            .map(|i| format!("c{i}: funds {{ totalCount }} "))
            .collect();
        let spread =
            format!("{{ ...R ... on Query {{ ...R }} }} fragment R on Query {{ {fields}}}");
        assert_eq!(refused(&spread).code, ROOT_FIELD_LIMIT_EXCEEDED);
    }

    #[test]
    fn the_operation_checked_is_the_one_executed() {
        let document = parse_query(format!(
            "query Small {{ funds {{ totalCount }} }} query Deep {}",
            nested(13)
        ))
        .unwrap();
        let analyzer = analyzer();
        let variables = Variables::default();
        assert!(analyzer.check(&document, Some("Small"), &variables).is_ok());
        let violation = analyzer.check(&document, Some("Deep"), &variables);
        assert_eq!(violation.unwrap_err().code, DEPTH_LIMIT_EXCEEDED);
        // Not chosen: left for the executor to report.
        assert_eq!(
            analyzer.check(&document, None, &variables),
            Ok(Measure::default())
        );
        assert_eq!(
            analyzer.check(&document, Some("Other"), &variables),
            Ok(Measure::default())
        );
    }

    #[test]
    fn fragment_cycles_stop_the_walk() {
        let cycle = "{ actors(first: 1) { nodes { ...A } } } \
            fragment A on Actor { id parent { ...B } } fragment B on Actor { parent { ...A } }";
        // actors → nodes → parent → parent, then A again: stopped.
        assert_eq!(check(cycle).unwrap().depth, 4);
        let itself = "{ actors(first: 1) { nodes { ...A } } } fragment A on Actor { id ...A }";
        assert_eq!(check(itself).unwrap().cost, 3);
    }

    #[test]
    fn a_very_deep_document_is_refused_without_exhausting_the_stack() {
        // The parser caps one selection set's nesting at 64, so depth comes from a chain of
        // fragments: 5,000 of them, each one level deeper.
        let mut query = String::from("{ actors(first: 1) { nodes { ...F0 } } }");
        for i in 0..5_000 {
            query.push_str(&format!(
                " fragment F{i} on Actor {{ parent {{ ...F{} }} }}",
                i + 1
            ));
        }
        query.push_str(" fragment F5000 on Actor { id }");
        // Parsed and read here; checked on a small stack, which a recursive walk would
        // overflow.
        let document = parse_query(&query).unwrap();
        let analyzer = analyzer();
        let violation = std::thread::Builder::new()
            .stack_size(128 * 1024)
            .spawn(move || analyzer.check(&document, None, &Variables::default()))
            .unwrap()
            .join()
            .unwrap()
            .unwrap_err();
        assert_eq!(violation.code, DEPTH_LIMIT_EXCEEDED);
        assert!(
            violation.message.contains("at least"),
            "{}",
            violation.message
        );
    }

    #[test]
    fn deep_introspection_is_bounded_by_the_walk() {
        let mut query = String::from("{ __type(name: \"Actor\") { ...T0 } }");
        for i in 0..6_000 {
            query.push_str(&format!(
                " fragment T{i} on __Type {{ ofType {{ ...T{} }} }}",
                i + 1
            ));
        }
        query.push_str(" fragment T6000 on __Type { name }");
        let violation = refused(&query);
        assert_eq!(violation.code, COST_LIMIT_EXCEEDED);
        assert!(
            violation.message.contains("selections"),
            "{}",
            violation.message
        );
    }

    #[test]
    fn exponential_fragment_fan_out_is_refused_after_bounded_work() {
        // F0 spreads F1 twice, F1 spreads F2 twice …: 2^40 fields once expanded.
        let fan_out = |leaf: &str| {
            let mut query = String::from("{ actors(first: 1) { nodes { ...F0 } } }");
            for i in 0..40 {
                query.push_str(&format!(
                    " fragment F{i} on Actor {{ ...F{0} ...F{0} }}",
                    i + 1
                ));
            }
            query.push_str(&format!(" fragment F40 on Actor {{ {leaf} }}"));
            refused(&query)
        };
        assert_eq!(fan_out("__typename").code, COST_LIMIT_EXCEEDED);
        assert_eq!(fan_out("id").code, COST_LIMIT_EXCEEDED);
        assert_eq!(fan_out("a: id").code, ALIAS_LIMIT_EXCEEDED);
    }

    /// The queries we publish (README, playground, benchmark) pass the default limits.
    #[test]
    fn published_queries_pass_the_default_limits() {
        let root = env!("CARGO_MANIFEST_DIR");
        let read = |path: &str| std::fs::read_to_string(format!("{root}/{path}")).unwrap();
        let mut queries: Vec<(String, String)> = Vec::new();
        for (path, text) in [
            ("README.md", read("README.md")),
            ("playground/index.html", read("playground/index.html")),
        ] {
            for (line_number, line) in text.lines().enumerate() {
                // `"query": "…"` in JSON bodies, or `query=…'` in URL parameters.
                if let Some(at) = line.find("\"query\"") {
                    let rest = line[at + "\"query\"".len()..].trim_start();
                    let rest = rest.strip_prefix(':').unwrap().trim_start();
                    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<String>();
                    let query = values.next().unwrap().unwrap();
                    queries.push((format!("{path}:{}", line_number + 1), query));
                } else if let Some(at) = line.find("'query=") {
                    let rest = &line[at + "'query=".len()..];
                    let query = &rest[..rest.find('\'').unwrap()];
                    queries.push((format!("{path}:{}", line_number + 1), query.to_owned()));
                }
            }
        }
        assert!(queries.len() >= 10, "{queries:?}");
        let defaults = QueryLimits::from(&LimitArgs::default());
        let analyzer = &QueryAnalyzer::try_new(sdl(), defaults).unwrap();
        for (place, query) in &queries {
            let measure = check_with(analyzer, query, json!({}));
            eprintln!("{place}: {measure:?}");
            assert!(measure.is_ok(), "{place}: {measure:?}");
        }
        let nested = read("bench/nested.graphql");
        for n in [20, 100] {
            let measure = check_with(analyzer, &nested, json!({ "n": n }));
            eprintln!("bench/nested.graphql (n = {n}): {measure:?}");
            assert!(measure.is_ok(), "{measure:?}");
        }
        let measure = check_with(analyzer, INTROSPECTION, json!({}));
        eprintln!("GraphiQL introspection: {measure:?}");
        assert!(measure.is_ok(), "{measure:?}");
    }
}
