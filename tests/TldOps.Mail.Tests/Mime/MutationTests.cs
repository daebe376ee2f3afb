using System.Text;
using TldOps.Mail.Addresses;
using TldOps.Mail.Dkim;
using TldOps.Mail.Inspection;
using TldOps.Mail.Mbox;
using TldOps.Mail.Mime;
using TldOps.Mail.Reports;

namespace TldOps.Mail.Tests.Mime;

/// <summary>
/// Thousands of corrupted variants of corpus messages, from a fixed seed: each must parse,
/// write back byte for byte and be inspected (every decoder runs), or fail with a documented
/// exception — within a generous per-case budget, enforced by cancellation, not by timing.
/// </summary>
public sealed class MutationTests
{
    private const int Seed = 20_250_601;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Corrupted_messages_parse_or_fail_with_documented_exceptions_within_budget()
    {
        var random = new Random(Seed);
        var sources = MimeCorpus.MessageFiles.Select(MimeCorpus.Read).Where(b => b.Length is > 0 and < 64 * 1024).ToList();
        var failures = new List<string>();
        var cases = 0;
        foreach (var (name, variant) in Variants(random, sources))
        {
            cases++;
            var failure = await RunAsync(variant);
            if (failure is not null)
            {
                failures.Add($"{name}: {failure}");
            }
        }

        Assert.True(cases > 5000, $"only {cases} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed (seed {Seed}):\n" + string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task Every_truncation_of_some_messages_parses_and_inspects()
    {
        var failures = new List<string>();
        foreach (var file in new[] { "deltachat_attach_filename_combined.eml", "mimekit_delivery-status.txt", "rubymail_example13.eml" })
        {
            var bytes = MimeCorpus.Read(file);
            for (var length = 0; length <= bytes.Length; length++)
            {
                var failure = await RunAsync(bytes[..length]);
                if (failure is not null)
                {
                    failures.Add($"{file}[..{length}]: {failure}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_harness_reports_what_it_cannot_accept()
    {
        // A message that breaks no rule passes; the harness itself must notice a round-trip
        // that does not hold, or this test suite would prove nothing.
        Assert.Null(await RunAsync("Subject: fine\r\n\r\nbody\r\n"u8.ToArray()));
        Assert.NotNull(Check(MimeMessage.Load("Subject: x\r\n\r\ny"u8.ToArray()), "Subject: x\r\n\r\nz"u8.ToArray()));
    }

    private static async Task<string?> RunAsync(byte[] input)
    {
        using var budget = new CancellationTokenSource(Budget);
        try
        {
            return await Task.Run(() => ParseAndUse(input, budget.Token), budget.Token).WaitAsync(Budget + TimeSpan.FromSeconds(5));
        }
        catch (MimeLimitExceededException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return $"did not finish within {Budget.TotalSeconds} s";
        }
        catch (TimeoutException)
        {
            return $"did not finish within {Budget.TotalSeconds} s";
        }
        catch (Exception exception)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }

    private static string? ParseAndUse(byte[] input, CancellationToken cancellationToken)
    {
        var message = MimeMessage.Load(input, cancellationToken: cancellationToken);
        return Check(message, input);
    }

    private static string? Check(MimeMessage message, byte[] input)
    {
        if (!message.ToArray().AsSpan().SequenceEqual(input))
        {
            return "the round trip changed the bytes";
        }

        // Everything a consumer would touch: decoding, charsets, addresses, dates, reports, DKIM fields.
        _ = MessageInspector.ToJson(message);
        _ = (message.From, message.To, message.Cc, message.Date, message.MessageId, message.TextBody, message.HtmlBody);
        _ = message.Attachments.Select(a => a.FileName).ToList();
        _ = DeliveryStatusReport.TryParse(message, out _);
        _ = DispositionNotification.TryParse(message, out _);
        foreach (var header in message.Headers.FindAll("DKIM-Signature"))
        {
            _ = DkimSignature.TryParse(header.UnfoldedText, out _);
        }

        foreach (var header in message.Headers.Fields())
        {
            _ = AddressParser.Default.TryParseList(header.UnfoldedText, out _);
        }

        _ = new MboxReader().Split(input);
        return null;
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Variants(Random random, List<byte[]> sources)
    {
        for (var i = 0; i < 1500; i++)
        {
            yield return ($"flip#{i}", Flip(random, Pick(random, sources)));
        }

        for (var i = 0; i < 1500; i++)
        {
            yield return ($"boundary#{i}", DamageBoundaries(random, Pick(random, sources)));
        }

        for (var i = 0; i < 1000; i++)
        {
            yield return ($"splice#{i}", Splice(random, Pick(random, sources), Pick(random, sources)));
        }

        for (var i = 0; i < 800; i++)
        {
            yield return ($"newlines#{i}", MangleLineEndings(random, Pick(random, sources)));
        }

        for (var i = 0; i < 800; i++)
        {
            yield return ($"headers#{i}", HostileHeader(random, Pick(random, sources)));
        }

        for (var i = 0; i < 30; i++)
        {
            yield return ($"huge#{i}", HugeHeaders(random, Pick(random, sources)));
        }

        for (var depth = 50; depth <= 200; depth += 50)
        {
            yield return ($"nesting#{depth}", Nested(depth));
        }
    }

    private static byte[] Pick(Random random, List<byte[]> sources) => sources[random.Next(sources.Count)];

    private static byte[] Flip(Random random, byte[] source)
    {
        var bytes = (byte[])source.Clone();
        var flips = random.Next(1, 12);
        for (var i = 0; i < flips; i++)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private static byte[] DamageBoundaries(Random random, byte[] source)
    {
        var lines = SplitLines(source);
        var boundaryLines = lines.Select((l, i) => (l, i)).Where(x => x.l.AsSpan().StartsWith("--"u8)).Select(x => x.i).ToList();
        if (boundaryLines.Count == 0)
        {
            return Flip(random, source);
        }

        var index = boundaryLines[random.Next(boundaryLines.Count)];
        var line = lines[index];
        switch (random.Next(6))
        {
            case 0:
                lines.RemoveAt(index);
                break;
            case 1:
                lines.Insert(index, line);
                break;
            case 2:
                lines[index] = [.. line.Take(Math.Max(2, line.Length / 2)), (byte)'\n'];
                break;
            case 3:
                lines[index] = [.. line.TakeWhile(b => b is not ((byte)'\r' or (byte)'\n')), .. "--\n"u8.ToArray()];
                break;
            case 4:
                lines[index] = [.. line.TakeWhile(b => b is not ((byte)'\r' or (byte)'\n')), .. " trailing text\n"u8.ToArray()];
                break;
            default:
                lines.Insert(random.Next(lines.Count), line);
                break;
        }

        return [.. lines.SelectMany(l => l)];
    }

    private static byte[] Splice(Random random, byte[] target, byte[] donor)
    {
        var start = random.Next(donor.Length);
        var length = Math.Min(donor.Length - start, random.Next(1, 2048));
        var at = random.Next(target.Length + 1);
        return [.. target.AsSpan(0, at), .. donor.AsSpan(start, length), .. target.AsSpan(at)];
    }

    private static byte[] MangleLineEndings(Random random, byte[] source)
    {
        var output = new List<byte>(source.Length);
        foreach (var b in source)
        {
            if (b == (byte)'\n' && random.Next(4) == 0)
            {
                output.AddRange(random.Next(3) switch { 0 => "\r"u8.ToArray(), 1 => "\r\n"u8.ToArray(), _ => "\n\n"u8.ToArray() });
            }
            else if (b != (byte)'\r' || random.Next(3) != 0)
            {
                output.Add(b);
            }
        }

        return [.. output];
    }

    private static byte[] HostileHeader(Random random, byte[] source)
    {
        string[] fields =
        [
            "Subject: " + string.Concat(Enumerable.Repeat("=?utf-8?q?", random.Next(1, 5000))),
            "Subject: " + string.Concat(Enumerable.Repeat("=?x?B?" + new string('A', random.Next(1, 9)) + "?= ", random.Next(1, 2000))),
            "Content-Type: multipart/mixed; " + string.Concat(Enumerable.Range(0, random.Next(1, 3000)).Select(i => $"boundary*{random.Next(100000)}*=%{random.Next(256):X2}; ")),
            "Content-Type: text/plain; charset=\"" + new string('"', random.Next(1, 5000)),
            "To: " + new string('(', random.Next(1, 20000)) + "a@b" + new string(')', random.Next(0, 20000)),
            "From: " + string.Concat(Enumerable.Repeat("<a@b>, \"q\\\" ", random.Next(1, 3000))),
            "Content-Disposition: attachment; filename*0*=" + string.Concat(Enumerable.Repeat("%FF%", random.Next(1, 5000))),
            "DKIM-Signature: " + string.Concat(Enumerable.Repeat("z=a:b|; ", random.Next(1, 3000))),
            "Date: " + string.Concat(Enumerable.Repeat("((", random.Next(1, 5000))),
            "Content-Transfer-Encoding: " + (char)random.Next(256) + "base64",
        ];
        var field = Encoding.Latin1.GetBytes(fields[random.Next(fields.Length)] + "\r\n");
        var at = random.Next(2) == 0 ? 0 : Math.Max(0, source.AsSpan().IndexOf("\n"u8) + 1);
        return [.. source.AsSpan(0, at), .. field, .. source.AsSpan(at)];
    }

    private static byte[] HugeHeaders(Random random, byte[] source)
    {
        var text = random.Next(3) switch
        {
            0 => "X-Huge: " + new string('x', 2 * 1024 * 1024) + "\r\n",
            1 => string.Concat(Enumerable.Repeat("X-Many: 1\r\n", 150_000)),
            _ => "X-Folded: a" + string.Concat(Enumerable.Repeat("\r\n b", 400_000)) + "\r\n",
        };
        return [.. Encoding.ASCII.GetBytes(text), .. source];
    }

    private static byte[] Nested(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(i % 2 == 0 ? "Content-Type: message/rfc822\r\n\r\n" : $"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\nleaf\r\n").ToString());
    }

    private static List<byte[]> SplitLines(byte[] source)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == (byte)'\n')
            {
                lines.Add(source[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < source.Length)
        {
            lines.Add(source[start..]);
        }

        return lines;
    }
}
