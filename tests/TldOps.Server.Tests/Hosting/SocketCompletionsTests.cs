using TldOps.Core.Storage;
using TldOps.Server.Hosting;

namespace TldOps.Server.Tests.Hosting;

public sealed class SocketCompletionsTests
{
    [Theory]
    [InlineData(null, SqlDialect.Sqlite, "1")]
    [InlineData("", SqlDialect.Sqlite, "1")]
    [InlineData(null, SqlDialect.PostgreSql, null)]
    [InlineData("0", SqlDialect.Sqlite, "0")]
    [InlineData("1", SqlDialect.PostgreSql, "1")]
    public void Serve_on_sqlite_runs_socket_continuations_inline_unless_the_operator_chose(string? configured, SqlDialect dialect, string? expected) =>
        Assert.Equal(expected, SocketCompletions.Choose(configured, dialect));

    [Fact]
    public void A_command_run_inside_another_process_leaves_that_process_as_it_is()
    {
        var before = Environment.GetEnvironmentVariable(SocketCompletions.Variable);

        SocketCompletions.Apply(SqlDialect.Sqlite);

        Assert.False(SocketCompletions.OwnsProcess);
        Assert.Equal(before, Environment.GetEnvironmentVariable(SocketCompletions.Variable));
    }
}
