using System.Reflection;
using TldOps.Core.Storage;
using Xunit.Sdk;

namespace TldOps.Testing;

/// <summary>
/// Runs a storage theory on SQLite. Put <see cref="PostgresDataAttribute"/> next to it so that
/// every repository test runs on both databases:
/// <code>[Theory, SqliteData, PostgresData] public async Task X(SqlDialect dialect)</code>
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[SqlDialect.Sqlite]];
}

/// <summary>
/// Runs a storage theory on the real PostgreSQL server; skipped with an install hint when
/// TLDOPS_TEST_POSTGRES is not set, except under CI=true where the test runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        Skip = TestDatabase.PostgresSkipReason!;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[SqlDialect.PostgreSql]];
}
