-- Every out entry of a fan-out carried a row in the correlation index ("post:42"), which nothing
-- queries: the operator commands find entries by id, queue and state. Dropping it takes one
-- index insertion per copy off the fan-out's INSERT ... SELECT (bench/README.md, Fan-out).
DROP INDEX IF EXISTS queue_entry_correlation;
