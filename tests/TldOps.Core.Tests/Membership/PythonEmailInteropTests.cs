using System.Text.Json;
using TldOps.Core.Membership.Joining;
using TldOps.Core.Storage;
using TldOps.Testing;

namespace TldOps.Core.Tests.Membership;

public sealed class PythonEmailInteropTests
{
    [RequiresFact("python3=python3")]
    public async Task Python_s_email_package_reads_the_admin_contact_s_request_in_Arabic_with_its_links_and_tag()
    {
        await using var f = await VettingFixture.CreateAsync(SqlDialect.Sqlite);
        var request = (await f.Joins.SubmitAsync(VettingFixture.Form(".eg", "egregistry.eg", 2))).Value.Request;
        var mail = Assert.Single(await f.MailsToAsync("admin@egregistry.eg"));
        using var folder = new TempDirectory();
        var path = folder.Combine("request.eml");
        await File.WriteAllBytesAsync(path, mail.Raw);
        const string Script = """
            import sys, json, email
            from email import policy
            with open(sys.argv[1], "rb") as f:
                msg = email.message_from_binary_file(f, policy=policy.default)
            body = msg.get_body(preferencelist=("plain",)).get_content()
            print(json.dumps({
                "subject": str(msg["subject"]),
                "from": msg["from"].addresses[0].addr_spec,
                "to": msg["to"].addresses[0].addr_spec,
                "auto": msg["auto-submitted"],
                "defects": [str(d) for d in msg.defects],
                "body": body,
            }, ensure_ascii=False))
            """;

        var python = PythonModule.Find("email") ?? throw new InvalidOperationException("python3 is required.");
        var (exit, output, error) = PythonModule.Run(python, ["-c", Script, path], TimeSpan.FromSeconds(60));

        Assert.True(exit == 0, error);
        var parsed = JsonDocument.Parse(output).RootElement;
        Assert.Equal($"[TLD-OPS #{request.DecisionTokenId}] .eg: تغيير في جهات اتصالكم في TLD-OPS ينتظر قراركم", parsed.GetProperty("subject").GetString());
        Assert.Equal("tld-ops-request@tld-ops.example", parsed.GetProperty("from").GetString());
        Assert.Equal("admin@egregistry.eg", parsed.GetProperty("to").GetString());
        Assert.Equal("auto-generated", parsed.GetProperty("auto").GetString());
        Assert.Empty(parsed.GetProperty("defects").EnumerateArray());
        var body = parsed.GetProperty("body").GetString()!.ReplaceLineEndings("\n");
        Assert.Equal(mail.Body.TrimEnd('\n'), body.TrimEnd('\n'));
        var token = MailLinks.TokenWith(body, "action=approve");
        Assert.True((await f.Joins.DecideByLinkAsync(token, JoinDecision.Approve)).IsSuccess);
    }
}
