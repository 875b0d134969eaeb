//! Every entity has exactly its table's columns, with the same type, nullability and primary key.

use sea_orm::sea_query::{ColumnType, StringLen};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityName, EntityTrait,
    IdenStatic, Iterable, PrimaryKeyToColumn, Statement,
};

use super::TestResult;
use crate::entities::prelude::*;

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Column {
    name: String,
    ty: String,
    nullable: bool,
    primary_key: bool,
}

macro_rules! check_tables {
    ($db:expr, [$($entity:ident),+ $(,)?]) => {{
        let mut names = vec![$($entity.table_name()),+];
        $( table_matches::<$entity>($db).await?; )+
        names.sort_unstable();
        names
    }};
}

pub(super) async fn every_table_matches(db: &DatabaseConnection) -> TestResult {
    let entities = check_tables!(
        db,
        [
            Activity,
            ActivityActor,
            ActivityCircumscription,
            ActivityCounter,
            ActivityTerritory,
            Actor,
            ActorTheme,
            Agreement,
            Application,
            ApplicationApplicant,
            BudgetLine,
            Call,
            CallTheme,
            Circumscription,
            CircumscriptionCoverage,
            ContactPoint,
            Event,
            EventAttendee,
            EventParticipant,
            Exchange,
            ExchangeParticipant,
            ExchangeParty,
            Fund,
            FundAllocation,
            FundContribution,
            IdempotencyKey,
            Partnership,
            PartnershipMember,
            PartnershipProject,
            PartnershipTheme,
            Person,
            Project,
            ProjectLocation,
            ProjectParticipant,
            ProjectSdg,
            ProjectSector,
            ProjectTheme,
            ProjectTransaction,
            RecordCircumscription,
            Territory,
        ]
    );
    assert_eq!(entities, tables(db).await?, "one entity per table");
    Ok(())
}

async fn table_matches<E: EntityTrait + Default>(db: &DatabaseConnection) -> TestResult {
    let table = E::default().table_name();
    let backend = db.get_database_backend();
    let primary: Vec<&str> = E::PrimaryKey::iter()
        .map(|key| key.into_column().as_str())
        .collect();
    let mut expected = E::Column::iter()
        .map(|column| {
            let def = column.def();
            Ok(Column {
                name: column.as_str().to_owned(),
                ty: type_name(backend, def.get_column_type())?,
                nullable: def.is_null(),
                primary_key: primary.contains(&column.as_str()),
            })
        })
        .collect::<TestResult<Vec<_>>>()?;
    expected.sort();
    assert_eq!(expected, columns(db, table).await?, "columns of {table}");
    Ok(())
}

/// How the migrations' DDL spells a column type, as each database reports it.
fn type_name(backend: DbBackend, ty: &ColumnType) -> TestResult<String> {
    use ColumnType as T;
    Ok(match (backend, ty) {
        (DbBackend::Sqlite, T::String(StringLen::N(n))) => format!("varchar({n})"),
        (DbBackend::Sqlite, T::String(StringLen::None)) => "varchar".into(),
        (DbBackend::Sqlite, T::Text) => "text".into(),
        (DbBackend::Sqlite, T::Char(Some(n))) => format!("char({n})"),
        // SQLite spells every integer `integer` (64-bit storage either way).
        (DbBackend::Sqlite, T::Integer | T::BigInteger) => "integer".into(),
        (DbBackend::Sqlite, T::Boolean) => "boolean".into(),
        (DbBackend::Sqlite, T::Date) => "date_text".into(),
        (DbBackend::Sqlite, T::TimestampWithTimeZone) => "timestamp_with_timezone_text".into(),
        (DbBackend::Postgres, T::String(StringLen::N(n))) => format!("character varying({n})"),
        (DbBackend::Postgres, T::String(StringLen::None)) => "character varying".into(),
        (DbBackend::Postgres, T::Text) => "text".into(),
        (DbBackend::Postgres, T::Char(Some(n))) => format!("character({n})"),
        (DbBackend::Postgres, T::Integer) => "integer".into(),
        (DbBackend::Postgres, T::BigInteger) => "bigint".into(),
        (DbBackend::Postgres, T::Boolean) => "boolean".into(),
        (DbBackend::Postgres, T::Date) => "date".into(),
        (DbBackend::Postgres, T::TimestampWithTimeZone) => "timestamp with time zone".into(),
        (backend, ty) => return Err(format!("unexpected {ty:?} on {backend:?}").into()),
    })
}

async fn columns(db: &DatabaseConnection, table: &str) -> TestResult<Vec<Column>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => format!(
            r#"SELECT name, lower(type), "notnull" = 0, pk > 0 FROM pragma_table_info('{table}')"#
        ),
        _ => format!(
            "SELECT c.column_name::text, \
               CASE WHEN c.character_maximum_length IS NULL THEN c.data_type::text \
                    ELSE c.data_type || '(' || c.character_maximum_length || ')' END, \
               c.is_nullable = 'YES', \
               EXISTS (SELECT 1 FROM information_schema.table_constraints t \
                 JOIN information_schema.key_column_usage k \
                   ON k.constraint_name = t.constraint_name \
                  AND k.table_schema = t.table_schema AND k.table_name = t.table_name \
                 WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_schema = c.table_schema \
                   AND t.table_name = c.table_name AND k.column_name = c.column_name) \
             FROM information_schema.columns c \
             WHERE c.table_schema = current_schema() AND c.table_name = '{table}'"
        ),
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    let mut columns = rows
        .iter()
        .map(|row| {
            Ok(Column {
                name: row.try_get_by_index(0)?,
                ty: row.try_get_by_index(1)?,
                nullable: row.try_get_by_index(2)?,
                primary_key: row.try_get_by_index(3)?,
            })
        })
        .collect::<TestResult<Vec<_>>>()?;
    columns.sort();
    Ok(columns)
}

async fn tables(db: &DatabaseConnection) -> TestResult<Vec<String>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations' ORDER BY name"
        }
        _ => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name <> 'seaql_migrations' \
             ORDER BY table_name"
        }
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    Ok(rows
        .iter()
        .map(|row| row.try_get_by_index::<String>(0))
        .collect::<Result<_, _>>()?)
}
