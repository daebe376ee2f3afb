using TldOps.Server.Hosting;
using TldOps.Server.Tests.Support;

namespace TldOps.Server.Tests.Hosting;

public sealed class StorageSettingsTests
{
    [Fact]
    public void The_checkpoint_interval_defaults_to_a_second_and_takes_a_setting()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), StorageSettings.From(TestConfiguration.Of()).CheckpointInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), StorageSettings.From(TestConfiguration.Of(("Storage:CheckpointInterval", "00:00:00.250"))).CheckpointInterval);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.005")]
    [InlineData("01:00:00")]
    public void A_checkpoint_interval_out_of_range_is_named(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.From(TestConfiguration.Of(("Storage:CheckpointInterval", value))));

        Assert.Contains("Storage:CheckpointInterval must be between", error.Message, StringComparison.Ordinal);
    }
}
