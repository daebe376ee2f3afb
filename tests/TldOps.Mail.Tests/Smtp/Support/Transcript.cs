using System.Globalization;
using System.Text;

namespace TldOps.Mail.Tests.Smtp.Support;

/// <summary>One chunk of a recorded conversation: who sent it and the exact bytes.</summary>
internal sealed record TranscriptRecord(bool FromClient, byte[] Bytes);

/// <summary>
/// A recorded SMTP conversation, stored as text: comment lines start with '#', then one record
/// per line, "C: " (client) or "S: " (server) followed by the bytes of one read or write, with
/// CR, LF, TAB, backslash and every byte outside printable ASCII escaped (\r \n \t \\ \xHH).
/// </summary>
internal static class Transcript
{
    public static string DirectoryPath => Path.Combine(TldOps.Testing.SharedCorpus.RepositoryRoot, "tests", "TldOps.Mail.Tests", "Smtp", "Transcripts");

    public static IReadOnlyList<TranscriptRecord> Load(string name)
    {
        var records = new List<TranscriptRecord>();
        foreach (var line in File.ReadAllLines(Path.Combine(DirectoryPath, name)))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line.Length < 3 || line[1] != ':' || line[2] != ' ' || line[0] is not ('C' or 'S'))
            {
                throw new InvalidDataException($"Bad transcript line in {name}: {line}");
            }

            records.Add(new TranscriptRecord(line[0] == 'C', Unescape(line[3..])));
        }

        return records;
    }

    public static string Format(IEnumerable<TranscriptRecord> records, IEnumerable<string> comments)
    {
        var text = new StringBuilder();
        foreach (var comment in comments)
        {
            text.Append("# ").Append(comment).Append('\n');
        }

        foreach (var record in records)
        {
            text.Append(record.FromClient ? "C: " : "S: ").Append(Escape(record.Bytes)).Append('\n');
        }

        return text.ToString();
    }

    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length + 16);
        foreach (var b in bytes)
        {
            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\t' => "\\t",
                (byte)'\\' => "\\\\",
                >= 32 and < 127 => ((char)b).ToString(),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\x{b:X2}"),
            });
        }

        return text.ToString();
    }

    public static byte[] Unescape(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                bytes.Add(checked((byte)text[i]));
                continue;
            }

            var next = text[++i];
            switch (next)
            {
                case 'r': bytes.Add((byte)'\r'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case 'x':
                    bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                default: throw new InvalidDataException($"Bad escape \\{next}");
            }
        }

        return bytes.ToArray();
    }
}
