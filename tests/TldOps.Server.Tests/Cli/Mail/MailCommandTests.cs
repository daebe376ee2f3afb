using TldOps.Mail.Inspection;
using TldOps.Mail.Mime;
using TldOps.Server.Cli;
using TldOps.Server.Tests.Support;
using TldOps.Testing;

namespace TldOps.Server.Tests.Cli.Mail;

public sealed class MailCommandTests
{
    [Fact]
    public async Task Inspect_prints_the_inspector_json_and_exits_0()
    {
        var path = SharedCorpus.PathOf("mime", "cpython_msg_02.txt");
        var expected = MessageInspector.ToJson(MimeMessage.Load(await File.ReadAllBytesAsync(path)));

        var (exit, output, error) = await CliRunner.RunAsync("mail", "inspect", path);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(expected + Environment.NewLine, output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Inspect_with_mbox_prints_an_array_with_one_object_per_message()
    {
        var path = SharedCorpus.PathOf("mime", "mime4j_mbox.rlug");

        var (exit, output, _) = await CliRunner.RunAsync("mail", "inspect", path, "--mbox");

        Assert.Equal(ExitCodes.Success, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(5, json.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_missing_file_exits_non_zero_with_one_line_naming_it()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("absent.eml");

        var (exit, output, error) = await CliRunner.RunAsync("mail", "inspect", path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(path, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_over_a_limit_exits_non_zero_naming_the_file_and_the_byte_offset()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("long-header.eml");

        // One header line longer than the default 1 MiB line limit, after a first short field.
        var content = "From: a@example.org\r\nSubject: " + new string('x', 1_100_000) + "\r\n\r\nbody\r\n";
        await File.WriteAllTextAsync(path, content);

        var (exit, _, error) = await CliRunner.RunAsync("mail", "inspect", path);

        Assert.Equal(ExitCodes.Failure, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains("at offset 21", line, StringComparison.Ordinal);
    }
}
