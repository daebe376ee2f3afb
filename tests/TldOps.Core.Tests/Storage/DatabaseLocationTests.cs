using TldOps.Core.Storage;

namespace TldOps.Core.Tests.Storage;

public sealed class DatabaseLocationTests
{
    [Fact]
    public void No_value_means_an_sqlite_file_in_the_data_folder()
    {
        var location = DatabaseLocation.Resolve(null, "/srv/tldops/data");

        Assert.Equal(SqlDialect.Sqlite, location.Dialect);
        Assert.Contains("/srv/tldops/data/tldops.db", location.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example;Database=tldops;Username=app;Password=secret")]
    [InlineData("postgres://app:secret@db.example:5433/tldops")]
    [InlineData("postgresql://app:secret@db.example/tldops?sslmode=require")]
    public void Postgres_connection_strings_and_uris_are_recognised_and_the_password_never_displayed(string value)
    {
        var location = DatabaseLocation.Resolve(value, "data");

        Assert.Equal(SqlDialect.PostgreSql, location.Dialect);
        Assert.Contains("db.example", location.Display, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", location.Display, StringComparison.Ordinal);
        Assert.Contains("tldops", location.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void A_uri_with_user_and_password_keeps_them_in_the_connection_string()
    {
        var location = DatabaseLocation.Resolve("postgres://app:p%40ss@db.example:5433/tldops", "data");

        Assert.Contains("Port=5433", location.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Username=app", location.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("p@ss", location.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_postgres_uri_is_refused_with_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => DatabaseLocation.Resolve("postgres://", "data"));

        Assert.Contains("postgres:// URI", error.Message, StringComparison.Ordinal);
    }
}
