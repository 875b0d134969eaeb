-- The floor: the seven statements the hub sends to PostgreSQL for one nested query of
-- bench/nested.graphql (n = 20, anonymous viewer), run directly. They are the hub's own
-- statements as captured with `log_statement = 'all'` (column lists written as "table".*,
-- which selects the same columns; bind parameters written as literals).
--
-- Placeholders, substituted by bench/run.sh (or by psql: `psql -v actor_ids=1,2,3 …`):
--   :actor_ids        the 20 actors of the page (statement 1's result)
--   :project_ids      the projects of their first two participations (statement 3's result)
--   :participant_ids  the actors of those projects' first two participants (statement 6's)
--
-- Level 1: the page of actors (first + 1 rows, to know whether there is a next page).
SELECT "actors".* FROM "actors" WHERE "actors"."sensitivity" = 'PUBLIC' AND "actors"."archived_at" IS NULL AND "actors"."search_key" LIKE '%synthetique%' ORDER BY "actors"."search_key" ASC, "actors"."id" ASC LIMIT 21;
-- Level 2: each actor's participations — the count, and the first 2 (+1) per actor.
SELECT "project_participants"."actor_id", COUNT(*) AS "n" FROM "project_participants" INNER JOIN "projects" ON "project_participants"."project_id" = "projects"."id" WHERE "projects"."sensitivity" = 'PUBLIC' AND "projects"."archived_at" IS NULL AND "project_participants"."actor_id" IN (:actor_ids) GROUP BY "project_participants"."actor_id";
SELECT * FROM (SELECT "project_participants"."id", "project_participants"."project_id", "project_participants"."actor_id", "project_participants"."role", ROW_NUMBER() OVER ( PARTITION BY "actor_id" ORDER BY "project_participants"."project_id" ASC, "project_participants"."actor_id" ASC, "project_participants"."id" ASC ) AS "nested_rank" FROM "project_participants" INNER JOIN "projects" ON "project_participants"."project_id" = "projects"."id" WHERE "projects"."sensitivity" = 'PUBLIC' AND "projects"."archived_at" IS NULL AND "project_participants"."actor_id" IN (:actor_ids)) AS "nested" WHERE "nested_rank" <= 3 ORDER BY "nested_rank" ASC;
-- Level 3: those projects.
SELECT "projects".* FROM "projects" WHERE "projects"."sensitivity" = 'PUBLIC' AND "projects"."id" IN (:project_ids);
-- Level 4: each project's participants — the count, and the first 2 (+1) per project.
SELECT "project_participants"."project_id", COUNT(*) AS "n" FROM "project_participants" INNER JOIN "actors" ON "project_participants"."actor_id" = "actors"."id" WHERE "actors"."sensitivity" = 'PUBLIC' AND "actors"."archived_at" IS NULL AND "project_participants"."project_id" IN (:project_ids) GROUP BY "project_participants"."project_id";
SELECT * FROM (SELECT "project_participants"."id", "project_participants"."project_id", "project_participants"."actor_id", "project_participants"."role", ROW_NUMBER() OVER ( PARTITION BY "project_id" ORDER BY "project_participants"."project_id" ASC, "project_participants"."actor_id" ASC, "project_participants"."id" ASC ) AS "nested_rank" FROM "project_participants" INNER JOIN "actors" ON "project_participants"."actor_id" = "actors"."id" WHERE "actors"."sensitivity" = 'PUBLIC' AND "actors"."archived_at" IS NULL AND "project_participants"."project_id" IN (:project_ids)) AS "nested" WHERE "nested_rank" <= 3 ORDER BY "nested_rank" ASC;
-- Level 5: the participants' actors.
SELECT "actors".* FROM "actors" WHERE "actors"."sensitivity" = 'PUBLIC' AND "actors"."id" IN (:participant_ids);
